/**
 * Triggers → `kind:` sugar, the inverse of src/compiler/passes/trigger.ts. desugarTrigger gives the
 * candidates for one trigger operation, best first; the importer (./powerplatform.ts) keeps the first
 * that compiles back to the same operation, path-item keys and policy instance, else the plain
 * operation sugar. Odd shapes give no candidate (never a throw): the operation then stays raw.
 */
import { equalJson, getOwn, setOwn } from '../core/own.ts';
import { isObject } from '../swagger/index.ts';
import { desugarOperation, desugarSchema } from './desugar.ts';

type Obj = Record<string, unknown>;

/** A trigger's front-matter and what it stands for besides the operation. */
export interface TriggerCandidate {
  front: Obj;
  /** Path-item keys (beside the methods) the sugar compiles to. */
  consumedPathKeys: readonly string[];
  /** The `pollingtrigger` policy instance of apiProperties.json the sugar compiles to. */
  consumedPolicy?: Obj;
}

export interface TriggerContext {
  /** `definitions` of the document, to find a callback property behind a `$ref`. */
  definitions?: Obj | undefined;
  /** The `pollingtrigger` policy instance naming this operation, if any. */
  policy?: Obj | undefined;
}

/** Sugar candidates for the trigger operation `op` at `method path` in `pathItem`, best first. */
export function desugarTrigger(op: Obj, pathItem: Obj, method: string, path: string, stem: string, context: TriggerContext = {}): TriggerCandidate[] {
  const out: TriggerCandidate[] = [];
  const webhook = desugarWebhook(op, pathItem, method, path, stem, context.definitions);
  if (webhook) out.push({ front: webhook, consumedPathKeys: ['x-ms-notification-content'] });
  if (pathItem['x-ms-notification-content'] === undefined) {
    const withState = context.policy ? desugarPolling(op, method, path, stem, context.policy) : undefined;
    if (withState) out.push({ front: withState, consumedPathKeys: [], consumedPolicy: context.policy! });
    const stateless = desugarPolling(op, method, path, stem, undefined);
    if (stateless) out.push({ front: stateless, consumedPathKeys: [] });
  }
  return out;
}

/** The compiler appends the callback chain to `required` itself: drop a name only where it stands last. */
function dropRequired(node: Obj, name: string): void {
  if (!Array.isArray(node.required) || node.required.at(-1) !== name || node.required.indexOf(name) !== node.required.length - 1) return;
  const rest = node.required.slice(0, -1);
  if (rest.length) node.required = rest;
  else delete node.required;
}

const LOCAL_REF = /^#\/definitions\/(.+)$/;

/** The local definition a `$ref` names, one level (no chains). */
function definitionOf(node: Obj, definitions: Obj | undefined): Obj | undefined {
  const m = typeof node.$ref === 'string' ? LOCAL_REF.exec(node.$ref) : null;
  if (!m || !definitions) return undefined;
  const def = getOwn(definitions, decodeURIComponent(m[1]!).replace(/~1/g, '/').replace(/~0/g, '~'));
  return isObject(def) ? def : undefined;
}

/** Name of the flagged property of `schema` (own or behind one `$ref`). */
function flaggedProperty(props: Obj, definitions: Obj | undefined): [string, Obj] | undefined {
  for (const [name, value] of Object.entries(props)) {
    if (!isObject(value)) continue;
    if (value['x-ms-notification-url'] === true) return [name, value];
    if (definitionOf(value, definitions)?.['x-ms-notification-url'] === true) return [name, value];
  }
  return undefined;
}

/**
 * A webhook trigger as `kind: webhook`: the callback property and the notification content
 * become `callback` and `payload`. Returns undefined when the shape is not one the sugar says.
 */
export function desugarWebhook(op: Obj, pathItem: Obj, method: string, path: string, stem: string, definitions?: Obj): Obj | undefined {
  const content = pathItem['x-ms-notification-content'];
  const mode = op['x-ms-trigger'];
  // Without `x-ms-notification-content` (the platform validator wants one) the sugar just has no payload.
  if ((mode !== 'single' && mode !== 'batch') || (content !== undefined && !isObject(content)) || !Array.isArray(op.parameters)) return undefined;
  const bodies = op.parameters.filter((p): p is Obj => isObject(p) && p.in === 'body');
  const body = bodies[0];
  if (bodies.length !== 1 || !body || !isObject(body.schema)) return undefined;
  // The compiler marks the chain required unless told not to; a body written without it says not to.
  const markRequired = body.required === true;
  const schema = structuredClone(body.schema) as Obj;
  const names: string[] = [];
  if (typeof schema.$ref === 'string') {
    // The callback property lives in the definition; the compiler leaves a `$ref` body alone.
    const def = definitionOf(schema, definitions);
    const props = def && isObject(def.properties) ? def.properties : undefined;
    const hit = props ? flaggedProperty(props, definitions) : undefined;
    if (hit) names.push(hit[0]);
  } else {
    let node: Obj = schema;
    /** The objects passed on the way down, with the properties map holding each. */
    const chain: Array<{ props: Obj; name: string; node: Obj }> = [];
    // Follow the single chain of objects down to the flagged property (bounded by the schema's depth).
    for (let depth = 0; ; depth++) {
      const props = isObject(node.properties) ? node.properties : undefined;
      if (!props || depth > 50 || node.type === undefined) return undefined;
      const hit = flaggedProperty(props, definitions);
      if (hit) {
        names.push(hit[0]);
        const prop = hit[1];
        // The compiler generates exactly this property; one with a label, a description or a `$ref` stays as written.
        const generated = Object.keys(prop).every((k) => ['type', 'x-ms-notification-url', 'x-ms-visibility'].includes(k)) && prop.type === 'string' && prop['x-ms-visibility'] === 'internal';
        const lastProperty = Object.keys(props).at(-1) === hit[0];
        if (markRequired) dropRequired(node, hit[0]);
        if (generated && lastProperty) {
          delete props[hit[0]];
          // An object left as the compiler would create it (`type: object`, no properties) goes too.
          for (const { props: parent, name, node: passed } of chain.reverse()) {
            const bare = Object.keys(passed).length === 2 && passed.type === 'object' && isObject(passed.properties) && Object.keys(passed.properties).length === 0;
            if (!bare || Object.keys(parent).at(-1) !== name) break;
            delete parent[name];
          }
        }
        break;
      }
      const next = Object.entries(props).find(([, v]) => isObject(v) && isObject((v as Obj).properties) && JSON.stringify(v).includes('"x-ms-notification-url":true'));
      if (!next) return undefined;
      names.push(next[0]);
      if (markRequired) dropRequired(node, next[0]);
      chain.push({ props, name: next[0], node: next[1] as Obj });
      node = next[1] as Obj;
    }
  }
  // A body the compiler would create itself (it only holds the callback chain) is left to it.
  const bareBody =
    markRequired && op.parameters.at(-1) === body && Object.keys(body).length === 4 && body.name === 'body' &&
    Object.keys(schema).length === 2 && schema.type === 'object' && isObject(schema.properties) && Object.keys(schema.properties).length === 0;
  const parameters = bareBody ? op.parameters.slice(0, -1) : op.parameters.map((p) => (p === body ? { ...body, schema } : p));
  const rest: Obj = { ...op, parameters };
  if (parameters.length === 0) delete rest.parameters;
  const trigger = desugarOperation(rest, method, path, stem);
  const fm: Obj = { kind: 'webhook' };
  for (const [k, v] of Object.entries(trigger)) if (k !== 'x-ms-trigger') setOwn(fm, k, v);
  const dotted = names.join('.');
  if (dotted !== '' && dotted !== 'callbackUrl') fm.callback = dotted;
  if (!markRequired) fm.callbackRequired = false;
  if (mode === 'batch') fm.batch = true;
  const extra: Obj = {};
  for (const [k, v] of Object.entries(content ?? {})) {
    if (k === 'description') fm.payloadDescription = v;
    else if (k === 'schema') fm.payload = desugarSchema(v);
    else setOwn(extra, k, v);
  }
  if (Object.keys(extra).length) fm.notificationContent = extra;
  return fm;
}

const METADATA = { kind: 'query', mode: 'polling' };
const DATA_PATH = /^@triggerBody\(\)((?:\.[A-Za-z_$][\w$-]*)*)$/;
const POLICY_PARAMETERS = new Set(['x-ms-apimTemplate-operationName', 'x-ms-apimTemplateParameter.triggerConfig', 'x-ms-apimTemplateParameter.triggerDataPath']);

/**
 * A polling trigger as `kind: polling`. With `policy` (its `pollingtrigger` instance), the state
 * parameter and the instance become `state` and `items` (style A); without, the API keeps the
 * state itself (style B) and only the trigger flags become sugar.
 */
export function desugarPolling(op: Obj, method: string, path: string, stem: string, policy: Obj | undefined): Obj | undefined {
  const mode = op['x-ms-trigger'];
  if (mode !== 'single' && mode !== 'batch') return undefined;
  const metadata = op['x-ms-trigger-metadata'];
  if (metadata !== undefined && !equalJson(metadata, METADATA)) return undefined;
  if (JSON.stringify(op.parameters ?? null).includes('"x-ms-notification-url":true')) return undefined;
  const rest: Obj = { ...op };
  let state: Obj | undefined;
  let items: string | undefined;
  if (policy) {
    const found = pollingState(policy, op);
    if (!found || !Array.isArray(op.parameters)) return undefined;
    const index = op.parameters.findIndex((p) => isObject(p) && p.name === found.state.parameter && p.in === 'query');
    if (index < 0) return undefined;
    // The compiler fills `required`, `default` and `x-ms-visibility` on the state parameter: leave them to it.
    const param = { ...(op.parameters[index] as Obj) };
    if (param.required === true) delete param.required;
    if (param['x-ms-visibility'] === 'internal') delete param['x-ms-visibility'];
    if (param.default !== undefined && (typeof param.default === 'string' || typeof param.default === 'number' || typeof param.default === 'boolean')) {
      found.state.initial = param.default;
      delete param.default;
    }
    rest.parameters = op.parameters.map((p, i) => (i === index ? param : p));
    state = found.state;
    items = found.items;
  }
  const sugar = desugarOperation(rest, method, path, stem);
  const fm: Obj = { kind: 'polling' };
  for (const [k, v] of Object.entries(sugar)) if (k !== 'x-ms-trigger' && k !== 'x-ms-trigger-metadata') setOwn(fm, k, v);
  if (mode === 'single') fm.batch = false;
  if (metadata === undefined) fm.metadata = false;
  if (items !== undefined) fm.items = items;
  if (state) fm.state = state;
  return fm;
}

/** `state` and `items` of a `pollingtrigger` instance the compiler can generate for `op`. */
function pollingState(policy: Obj, op: Obj): { state: Obj; items?: string } | undefined {
  const parameters = policy.parameters;
  if (policy.templateId !== 'pollingtrigger' || (policy.type !== undefined && typeof policy.type !== 'string') || typeof policy.title !== 'string' || !isObject(parameters)) return undefined;
  if (Object.keys(policy).some((k) => !['templateId', 'title', 'type', 'parameters'].includes(k))) return undefined;
  if (Object.keys(parameters).length !== POLICY_PARAMETERS.size || Object.keys(parameters).some((k) => !POLICY_PARAMETERS.has(k))) return undefined;
  if (!equalJson(parameters['x-ms-apimTemplate-operationName'], [op.operationId])) return undefined;
  const config = parameters['x-ms-apimTemplateParameter.triggerConfig'];
  const dataPath = parameters['x-ms-apimTemplateParameter.triggerDataPath'];
  if (!isObject(config) || typeof dataPath !== 'string') return undefined;
  const entries = Object.entries(config);
  if (entries.length !== 1 || typeof entries[0]![1] !== 'string') return undefined;
  const m = DATA_PATH.exec(dataPath);
  if (!m) return undefined;
  const state: Obj = { parameter: entries[0]![0], next: entries[0]![1] };
  if (policy.title !== `Polling state for ${String(op.operationId)}`) state.title = policy.title;
  if (policy.type !== 'PollingTrigger') state.type = policy.type ?? false;
  return { state, ...(m[1] ? { items: m[1].slice(1) } : {}) };
}

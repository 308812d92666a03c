/**
 * Triggers → `kind:` sugar, the inverse of src/compiler/passes/trigger.ts. desugarTrigger gives the
 * candidates for one trigger operation, best first; the importer (./powerplatform.ts) keeps the first
 * that compiles back to the same operation and path-item keys, else the plain operation sugar.
 */
import { setOwn } from '../core/own.ts';
import { isObject } from '../swagger/index.ts';
import { desugarOperation, desugarSchema } from './desugar.ts';

type Obj = Record<string, unknown>;

/** A trigger's front-matter and the path-item keys (beside the methods) it stands for. */
export interface TriggerCandidate {
  front: Obj;
  consumedPathKeys: readonly string[];
}

/** Sugar candidates for the trigger operation `op` at `method path` in `pathItem`, best first. */
export function desugarTrigger(op: Obj, pathItem: Obj, method: string, path: string, stem: string): TriggerCandidate[] {
  const webhook = desugarWebhook(op, pathItem, method, path, stem);
  return webhook ? [{ front: webhook, consumedPathKeys: ['x-ms-notification-content'] }] : [];
}

/** The compiler lists the callback chain in `required` itself. */
function dropRequired(node: Obj, name: string): void {
  if (!Array.isArray(node.required)) return;
  const rest = node.required.filter((n) => n !== name);
  if (rest.length) node.required = rest;
  else delete node.required;
}

/**
 * A webhook trigger as `kind: webhook`: the callback property and the notification content
 * become `callback` and `payload`. Returns undefined when the shape is not the usual one.
 */
export function desugarWebhook(op: Obj, pathItem: Obj, method: string, path: string, stem: string): Obj | undefined {
  const content = pathItem['x-ms-notification-content'];
  if (op['x-ms-trigger'] !== 'single' || !isObject(content) || !Array.isArray(op.parameters)) return undefined;
  const body = op.parameters.find((p): p is Obj => isObject(p) && p.in === 'body');
  if (!body || !isObject(body.schema) || typeof body.schema.$ref === 'string') return undefined;
  const schema = structuredClone(body.schema) as Obj;
  const names: string[] = [];
  let node: Obj = schema;
  // Follow the single chain of objects down to the flagged property.
  for (;;) {
    const props = isObject(node.properties) ? node.properties : undefined;
    if (!props) return undefined;
    const hit = Object.entries(props).find(([, v]) => isObject(v) && v['x-ms-notification-url'] === true);
    if (hit) {
      names.push(hit[0]);
      const prop = hit[1] as Obj;
      // The compiler generates exactly this property; one with a label or description stays as written.
      const generated = Object.keys(prop).every((k) => ['type', 'x-ms-notification-url', 'x-ms-visibility'].includes(k)) && prop.type === 'string' && prop['x-ms-visibility'] === 'internal';
      if (generated) {
        delete props[hit[0]];
        dropRequired(node, hit[0]);
      }
      break;
    }
    const nested = Object.entries(props).filter(([, v]) => isObject(v) && isObject((v as Obj).properties));
    const next = nested.find(([, v]) => JSON.stringify(v).includes('"x-ms-notification-url":true'));
    if (!next) return undefined;
    names.push(next[0]);
    dropRequired(node, next[0]);
    node = next[1] as Obj;
  }
  const trigger = desugarOperation({ ...op, parameters: op.parameters.map((p) => (p === body ? { ...body, schema } : p)) }, method, path, stem);
  const fm: Obj = { kind: 'webhook' };
  for (const [k, v] of Object.entries(trigger)) if (k !== 'x-ms-trigger') setOwn(fm, k, v);
  if (names.join('.') !== 'callbackUrl') fm.callback = names.join('.');
  if (content.description !== undefined) fm.payloadDescription = content.description;
  fm.payload = desugarSchema(content.schema);
  return fm;
}

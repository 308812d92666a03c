/**
 * Triggers declared by kind → the platform contracts (src/PLATFORM.md #webhook-triggers, #polling-triggers).
 * webhook: `x-ms-trigger: single`, the internal+required callback property flagged with
 * `x-ms-notification-url`, `x-ms-notification-content` on the path item, and an optional
 * generated internal DELETE operation for unsubscribe.
 * polling: `x-ms-trigger: batch` (or `single`) + `x-ms-trigger-metadata` (unless `metadata: false`);
 * with `state` (style A) the internal required state parameter with its initial default and a
 * `pollingtrigger` policy instance, placed by a marker in `policies` or appended after them.
 * Without `state` (style B) the API keeps the state; nothing more is generated.
 * The compiler only fills what is missing, so an imported trigger keeps what it wrote.
 */
import { assignOwn, getOwn, setOwn } from '../../core/own.ts';
import type { Path } from '../../core/pointer.ts';
import type { ObjectBuilder } from '../builder.ts';
import { compileOperation, pathTemplateNames, type CompiledOperation } from './operation.ts';
import { child, compileSchema, type Place } from './schema.ts';
import { isObject } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

export interface CompiledTrigger extends CompiledOperation {
  /** Set on the path item: `x-ms-notification-content`. */
  notificationContent?: Obj;
  /** A generated unsubscribe operation. */
  unsubscribe?: CompiledOperation;
  /** A generated `pollingtrigger` policy instance. */
  policy?: Obj;
}

const TRIGGER_KEYS = new Set(['callback', 'callbackRequired', 'payload', 'payloadDescription', 'notificationContent', 'unsubscribe', 'items', 'state', 'batch', 'metadata']);

export function compileTrigger(data: Obj, place: Place, defaultId: string | undefined): CompiledTrigger | undefined {
  const kind = data.kind;
  const compiled: CompiledTrigger | undefined = compileOperation(data, place, defaultId, (b: ObjectBuilder, key, value) => {
    const at: Path = [...place.src, key];
    if (key === 'hint') b.set('x-ms-trigger-hint', value, place.file, at);
    else if (key === 'kind') {
      if (kind === 'webhook') b.set('x-ms-trigger', data.batch === true ? 'batch' : 'single', place.file, at);
      else if (kind === 'polling') {
        b.set('x-ms-trigger', data.batch === false ? 'single' : 'batch', place.file, at);
        if (data.metadata !== false) b.set('x-ms-trigger-metadata', { kind: 'query', mode: 'polling' }, place.file, at);
      }
    } else if (TRIGGER_KEYS.has(key)) return true;
    else return false;
    return true;
  });
  if (!compiled) return undefined;
  const op = compiled.operation;
  const opPlace: Place = place;
  if (kind === 'webhook') {
    const callback = typeof data.callback === 'string' ? data.callback : 'callbackUrl';
    injectCallback(op, callback, data.callbackRequired !== false, opPlace, [...place.src, data.callback !== undefined ? 'callback' : 'kind']);
    const extra = isObject(data.notificationContent) ? data.notificationContent : undefined;
    if (data.payload !== undefined || data.payloadDescription !== undefined || extra) {
      const content: Obj = {};
      if (data.payloadDescription !== undefined) content.description = data.payloadDescription;
      if (data.payload !== undefined) {
        content.schema = compileSchema(data.payload, child(place, 'payload'));
        place.ctx.trackKey(content, 'schema', place.file, [...place.src, 'payload']);
      }
      for (const [k, v] of Object.entries(extra ?? {})) if (k !== 'description' && k !== 'schema') setOwn(content, k, v);
      place.ctx.track(content, place.file, place.src);
      compiled.notificationContent = content;
    }
    if (isObject(data.unsubscribe)) {
      const unsubscribe = compileUnsubscribe(data.unsubscribe, { ...place, src: [...place.src, 'unsubscribe'] }, op);
      if (unsubscribe) compiled.unsubscribe = unsubscribe;
    }
  } else if (kind === 'polling') {
    const statePlace = child(place, 'state');
    if (isObject(data.state)) {
      injectState(op, data.state, opPlace, statePlace.src);
      compiled.policy = pollingPolicy(compiled.operationId ?? '', data.state, data.items);
    }
  }
  return compiled;
}

/**
 * The internal DELETE operation the platform calls on the subscription's `Location`. Its path
 * parameters default to the subscribe operation's parameters of the same name (same type,
 * label and encoding, as the validator wants), then `{ type: string }`.
 */
function compileUnsubscribe(data: Obj, place: Place, subscribe: Obj): CompiledOperation | undefined {
  const request = typeof data.request === 'string' ? data.request : '';
  const path = request.trim().split(/\s+/)[1] ?? '';
  const subscribeParams = Array.isArray(subscribe.parameters) ? subscribe.parameters.filter(isObject) : [];
  const parameters: Obj = {};
  for (const name of pathTemplateNames(path)) {
    const same = subscribeParams.find((p) => p.name === name && p.in === 'path');
    const param: Obj = same ? { ...same } : { type: 'string' };
    delete param['x-ms-visibility'];
    setOwn(parameters, name, param);
  }
  if (isObject(data.parameters)) assignOwn(parameters, data.parameters);
  const generated: Obj = {
    request: data.request,
    operationId: data.operationId,
    ...(data.summary !== undefined ? { summary: data.summary } : {}),
    ...(data.description !== undefined ? { description: data.description } : {}),
    visibility: 'internal',
    'x-ms-no-generic-test': true,
    parameters,
    responses: data.responses ?? { '200': {} },
  };
  return compileOperation(generated, place, undefined);
}

function bodyParameter(op: Obj): Obj | undefined {
  const list = Array.isArray(op.parameters) ? (op.parameters as unknown[]) : undefined;
  return list?.find((p): p is Obj => isObject(p) && p.in === 'body');
}

/**
 * Adds the callback property (string, internal, flagged) and, unless `markRequired` is false,
 * makes it required up the chain. A property written as a `$ref` is left as it is.
 */
function injectCallback(op: Obj, dotted: string, markRequired: boolean, place: Place, at: Path): void {
  let body = bodyParameter(op);
  if (!body) {
    body = { name: 'body', in: 'body', ...(markRequired ? { required: true } : {}), schema: { type: 'object', properties: {} } };
    const list = Array.isArray(op.parameters) ? (op.parameters as unknown[]) : [];
    list.push(body);
    op.parameters = list;
    place.ctx.track(body, place.file, at);
  }
  if (markRequired && body.required === undefined) body.required = true;
  let schema = body.schema as Obj | undefined;
  if (!isObject(schema)) body.schema = schema = { type: 'object', properties: {} };
  if (typeof schema.$ref === 'string') {
    // The referenced definition must carry the property itself; the webhook rule checks it.
    return;
  }
  const names = dotted.split('.');
  names.forEach((name, i) => {
    const s = schema!;
    if (s.type === undefined) s.type = 'object';
    const properties = (isObject(s.properties) ? s.properties : (s.properties = {})) as Obj;
    // Own keys only: a callback named `__proto__.x` must not reach Object.prototype.
    const required = Array.isArray(s.required) ? (s.required as string[]) : [];
    if (markRequired && !required.includes(name)) s.required = [...required, name];
    const last = i === names.length - 1;
    if (!isObject(getOwn(properties, name))) setOwn(properties, name, last ? {} : { type: 'object', properties: {} });
    schema = getOwn<Obj>(properties, name)!;
    if (last && typeof schema.$ref !== 'string') {
      if (schema.type === undefined) schema.type = 'string';
      if (schema['x-ms-notification-url'] === undefined) schema['x-ms-notification-url'] = true;
      if (schema['x-ms-visibility'] === undefined) schema['x-ms-visibility'] = 'internal';
    }
  });
}

/** Adds (or completes) the internal, required, defaulted query parameter that carries polling state. */
function injectState(op: Obj, state: Obj, place: Place, at: Path): void {
  const name = state.parameter;
  if (typeof name !== 'string') return;
  const list = Array.isArray(op.parameters) ? (op.parameters as unknown[]) : (op.parameters = []) as unknown[];
  let param = list.find((p): p is Obj => isObject(p) && p.name === name);
  if (!param) {
    param = { name, in: 'query', type: 'string' };
    list.push(param);
    place.ctx.track(param, place.file, at);
  }
  if (param.required === undefined) param.required = true;
  if (param.default === undefined && state.initial !== undefined) param.default = state.initial;
  if (param['x-ms-visibility'] === undefined) param['x-ms-visibility'] = 'internal';
}

function pollingPolicy(operationId: string, state: Obj, items: unknown): Obj {
  const dataPath = typeof items === 'string' && items !== '' ? `@triggerBody().${items.split('/').join('.')}` : '@triggerBody()';
  return {
    templateId: 'pollingtrigger',
    title: typeof state.title === 'string' ? state.title : `Polling state for ${operationId}`,
    ...(state.type === false ? {} : { type: typeof state.type === 'string' ? state.type : 'PollingTrigger' }),
    parameters: {
      'x-ms-apimTemplate-operationName': [operationId],
      'x-ms-apimTemplateParameter.triggerConfig': { [String(state.parameter)]: state.next },
      'x-ms-apimTemplateParameter.triggerDataPath': dataPath,
    },
  };
}

/**
 * A `policies:` entry that is only `template: pollingtrigger` and `operations: [<id>]` marks where
 * the instance generated by the polling trigger `<id>` (its `state`) stands among the policies; the
 * importer writes one when the instance does not stand last. Replaces each marker in `compiled`
 * (the compiled `policies`, index for index with `written`) and takes it out of `generated`;
 * the instances left are appended after the others.
 */
export function placeTriggerPolicies(compiled: unknown[], written: readonly unknown[], generated: Obj[]): void {
  written.forEach((entry, i) => {
    if (!isPollingMarker(entry)) return;
    const id = (entry.operations as string[])[0];
    const at = generated.findIndex((p) => isObject(p.parameters) && (p.parameters['x-ms-apimTemplate-operationName'] as unknown[])[0] === id);
    if (at < 0 || i >= compiled.length) return;
    compiled[i] = generated[at];
    generated.splice(at, 1);
  });
}

/** `{ template: pollingtrigger, operations: [<id>] }` and nothing else. */
export function isPollingMarker(entry: unknown): entry is Obj {
  return (
    isObject(entry) && entry.template === 'pollingtrigger' && Object.keys(entry).length === 2 &&
    Array.isArray(entry.operations) && entry.operations.length === 1 && typeof entry.operations[0] === 'string'
  );
}

/**
 * Swagger → authoring sugar, node by node. Every function here is the inverse of a compiler
 * pass; the importer compiles each result back and keeps the sugar only where the round trip
 * is exact, so nothing is ever lost by being "prettier".
 */
import { equalJson as equal, getOwn, setOwn } from '../core/own.ts';
import { compileDynamicSchema, compileDynamicValues } from '../compiler/passes/dynamic.ts';
import { pathTemplateNames } from '../compiler/passes/operation.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

const RENAME_BACK: Record<string, string> = {
  'x-ms-summary': 'summary',
  'x-ms-visibility': 'visibility',
  'x-ms-test-value': 'testValue',
};

/** `{ value: v }` / `{ parameterReference: p }` (dynamic-list form) → sugar argument. */
function argsFromList(list: unknown): Obj | undefined {
  if (!isObject(list)) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(list)) {
    if (isObject(v) && 'parameterReference' in v && Object.keys(v).length === 1) setOwn(out, k, { parameter: v.parameterReference });
    else if (isObject(v) && 'value' in v && Object.keys(v).length === 1) setOwn(out, k, v.value);
    else return undefined;
  }
  return out;
}

/** The `dynamicValues` sugar for a node, when both twins are present. (Verified by the caller.) */
function dynamicValuesSugar(node: Obj): Obj | undefined {
  const values = node['x-ms-dynamic-values'];
  const list = node['x-ms-dynamic-list'];
  if (!isObject(values) || !isObject(list)) return undefined;
  const sugar: Obj = { operationId: values.operationId };
  if (values.parameters !== undefined) sugar.parameters = values.parameters;
  if (values['value-collection'] !== undefined) sugar.collection = values['value-collection'];
  sugar.value = values['value-path'];
  if (values['value-title'] !== undefined) sugar.title = values['value-title'];
  const [v, l] = compileDynamicValues(sugar);
  return equal(v, values) && equal(l, list) ? sugar : undefined;
}

function dynamicSchemaSugar(node: Obj): Obj | undefined {
  const schema = node['x-ms-dynamic-schema'];
  const properties = node['x-ms-dynamic-properties'];
  if (!isObject(schema) || !isObject(properties)) return undefined;
  const sugar: Obj = { operationId: schema.operationId };
  if (schema.parameters !== undefined) sugar.parameters = schema.parameters;
  if (schema['value-path'] !== undefined) sugar.path = schema['value-path'];
  const [d, p] = compileDynamicSchema(sugar);
  return equal(d, schema) && equal(p, properties) ? sugar : undefined;
}

/** Renames `x-ms-*` keys to their sugar in one node, in place of the original key. */
export function desugarKeys(node: Obj, extra: Record<string, string> = {}): Obj {
  const out: Obj = {};
  const dynamicValues = dynamicValuesSugar(node);
  const dynamicSchema = dynamicSchemaSugar(node);
  for (const [key, value] of Object.entries(node)) {
    const sugar = getOwn<string>(RENAME_BACK, key) ?? getOwn<string>(extra, key);
    if (sugar && !Object.hasOwn(node, sugar)) out[sugar] = value;
    else if (key === 'x-ms-dynamic-values' && dynamicValues && !('dynamicValues' in node)) out.dynamicValues = dynamicValues;
    else if (key === 'x-ms-dynamic-list' && dynamicValues && !('dynamicValues' in node)) continue;
    else if (key === 'x-ms-dynamic-schema' && dynamicSchema && !('dynamicSchema' in node)) out.dynamicSchema = dynamicSchema;
    else if (key === 'x-ms-dynamic-properties' && dynamicSchema && !('dynamicSchema' in node)) continue;
    else setOwn(out, key, value);
  }
  return out;
}

const SUB_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SUB_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SUB_ONE = new Set(['not', 'additionalProperties']);

export function desugarSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out = desugarKeys(schema);
  for (const [key, value] of Object.entries(out)) {
    if (SUB_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, desugarSchema(v)]));
    else if (SUB_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(desugarSchema);
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map(desugarSchema) : desugarSchema(value);
    else if (SUB_ONE.has(key)) out[key] = desugarSchema(value);
  }
  return out;
}

export function desugarParameter(param: unknown, routePath: string | undefined, keepName: boolean): unknown {
  if (!isObject(param)) return param;
  if (typeof param.$ref === 'string') return param;
  const out = desugarKeys(param, { 'x-ms-url-encoding': 'urlEncoding' });
  if (!keepName) delete out.name;
  const inPath = routePath !== undefined && typeof param.name === 'string' && pathTemplateNames(routePath).includes(param.name);
  if (routePath !== undefined && param.in === 'path' && inPath && param.required === true && param['x-ms-url-encoding'] !== undefined) {
    delete out.in;
    delete out.required;
    if (out.urlEncoding === 'single') delete out.urlEncoding;
  } else if (routePath !== undefined && param.in === 'query' && !inPath) delete out.in;
  if (isObject(out.schema)) out.schema = desugarSchema(out.schema);
  if (isObject(out.items)) out.items = desugarSchema(out.items);
  return out;
}

/** Parameters as a map keyed by name when names allow it, with the body shorthand; else a list. */
export function desugarParameters(list: unknown, routePath: string): { parameters?: unknown; body?: unknown } {
  if (!Array.isArray(list)) return list === undefined ? {} : { parameters: list };
  const names = list.map((p) => (isObject(p) ? p.name : undefined));
  const mapable =
    list.every((p) => isObject(p) && typeof p.name === 'string' && p.$ref === undefined) &&
    new Set(names).size === names.length &&
    names.every((n) => typeof n === 'string' && !/^(0|[1-9]\d*)$/.test(n));
  if (!mapable) return { parameters: list.map((p) => desugarParameter(p, routePath, true)) };
  const last = list.at(-1) as Obj | undefined;
  const withBody = last !== undefined && last.in === 'body';
  const rest = withBody ? list.slice(0, -1) : list;
  const result: { parameters?: unknown; body?: unknown } = {};
  if (rest.length) result.parameters = Object.fromEntries(rest.map((p) => [(p as Obj).name, desugarParameter(p, routePath, false)]));
  if (withBody) {
    const body = desugarParameter(last, undefined, last.name !== 'body') as Obj;
    delete body.in;
    result.body = body;
  }
  return result;
}

export function desugarResponses(responses: unknown): unknown {
  if (!isObject(responses)) return responses;
  const out: Obj = {};
  for (const [status, response] of Object.entries(responses)) {
    if (!isObject(response) || typeof response.$ref === 'string') {
      setOwn(out, status, response);
      continue;
    }
    const r: Obj = {};
    for (const [key, value] of Object.entries(response)) {
      if (key === 'x-ms-summary' && !('summary' in response)) r.summary = value;
      else if (key === 'schema') r.schema = desugarSchema(value);
      else setOwn(r, key, value);
    }
    setOwn(out, status, r);
  }
  return out;
}

/** An operation → action/trigger front-matter with all the sugar that applies. */
export function desugarOperation(op: Obj, method: string, path: string, stem: string): Obj {
  const out: Obj = {};
  if (op.operationId !== stem) out.operationId = op.operationId;
  out.request = `${method.toUpperCase()} ${path}`;
  for (const [key, value] of Object.entries(op)) {
    if (key === 'operationId') continue;
    if (key === 'x-ms-visibility' && !('visibility' in op)) out.visibility = value;
    else if (key === 'x-ms-trigger-hint' && op['x-ms-trigger'] !== undefined && !('hint' in op)) out.hint = value;
    else if (key === 'parameters') Object.assign(out, desugarParameters(value, path));
    else if (key === 'responses') out.responses = desugarResponses(value);
    else setOwn(out, key, value);
  }
  return out;
}

/** The same operation with no sugar at all: only the request line and the file-name id. */
export function rawOperation(op: Obj, method: string, path: string, stem: string): Obj {
  const out: Obj = {};
  if (op.operationId !== stem) out.operationId = op.operationId;
  out.request = `${method.toUpperCase()} ${path}`;
  for (const [key, value] of Object.entries(op)) if (key !== 'operationId') setOwn(out, key, value);
  return out;
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

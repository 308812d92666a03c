/**
 * Swagger → authoring sugar, node by node. Every function here is the inverse of a compiler
 * pass; the importer compiles each result back and keeps the sugar only where the round trip
 * is exact, so nothing is ever lost by being "prettier".
 */
import { getOwn, setOwn } from '../core/own.ts';
import { pathTemplateNames } from '../compiler/passes/operation.ts';
import { isObject } from '../swagger/index.ts';
import { dynamicSchemaSugar, dynamicValuesSugar } from './desugar-dynamic.ts';

type Obj = Record<string, unknown>;

const RENAME_BACK: Record<string, string> = {
  'x-ms-summary': 'summary',
  'x-ms-visibility': 'visibility',
  'x-ms-test-value': 'testValue',
};

/**
 * A value the `visibility` sugar takes. Any other (`""`, `Advanced`: certified connectors carry
 * them, and the designer tolerates them) stays a raw `x-ms-visibility`, which the check reports as
 * the `x-ms-visibility-value` warning it is in the folder, not as a front-matter error.
 */
function isVisibility(value: unknown): boolean {
  return value === 'important' || value === 'advanced' || value === 'internal';
}

/** Renames `x-ms-*` keys to their sugar in one node, in place of the original key. */
export function desugarKeys(node: Obj, extra: Record<string, string> = {}): Obj {
  const out: Obj = {};
  const dynamic = [
    { key: 'dynamicValues', found: 'dynamicValues' in node ? undefined : dynamicValuesSugar(node) },
    { key: 'dynamicSchema', found: 'dynamicSchema' in node ? undefined : dynamicSchemaSugar(node) },
  ];
  for (const [key, value] of Object.entries(node)) {
    const sugar = getOwn<string>(RENAME_BACK, key) ?? getOwn<string>(extra, key);
    const replaced = dynamic.find((d) => d.found?.consumes.includes(key));
    if (replaced) {
      // The sugar stands where the first key it replaces stood.
      if (!Object.hasOwn(out, replaced.key)) out[replaced.key] = replaced.found!.sugar;
    } else if (sugar && !Object.hasOwn(node, sugar) && (key !== 'x-ms-visibility' || isVisibility(value))) out[sugar] = value;
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

/**
 * The keys of a node in the order a person reads them: `first` (those present, in that order), the
 * others as they came, then `last`. Only the order changes, and the compiler does not depend on it
 * (every import is compiled back and compared, key order aside).
 */
export function inOrder(node: Obj, first: readonly string[], last: readonly string[] = []): Obj {
  const out: Obj = {};
  for (const key of first) if (Object.hasOwn(node, key)) out[key] = node[key];
  for (const [key, value] of Object.entries(node)) if (!first.includes(key) && !last.includes(key)) setOwn(out, key, value);
  for (const key of last) if (Object.hasOwn(node, key)) out[key] = node[key];
  return out;
}

/**
 * Operation front-matter: what it is and does first; its inputs, then its outputs, last. A
 * trigger's own keys (src/model/trigger.ts) sit between: the callback property of the subscribe
 * body and the polling state after the inputs they name, the payload before the responses.
 */
const OPERATION_FIRST = ['operationId', 'kind', 'request', 'summary', 'description', 'visibility', 'hint'] as const;
const OPERATION_LAST = ['parameters', 'body', 'callback', 'state', 'items', 'batch', 'payloadDescription', 'payload', 'x-ms-notification-content', 'unsubscribe', 'responses'] as const;
/** A parameter: where it goes, then how it is shown; the rest (type, format, dynamic values…) after. */
const PARAMETER_FIRST = ['name', 'in', 'required', 'summary', 'description', 'visibility', 'type', 'format'] as const;
const RESPONSE_FIRST = ['summary', 'description'] as const;

/** An action or trigger file's front-matter in reading order (see OPERATION_FIRST / OPERATION_LAST). */
export function operationInReadingOrder(front: Obj): Obj {
  return inOrder(front, OPERATION_FIRST, OPERATION_LAST);
}

export function desugarParameter(param: unknown, routePath: string | undefined, keepName: boolean): unknown {
  if (!isObject(param)) return param;
  if (typeof param.$ref === 'string') return param;
  const out = inOrder(desugarKeys(param, { 'x-ms-url-encoding': 'urlEncoding' }), PARAMETER_FIRST);
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
  // `parameters: []` in the source is kept (the compiled operation has it); it is the only empty one written.
  if (list.length === 0) return { parameters: [] };
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
    setOwn(out, status, inOrder(r, RESPONSE_FIRST));
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
    if (key === 'x-ms-visibility' && !('visibility' in op) && isVisibility(value)) out.visibility = value;
    else if (key === 'x-ms-trigger-hint' && op['x-ms-trigger'] !== undefined && !('hint' in op)) out.hint = value;
    else if (key === 'parameters') Object.assign(out, desugarParameters(value, path));
    else if (key === 'responses') out.responses = desugarResponses(value);
    else setOwn(out, key, value);
  }
  return operationInReadingOrder(out);
}

/** The same operation with no sugar at all: only the request line and the file-name id. */
export function rawOperation(op: Obj, method: string, path: string, stem: string): Obj {
  const out: Obj = {};
  if (op.operationId !== stem) out.operationId = op.operationId;
  out.request = `${method.toUpperCase()} ${path}`;
  for (const [key, value] of Object.entries(op)) if (key !== 'operationId') setOwn(out, key, value);
  return operationInReadingOrder(out);
}


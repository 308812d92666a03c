/** Actions and triggers → Swagger operations: request line, parameters map, body, responses. */
import { STATUS_CODES } from 'node:http';
import { setOwn } from '../../core/own.ts';
import type { Path } from '../../core/pointer.ts';
import { ObjectBuilder } from '../builder.ts';
import { child, compileSchema, compileSugarKey, type Place } from './schema.ts';
import { isObject } from '../../swagger/index.ts';

export interface CompiledOperation {
  method: string;
  path: string;
  operationId: string | undefined;
  operation: Record<string, unknown>;
  /** Where the request line was written (for route conflicts). */
  routeAt: Path;
}

/** Keys of the authoring model that describe triggers; handled by the trigger pass. */
export const TRIGGER_KEYS = new Set(['kind', 'callback', 'payload', 'payloadDescription', 'unsubscribe', 'items', 'state', 'batch', 'hint']);

export function pathTemplateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** One parameter: name and `in` first (inferred when omitted), then the author's keys in order. */
export function compileParameter(name: string | undefined, value: unknown, place: Place, routePath: string | undefined): unknown {
  if (!isObject(value)) return value;
  if (typeof value.$ref === 'string' && Object.keys(value).length === 1) {
    const ref = { $ref: value.$ref };
    place.ctx.track(ref, place.file, place.src);
    return ref;
  }
  const b = new ObjectBuilder(place.ctx, place.file, place.src);
  const paramName = typeof value.name === 'string' ? value.name : name;
  const nameAt = value.name !== undefined ? [...place.src, 'name'] : place.src;
  b.set('name', paramName, place.file, nameAt);
  const inferredPath = value.in === undefined && routePath !== undefined && paramName !== undefined && pathTemplateNames(routePath).includes(paramName);
  if (value.in !== undefined) b.own('in', value.in);
  else if (routePath !== undefined) b.generated('in', inferredPath ? 'path' : 'query', place.file, place.src);
  if (inferredPath && value.required === undefined) b.generated('required', true, place.file, place.src);
  // The validator wants an explicit encoding on path parameters (PathParameterMissingEncoding).
  if (inferredPath && value.urlEncoding === undefined && value['x-ms-url-encoding'] === undefined) {
    b.generated('x-ms-url-encoding', 'single', place.file, place.src);
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === 'name' || key === 'in') continue;
    if (compileSugarKey(b, key, v, place)) continue;
    if (key === 'urlEncoding') b.set('x-ms-url-encoding', v, place.file, [...place.src, key]);
    else if (key === 'schema') b.own('schema', compileSchema(v, child(place, 'schema')));
    else if (key === 'items') b.own('items', compileSchema(v, child(place, 'items')));
    else b.own(key, v);
  }
  return b.value;
}

/** The map form (keyed by name) or list form of parameters, plus the `body` shorthand, as a Swagger list. */
export function compileParameters(params: unknown, body: unknown, place: Place, routePath: string | undefined, bodyAt: Path): unknown[] | unknown {
  const list: unknown[] = [];
  place.ctx.track(list, place.file, place.src);
  if (Array.isArray(params)) {
    params.forEach((p, i) => list.push(compileParameter(undefined, p, child(place, i), routePath)));
  } else if (isObject(params)) {
    for (const [name, p] of Object.entries(params)) list.push(compileParameter(name, p, child(place, name), routePath));
  } else if (params !== undefined) {
    return params;
  }
  if (body !== undefined) {
    const withIn = isObject(body) ? { in: 'body', ...body } : body;
    list.push(compileParameter('body', withIn, { ...place, src: bodyAt }, routePath));
  }
  return list;
}

export function compileResponses(value: unknown, place: Place): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  place.ctx.track(out, place.file, place.src);
  for (const [status, response] of Object.entries(value)) {
    const p = child(place, status);
    if (!isObject(response)) {
      setOwn(out, status, response);
      continue;
    }
    const b = new ObjectBuilder(p.ctx, p.file, p.src);
    if (response.description === undefined && response.$ref === undefined) {
      b.generated('description', STATUS_CODES[Number(status)] ?? 'Default', p.file, p.src);
    }
    for (const [key, v] of Object.entries(response)) {
      if (key === 'summary') b.set('x-ms-summary', v, p.file, [...p.src, key]);
      else if (key === 'schema') b.own('schema', compileSchema(v, child(p, 'schema')));
      else b.own(key, v);
    }
    setOwn(out, status, b.value);
  }
  return out;
}

const REQUEST = /^\s*([A-Za-z]+)\s+(\S+)\s*$/;

/**
 * Builds the operation object in the author's key order. `extra` compiles keys this pass does
 * not know (trigger sugar); it returns false to let the key pass through verbatim.
 */
export function compileOperation(
  data: Record<string, unknown>,
  place: Place,
  defaultId: string | undefined,
  extra: (b: ObjectBuilder, key: string, value: unknown) => boolean = () => false,
): CompiledOperation | undefined {
  const { ctx, file } = place;
  let method: string | undefined;
  let path: string | undefined;
  let routeAt: Path = place.src;
  if (typeof data.request === 'string') {
    const m = REQUEST.exec(data.request);
    if (m) [method, path] = [m[1]!.toLowerCase(), m[2]!];
    routeAt = [...place.src, 'request'];
  } else {
    if (typeof data.method === 'string') method = data.method.toLowerCase();
    if (typeof data.path === 'string') path = data.path;
    routeAt = [...place.src, data.path !== undefined ? 'path' : 'method'];
  }
  if (!method || !path) {
    ctx.report(file, place.src, 'operation-request', 'Expected `request`, like `GET /items/{id}`, or both `method` and `path`', { args: [] });
    return undefined;
  }
  const opPlace: Place = place;
  const b = new ObjectBuilder(ctx, file, place.src);
  const operationId = typeof data.operationId === 'string' ? data.operationId : defaultId;
  if (data.operationId === undefined && defaultId !== undefined) b.generated('operationId', defaultId, file, place.src);
  let parametersDone = false;
  for (const [key, value] of Object.entries(data)) {
    if (key === 'request' || key === 'method' || key === 'path') continue;
    if (key === 'parameters' || key === 'body') {
      if (parametersDone) continue;
      parametersDone = true;
      const list = compileParameters(data.parameters, data.body, child(opPlace, 'parameters'), path, [...place.src, 'body']);
      b.set('parameters', list, file, [...place.src, key]);
    } else if (key === 'visibility') b.set('x-ms-visibility', value, file, [...place.src, key]);
    else if (key === 'responses') b.own('responses', compileResponses(value, child(opPlace, 'responses')));
    else if (extra(b, key, value)) continue;
    else b.own(key, value);
  }
  return { method, path, operationId, operation: b.value, routeAt };
}

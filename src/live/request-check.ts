/**
 * An incoming request checked against its operation's effective parameters (src/swagger
 * `parametersOf`): each required parameter is present, and each value, read from its text as its
 * `type` and `collectionFormat` say, validates against the parameter's schema keywords with ajv.
 * The first problem is the answer: `{ error, parameter, in }`, for a 400.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { analyze, isObject, parametersOf, type BodyParameter, type Json, type JsonObject, type NonBodyParameter, type Parameter, type Schema, type Swagger } from '../swagger/index.ts';
import type { Route } from './routes.ts';
import type { SchemaValidator } from './schema-validator.ts';

export interface RequestProblem {
  error: string;
  parameter?: string;
  in?: string;
}

export interface IncomingRequest {
  route: Route;
  /** Decoded path parameter values by name. */
  path: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CheckedRequest {
  /** Values by parameter name (the body parameter's is the parsed body). */
  values: Record<string, Json>;
  /** The parsed body, when the operation has a body parameter and the request one. */
  body?: Json;
}

/** Keywords of a non-body parameter that are JSON Schema validation keywords. */
const SCHEMA_KEYS = ['type', 'format', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems'] as const;

const DELIMITERS: Record<string, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

export function checkRequest(swagger: Swagger, request: IncomingRequest, validator: SchemaValidator): CheckedRequest | RequestProblem {
  const analysis = analyze(swagger);
  const values: Record<string, Json> = {};
  let parsedBody: Json | undefined;
  const form = formFields(request);
  for (const { node } of parametersOf(analysis, request.route.operation.visit)) {
    const p = node as Parameter;
    const name = typeof p.name === 'string' ? p.name : undefined;
    const where = typeof p.in === 'string' ? p.in : undefined;
    if (name === undefined || where === undefined) continue;
    if (where === 'body') {
      const body = checkBody(p as BodyParameter, name, request.body, validator);
      if ('error' in body) return body;
      if (body.value !== undefined) values[name] = parsedBody = body.value;
      continue;
    }
    const texts = textsOf(p as NonBodyParameter, name, where, request, form);
    if (texts === undefined) {
      if (p.required === true) return { error: `Missing required ${where} parameter \`${name}\``, parameter: name, in: where };
      continue;
    }
    const typed = p as NonBodyParameter;
    if (typed.type === 'file') continue;
    const value = readValue(typed, texts);
    const result = validator.validate(schemaOf(typed), value);
    if (!result.ok) return { error: `The ${where} parameter \`${name}\` ${result.message ?? 'is not valid'}`, parameter: name, in: where };
    values[name] = value;
  }
  return parsedBody === undefined ? { values } : { values, body: parsedBody };
}

/** The raw texts of a parameter (several for a repeated `multi` one), or undefined when absent. */
function textsOf(p: NonBodyParameter, name: string, where: string, request: IncomingRequest, form: URLSearchParams | Set<string> | undefined): string[] | undefined {
  if (where === 'path') return request.path[name] ? [request.path[name]!] : undefined;
  if (where === 'query') {
    const all = request.query.getAll(name);
    return all.length ? all : undefined;
  }
  if (where === 'header') {
    const v = request.headers[name.toLowerCase()];
    return v === undefined ? undefined : Array.isArray(v) ? v : [v];
  }
  if (where === 'formData') {
    if (form instanceof URLSearchParams) {
      const all = form.getAll(name);
      return all.length ? all : undefined;
    }
    // multipart: the field's presence only; values (often files) are not read.
    return form?.has(name) ? [p.type === 'file' ? '' : 'string'] : undefined;
  }
  return undefined;
}

/** Fields of a form body: URL-encoded pairs, or the names of multipart parts. */
function formFields(request: IncomingRequest): URLSearchParams | Set<string> | undefined {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(request.body.toString('utf8'));
  if (type.startsWith('multipart/form-data')) {
    const names = new Set<string>();
    for (const m of request.body.toString('latin1').matchAll(/content-disposition:[^\r\n]*\bname="([^"]*)"/gi)) names.add(m[1]!);
    return names;
  }
  return undefined;
}

/** A parameter's text read as its type: `5` → 5 for an integer, `a,b` → ['a', 'b'] for a csv array. */
function readValue(p: NonBodyParameter | JsonObject, texts: string[]): Json {
  if (p.type === 'array') {
    const format = typeof p.collectionFormat === 'string' ? p.collectionFormat : 'csv';
    const parts = format === 'multi' ? texts : texts[0] === '' ? [] : texts[0]!.split(DELIMITERS[format] ?? ',');
    const items = isObject(p.items) ? p.items : {};
    return parts.map((part) => readValue(items, [part]));
  }
  return scalar(p.type, texts[0]!);
}

function scalar(type: unknown, text: string): Json {
  if ((type === 'integer' || type === 'number') && /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text.trim())) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** The JSON Schema of a non-body parameter (or of its `items`). */
function schemaOf(p: NonBodyParameter | JsonObject): Schema {
  const out: JsonObject = {};
  for (const key of SCHEMA_KEYS) if (p[key] !== undefined) out[key] = p[key]!;
  if (isObject(p.items)) out.items = schemaOf(p.items);
  return out as Schema;
}

function checkBody(p: BodyParameter, name: string, body: Buffer, validator: SchemaValidator): { value: Json | undefined } | RequestProblem {
  if (body.length === 0) return p.required === true ? { error: `Missing required body \`${name}\``, parameter: name, in: 'body' } : { value: undefined };
  const text = body.toString('utf8');
  const schema = isObject(p.schema) ? p.schema : undefined;
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (error) {
    // A string schema takes text as it comes (a non-JSON body).
    if (schema?.type === 'string' || schema?.type === 'file') return { value: text };
    return { error: `The body is not valid JSON: ${(error as Error).message}`, parameter: name, in: 'body' };
  }
  if (schema) {
    const result = validator.validate(schema, value);
    if (!result.ok) return { error: `The body ${result.message ?? 'is not valid'}`.replace(/^The body \//, 'The body property /'), parameter: name, in: 'body' };
  }
  return { value };
}

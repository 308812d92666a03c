/**
 * Data made from a schema, for the mock server's responses and notifications: deterministic (the
 * same schema gives the same data, no randomness, no clock) and meant to validate against the
 * schema (type, format, enum, required, minimum/maximum, lengths, item counts, `allOf`). Bounded:
 * references are followed to a depth and never into themselves, and past a node budget only what
 * is required is filled in, so a hostile or cyclic schema gives small data quickly.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { deref, isObject, type Json, type JsonObject, type Swagger } from '../swagger/index.ts';

/** Deeper nesting than this gets the smallest value of its type. */
export const MAX_SAMPLE_DEPTH = 10;
/** Values made before only required properties and minimum item counts are filled in. */
const NODE_BUDGET = 5_000;
/** Longest string, largest array made, whatever the schema asks. */
const MAX_STRING = 4_096;
const MAX_ITEMS = 100;
/** Properties filled in per object beyond the required ones. */
const MAX_OPTIONAL_PROPERTIES = 200;

const FORMAT_VALUES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  'iso-date-time': '2024-01-01T00:00:00Z',
  'date-no-tz': '2024-01-01T00:00:00',
  date: '2024-01-01',
  time: '00:00:00Z',
  'iso-time': '00:00:00Z',
  duration: 'P1D',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  hostname: 'example.com',
  'idn-hostname': 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  iri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  'iri-reference': 'https://example.com/',
  'uri-template': 'https://example.com/{id}',
  uuid: '00000000-0000-4000-8000-000000000000',
  guid: '00000000-0000-4000-8000-000000000000',
  byte: 'c3RyaW5n',
  binary: 'string',
  password: 'string',
  regex: '.*',
  'json-pointer': '/a',
  'relative-json-pointer': '0',
  int32: '0',
  int64: '0',
};

/** Strings tried, in order, against a `pattern`. */
const PATTERN_CANDIDATES = ['string', 'a', 'A', '0', '1', 'abc', 'ABC', '123', 'a1', 'A1', 'en', 'en-US', 'USD', '2024-01-01', '2024-01-01T00:00:00Z', 'user@example.com', 'https://example.com/', '00000000-0000-4000-8000-000000000000', '#000000', '+1', ''];

interface State {
  swagger: Swagger;
  nodes: number;
  /** References being expanded, to stop on cycles. */
  stack: Set<string>;
}

/** A value valid against `schema` (references resolved in `swagger`), made the same way every time. */
export function sample(swagger: Swagger, schema: unknown, name?: string): Json {
  return make({ swagger, nodes: 0, stack: new Set() }, schema, 0, name, true);
}

function make(state: State, raw: unknown, depth: number, name: string | undefined, required: boolean): Json {
  state.nodes++;
  const ref = isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref : undefined;
  if (ref !== undefined && state.stack.has(ref)) return smallest(state, deref(state.swagger, raw));
  const schema = deref(state.swagger, raw);
  if (!schema) return {};
  if (ref !== undefined) state.stack.add(ref);
  try {
    return makeResolved(state, schema, depth, name, required);
  } finally {
    if (ref !== undefined) state.stack.delete(ref);
  }
}

function makeResolved(state: State, schema: JsonObject, depth: number, name: string | undefined, required: boolean): Json {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? schema.enum[0]!;
  const own = ownValue(schema);
  if (own !== undefined) return own;
  const type = typeOf(state, schema);
  if (depth >= MAX_SAMPLE_DEPTH || (state.nodes > NODE_BUDGET && !required)) return smallest(state, schema);
  switch (type) {
    case 'object':
      return object(state, schema, depth);
    case 'array':
      return array(state, schema, depth, name);
    case 'string':
      return string(schema, name);
    case 'integer':
    case 'number':
      return number(schema, integral(schema) ? 'integer' : 'number');
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'file':
      return 'file content';
    default:
      return {};
  }
}

/** `type`, or what the keywords imply (`properties` → object, `items` → array); allOf members count. */
function typeOf(state: State, schema: JsonObject, depth = 0): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
  if (isObject(schema.properties) || isObject(schema.additionalProperties) || Array.isArray(schema.required)) return 'object';
  if (schema.items !== undefined) return 'array';
  if (Array.isArray(schema.allOf) && depth < 8) {
    for (const part of schema.allOf) {
      const resolved = deref(state.swagger, part);
      const inner = resolved ? typeOf(state, resolved, depth + 1) : undefined;
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A schema's own `example` or `default` when it is a primitive that fits the schema. */
function ownValue(schema: JsonObject): Json | undefined {
  for (const key of ['example', 'default', 'x-ms-test-value'] as const) {
    const v = schema[key];
    if (v !== undefined && v !== null && typeof v !== 'object' && fits(v, schema)) return v;
  }
  return undefined;
}

/** Whether a primitive satisfies a schema's primitive keywords. */
function fits(value: string | number | boolean, schema: JsonObject): boolean {
  const type = schema.type;
  if (type === 'integer' && !(typeof value === 'number' && Number.isInteger(value))) return false;
  if (type === 'number' && typeof value !== 'number') return false;
  if (type === 'boolean' && typeof value !== 'boolean') return false;
  if (type === 'string' && typeof value !== 'string') return false;
  if (type !== undefined && !['integer', 'number', 'boolean', 'string'].includes(String(type))) return false;
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !matches(schema.pattern, value)) return false;
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && (value < schema.minimum || (schema.exclusiveMinimum === true && value === schema.minimum))) return false;
    if (typeof schema.maximum === 'number' && (value > schema.maximum || (schema.exclusiveMaximum === true && value === schema.maximum))) return false;
  }
  return typeof schema.format !== 'string' || formatAccepts(schema.format, value);
}

function formatAccepts(format: string, value: string | number | boolean): boolean {
  const known = (fullFormats as Record<string, unknown>)[format];
  if (known === undefined || typeof value === 'boolean') return true;
  const check = known instanceof RegExp || typeof known === 'function' ? known : (known as { validate?: unknown }).validate;
  const type = known instanceof RegExp || typeof known === 'function' ? 'string' : ((known as { type?: string }).type ?? 'string');
  if ((type === 'number') !== (typeof value === 'number')) return true;
  if (check instanceof RegExp) return typeof value === 'string' && check.test(value);
  return typeof check === 'function' ? Boolean((check as (v: unknown) => boolean)(value)) : true;
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

function object(state: State, schema: JsonObject, depth: number): Json {
  const out: JsonObject = {};
  // allOf members first, then the schema's own properties (which refine them).
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const value = make(state, part, depth + 1, undefined, true);
      if (isObject(value)) Object.assign(out, value);
    }
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  let optional = 0;
  if (isObject(schema.properties)) {
    for (const [key, prop] of Object.entries(schema.properties)) {
      const isRequired = required.has(key);
      if (!isRequired) {
        if (state.nodes > NODE_BUDGET || optional >= MAX_OPTIONAL_PROPERTIES || recursive(state, prop)) continue;
        optional++;
      }
      out[key] = make(state, prop, depth + 1, key, isRequired);
    }
  }
  for (const key of required) {
    if (!(key in out)) out[key] = isObject(schema.additionalProperties) ? make(state, schema.additionalProperties, depth + 1, key, true) : key;
  }
  // `additionalProperties: false` counts only the schema's own properties (draft-04): drop what allOf added.
  if (schema.additionalProperties === false) {
    const own = isObject(schema.properties) ? schema.properties : {};
    for (const key of Object.keys(out)) if (!Object.hasOwn(own, key)) delete out[key];
  }
  const min = typeof schema.minProperties === 'number' ? Math.min(schema.minProperties, MAX_ITEMS) : 0;
  for (let i = 0; Object.keys(out).length < min; i++) {
    out[`key${i}`] = isObject(schema.additionalProperties) ? make(state, schema.additionalProperties, depth + 1, undefined, true) : 'string';
  }
  return out;
}

/** An optional property whose reference is being expanded above: left out rather than cut short. */
function recursive(state: State, prop: unknown): boolean {
  if (!isObject(prop)) return false;
  if (typeof prop.$ref === 'string') return state.stack.has(prop.$ref);
  return isObject(prop.items) && typeof prop.items.$ref === 'string' && state.stack.has(prop.items.$ref);
}

function array(state: State, schema: JsonObject, depth: number, name: string | undefined): Json {
  const min = typeof schema.minItems === 'number' ? Math.max(0, Math.min(schema.minItems, MAX_ITEMS)) : 0;
  const max = typeof schema.maxItems === 'number' ? Math.max(0, schema.maxItems) : Infinity;
  const items = Array.isArray(schema.items) ? schema.items : undefined;
  const itemSchema = items ? items[0] : schema.items;
  let count = Math.min(Math.max(min, 1), max);
  if (recursive(state, schema) || (state.nodes > NODE_BUDGET && min === 0)) count = min;
  const out: Json[] = [];
  for (let i = 0; i < count; i++) {
    const value = items ? make(state, items[i] ?? itemSchema, depth + 1, name, true) : make(state, itemSchema, depth + 1, name, true);
    out.push(schema.uniqueItems === true ? distinct(value, i) : value);
  }
  return out;
}

/** The i-th of unique items: numbers and strings are varied, others kept. */
function distinct(value: Json, i: number): Json {
  if (i === 0) return value;
  if (typeof value === 'number') return value + i;
  if (typeof value === 'string') return `${value}${i}`;
  return value;
}

function string(schema: JsonObject, name: string | undefined): string {
  const min = typeof schema.minLength === 'number' ? Math.min(Math.max(0, schema.minLength), MAX_STRING) : 0;
  const max = typeof schema.maxLength === 'number' ? Math.max(0, schema.maxLength) : MAX_STRING;
  const format = typeof schema.format === 'string' ? schema.format : undefined;
  let value = format !== undefined && FORMAT_VALUES[format] !== undefined ? FORMAT_VALUES[format]! : name && /^[\w.-]{1,40}$/.test(name) ? name : 'string';
  if (typeof schema.pattern === 'string' && !matches(schema.pattern, value)) {
    value = [name ?? '', ...PATTERN_CANDIDATES].find((c) => c.length >= min && c.length <= max && matches(schema.pattern as string, c)) ?? value;
  }
  if (value.length < min) value = value + 'x'.repeat(min - value.length);
  if (value.length > max) value = value.slice(0, max);
  return value;
}

/** `integer`, or a `number` whose format is an integer one (`int32`, `int64`). */
function integral(schema: JsonObject): boolean {
  return schema.type === 'integer' || schema.format === 'int32' || schema.format === 'int64';
}

function number(schema: JsonObject, type: 'integer' | 'number'): number {
  let lo = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let hi = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const step = type === 'integer' ? 1 : 0.5;
  if (lo !== undefined && schema.exclusiveMinimum === true) lo += step;
  if (hi !== undefined && schema.exclusiveMaximum === true) hi -= step;
  if (type === 'integer') {
    if (lo !== undefined) lo = Math.ceil(lo);
    if (hi !== undefined) hi = Math.floor(hi);
  }
  let value = lo !== undefined ? lo : hi !== undefined && hi < 0 ? hi : type === 'integer' ? 1 : 1.5;
  if (hi !== undefined && value > hi) value = hi;
  const multiple = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (multiple !== undefined) value = Math.ceil(value / multiple) * multiple;
  return value;
}

/** The least value of a schema's type: what a cycle or the depth bound leaves. */
function smallest(state: State, schema: JsonObject | undefined): Json {
  if (!schema) return {};
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]!;
  switch (typeOf(state, schema)) {
    case 'array':
      return [];
    case 'string':
      return string(schema, undefined);
    case 'integer':
    case 'number':
      return number(schema, integral(schema) ? 'integer' : 'number');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      // Required keys still get a value, so the object stays valid as far as it can.
      const out: JsonObject = {};
      if (Array.isArray(schema.required)) for (const key of schema.required) if (typeof key === 'string') out[key] = primitiveOf(state, schema, key);
      return out;
    }
  }
}

function primitiveOf(state: State, schema: JsonObject, key: string): Json {
  const prop = isObject(schema.properties) ? deref(state.swagger, schema.properties[key]) : undefined;
  if (!prop) return key;
  const type = typeOf(state, prop);
  if (type === 'object') return {};
  if (type === 'array') return [];
  return smallest(state, prop);
}

/**
 * What the live rules (area `live`, run by `plugboard test` in src/live) share: the operation and
 * the declared response an exchange is about, the content type, and a walk of a JSON body against
 * its declared schema that returns each difference with a JSON pointer INTO THE COMPILED SWAGGER —
 * the schema node that declares the field, following `$ref`s into `definitions` — so the compiler's
 * provenance places it on the author's MDX line. Pure: no I/O.
 */
import { createPlatformAjv, type PlatformAjv } from './platform-ajv.ts';
import { toPointer, type Segment } from '../core/pointer.ts';
import { analyze, isObject, resolveLocal, type JsonObject, type Operation, type Swagger } from '../swagger/index.ts';

export interface LiveOperation {
  operationId: string;
  method: string;
  path: string;
  operation: Operation;
  /** `/paths/~1items/get` */
  pointer: string;
}

export function liveOperation(swagger: Swagger, operationId: string): LiveOperation | undefined {
  const entry = analyze(swagger).operationsById.get(operationId);
  if (!entry) return undefined;
  return { operationId, method: entry.method, path: entry.path, operation: entry.visit.node as Operation, pointer: entry.visit.pointer };
}

export interface DeclaredResponse {
  /** `200`, `2XX`, `default` as written. */
  key: string;
  /** Pointer of the response (its `$ref` followed when it leads to `/responses`). */
  pointer: string;
  response: JsonObject;
}

/** The response declared for `status`: the exact code, else its class (`4XX`), else `default`. */
export function declaredResponse(op: LiveOperation, status: number): DeclaredResponse | undefined {
  const responses = isObject(op.operation.responses) ? op.operation.responses : undefined;
  if (!responses) return undefined;
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default'].find((k) => Object.hasOwn(responses, k));
  if (key === undefined) return undefined;
  const node = responses[key];
  if (!isObject(node)) return undefined;
  return { key, pointer: `${op.pointer}/responses/${key}`, response: node };
}

/** Media types the operation says it produces (its own, else the document's). */
export function producesOf(swagger: Swagger, op: LiveOperation): string[] {
  const list = Array.isArray(op.operation.produces) ? op.operation.produces : Array.isArray(swagger.produces) ? swagger.produces : [];
  return list.filter((t): t is string => typeof t === 'string');
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(value: string | undefined): string | undefined {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

export const isJsonType = (type: string | undefined) => type !== undefined && /^application\/(?:[\w.+-]+\+)?json$|\/json$/.test(type);

/** True when `type` is one of `produces` (`*\/*`, `text/*` wildcards allowed). */
export function produced(type: string, produces: readonly string[]): boolean {
  return produces.some((p) => {
    const want = mediaType(p);
    if (!want || want === '*/*') return true;
    return want.endsWith('/*') ? type.startsWith(want.slice(0, -1)) : want === type;
  });
}

export type BodyIssueKind = 'undeclared' | 'missing' | 'type' | 'constraint';

export interface BodyIssue {
  kind: BodyIssueKind;
  /** Pointer into the compiled swagger of the schema node that declares (or should declare) the field. */
  at: string;
  /** Where in the body, as a JSON pointer (`/items/0/name`); `''` is the whole body. */
  field: string;
  message: string;
}

/** Bounds: a body of millions of rows is walked as far as these, not farther. */
const MAX_ISSUES = 50;
const MAX_ITEMS = 20;
const MAX_DEPTH = 32;

let ajv: PlatformAjv | undefined;
function validator(): PlatformAjv {
  return (ajv ??= createPlatformAjv({ strict: false, allErrors: false, logger: false }));
}

/** The value keywords ajv checks on one node; structure (type, properties, items, required) is the walk's. */
const CONSTRAINTS = ['enum', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'multipleOf'] as const;
const compiledConstraints = new WeakMap<JsonObject, ((value: unknown) => string | undefined) | null>();

function constraintOf(schema: JsonObject): ((value: unknown) => string | undefined) | null {
  const cached = compiledConstraints.get(schema);
  if (cached !== undefined) return cached;
  const picked: JsonObject = {};
  for (const key of CONSTRAINTS) if (Object.hasOwn(schema, key)) picked[key] = schema[key]!;
  let check: ((value: unknown) => string | undefined) | null = null;
  if (Object.keys(picked).length) {
    try {
      const validate = validator().compile(picked);
      check = (value) => (validate(value) ? undefined : `${validate.errors?.[0]?.keyword ?? 'constraint'}: ${validate.errors?.[0]?.message ?? 'invalid'}`);
    } catch {
      check = null; // a schema ajv cannot compile is the definition checks' finding, not ours
    }
  }
  compiledConstraints.set(schema, check);
  return check;
}

/** A JSON value's type as a schema names it; a whole number is `integer`. */
export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when `value` is of the declared `type` (an integer is a `number`, a string a `file`). */
export function matchesType(type: string, value: unknown): boolean {
  const actual = typeOf(value);
  return type === actual || (type === 'number' && actual === 'integer') || (type === 'file' && actual === 'string');
}

const show = (field: string) => (field === '' ? 'the body' : `\`${field}\``);

/**
 * The declared properties of each object schema a walk met (by the schema's pointer), and which of
 * them some value held: what `unseenProperties` reports on.
 */
export type SeenProperties = Map<string, { declared: Map<string, string>; present: Set<string> }>;

/**
 * Walks `value` against the schema at `pointer` of `swagger` (a `$ref` is followed to where it
 * leads, so a field of `#/definitions/Item` is placed in the definition's file). `allOf` parts are
 * merged for the undeclared check; `additionalProperties` allows what it covers. With `seen`, it
 * also notes the properties each object schema declares and those the body held.
 */
export function walkBody(swagger: Swagger, schema: unknown, pointer: string, value: unknown, seen?: SeenProperties): BodyIssue[] {
  const issues: BodyIssue[] = [];
  const push = (issue: BodyIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };
  const walk = (node: unknown, at: string, v: unknown, field: string, depth: number): void => {
    if (depth > MAX_DEPTH || issues.length >= MAX_ISSUES) return;
    // Follow references: the field is declared where the reference leads.
    for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 16; hops++) {
      const ref: string = node.$ref;
      at = ref.startsWith('#') ? ref.slice(1) : at;
      node = resolveLocal(swagger, ref);
    }
    if (!isObject(node)) return;
    const type = typeof node.type === 'string' ? node.type : undefined;
    if (v === null && (node['x-nullable'] === true || type === undefined)) return;
    if (type && !matchesType(type, v)) {
      push({ kind: 'type', at: `${at}/type`, field, message: `${show(field)} is ${typeOf(v) === 'integer' ? 'a number' : `${/^[aeiou]/.test(typeOf(v)) ? 'an' : 'a'} ${typeOf(v)}`}, declared as \`${type}\`` });
      return;
    }
    const constraint = constraintOf(node)?.(v);
    if (constraint) push({ kind: 'constraint', at, field, message: `${show(field)} breaks its schema's ${constraint}` });
    const parts: Array<[JsonObject, string]> = [[node, at]];
    if (Array.isArray(node.allOf)) node.allOf.forEach((part, i) => {
      let p: unknown = part;
      let pAt = `${at}/allOf/${i}`;
      if (isObject(p) && typeof p.$ref === 'string' && p.$ref.startsWith('#')) {
        pAt = p.$ref.slice(1);
        p = resolveLocal(swagger, p.$ref);
      }
      if (isObject(p)) parts.push([p, pAt]);
    });
    if (Array.isArray(v)) {
      const items = node.items;
      if (isObject(items)) v.slice(0, MAX_ITEMS).forEach((item, i) => walk(items, `${at}/items`, item, `${field}/${i}`, depth + 1));
      return;
    }
    if (!isObject(v)) return;
    const declared = new Map<string, [unknown, string]>();
    let open = false;
    for (const [part, partAt] of parts) {
      if (isObject(part.properties)) for (const [name, sub] of Object.entries(part.properties)) if (!declared.has(name)) declared.set(name, [sub, `${partAt}/properties/${esc(name)}`]);
      if (part.additionalProperties !== undefined && part.additionalProperties !== false) open = true;
      if (Array.isArray(part.required)) {
        for (const name of part.required) {
          if (typeof name === 'string' && !Object.hasOwn(v, name)) push({ kind: 'missing', at: isObject(part.properties) && Object.hasOwn(part.properties, name) ? `${partAt}/properties/${esc(name)}` : `${partAt}/required`, field: `${field}/${esc(name)}`, message: `\`${field}/${esc(name)}\` is required but missing` });
        }
      }
    }
    if (seen && declared.size > 0) {
      const entry = seen.get(at) ?? { declared: new Map([...declared].map(([name, [, where]]) => [name, where])), present: new Set<string>() };
      for (const name of Object.keys(v)) entry.present.add(name);
      seen.set(at, entry);
    }
    const additional = isObject(node.additionalProperties) ? node.additionalProperties : undefined;
    for (const [name, sub] of Object.entries(v)) {
      const hit = declared.get(name);
      if (hit) walk(hit[0], hit[1], sub, `${field}/${esc(name)}`, depth + 1);
      else if (additional) walk(additional, `${at}/additionalProperties`, sub, `${field}/${esc(name)}`, depth + 1);
      // Only a schema that declares properties can tell a field is undeclared.
      else if (!open && declared.size > 0) push({ kind: 'undeclared', at: isObject(node.properties) ? `${at}/properties` : at, field: `${field}/${esc(name)}`, message: `\`${field}/${esc(name)}\` (${typeOf(sub)}) is returned but not declared` });
    }
  };
  walk(schema, pointer, value, '', 0);
  return issues;
}

/**
 * The declared properties no object of a body held, however many objects a schema met (every item of
 * a list), each with the pointer that declares it; required ones are left out (the walk reports them
 * as missing). Bounded like the walk.
 */
export function unseenProperties(swagger: Swagger, schema: unknown, pointer: string, value: unknown): Array<{ at: string; name: string; objects: string }> {
  const seen: SeenProperties = new Map();
  walkBody(swagger, schema, pointer, value, seen);
  const out: Array<{ at: string; name: string; objects: string }> = [];
  for (const [at, { declared, present }] of seen) {
    const node = resolveLocal(swagger, `#${at}`);
    const required = new Set(isObject(node) && Array.isArray(node.required) ? node.required : []);
    for (const [name, where] of declared) {
      if (!present.has(name) && !required.has(name) && out.length < MAX_ISSUES) out.push({ at: where, name, objects: at });
    }
  }
  return out;
}

const esc = (name: string) => toPointer([name as Segment]).slice(1);

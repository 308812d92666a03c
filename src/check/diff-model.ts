/**
 * What the diff rules compare: each revision's operations matched to each other, and for each
 * operation the inputs a flow fills in (parameters, and the properties of a body, as dotted paths)
 * and the outputs it reads (the properties of the success response, as dotted paths). Built once per
 * compiled document (memoized) from the shared walk (src/swagger/walk.ts); `$ref`s are followed with
 * a depth bound and a cycle guard, so an odd or hostile document gives a shorter list, never a throw.
 */
import { webhookOf } from './webhook.ts';
import { toPointer } from '../core/pointer.ts';
import { analyze, deref, isObject, isSuccess, parametersOf, type Json, type JsonObject, type OperationEntry, type Swagger } from '../swagger/index.ts';

/** Levels of a body or response schema turned into dotted paths. */
const MAX_DEPTH = 6;
/** Paths of one body or response. */
const MAX_FIELDS = 2_000;

/** One input of an operation: a parameter (`query:top`), or a property of its body (`body:item.name`). */
export interface Input {
  key: string;
  /** How the designer names it: the parameter name or the dotted body path. */
  name: string;
  /** `query`, `path`, `header`, `formData`, or `body` for a body property. */
  in: string;
  node: JsonObject;
  /** Where it is written in the compiled document. */
  pointer: string;
  required: boolean;
  hasDefault: boolean;
  /** `string`, `integer/int32`, `array of string`… */
  type: string | undefined;
  visibility: string | undefined;
  enum: Json[] | undefined;
  /** The label the designer shows (`x-ms-summary`). */
  label: string | undefined;
  description: string | undefined;
  /** `x-ms-dynamic-values` / `x-ms-dynamic-list` / `x-ms-dynamic-schema` as a comparable string. */
  dynamic: string | undefined;
}

/** One output of an operation: a property of its success response, as a dotted path (`items[].id`). */
export interface Output {
  path: string;
  pointer: string;
  type: string | undefined;
  label: string | undefined;
  description: string | undefined;
}

export interface OperationInfo {
  entry: OperationEntry;
  id: string;
  /** `GET /items/{id}` */
  route: string;
  pointer: string;
  node: JsonObject;
  isTrigger: boolean;
  /** `action`, `webhook` or `polling`. */
  kind: 'action' | 'webhook' | 'polling';
  /** `single` or `batch` for triggers. */
  cardinality: string | undefined;
  visibility: string | undefined;
  inputs: Map<string, Input>;
  outputs: Map<string, Output>;
  /** Success status codes, sorted (`200`, `201`…). */
  statuses: string[];
  /** The response that outputs come from (`/paths/…/responses/200`). */
  responsePointer: string | undefined;
}

export interface Revision {
  swagger: Swagger;
  operations: OperationInfo[];
  byId: Map<string, OperationInfo>;
  byRoute: Map<string, OperationInfo>;
}

const cache = new WeakMap<Swagger, Revision>();

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A schema or items node's type in words: `string`, `integer/int64`, `array of string`. */
export function typeOf(swagger: Swagger, node: JsonObject | undefined, depth = 0): string | undefined {
  const resolved = node && (deref(swagger, node) ?? node);
  if (!resolved || depth > 4) return undefined;
  let type = str(resolved.type) ?? (isObject(resolved.properties) ? 'object' : undefined);
  if (type === undefined) return undefined;
  if (type === 'array' && isObject(resolved.items)) type += ` of ${typeOf(swagger, resolved.items, depth + 1) ?? 'any'}`;
  const format = str(resolved.format);
  return format ? `${type}/${format}` : type;
}

function dynamicOf(node: JsonObject): string | undefined {
  const parts: string[] = [];
  for (const key of ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties', 'x-ms-dynamic-tree']) {
    if (node[key] !== undefined) parts.push(`${key}=${stable(node[key])}`);
  }
  return parts.length ? parts.join(';') : undefined;
}

/** JSON with sorted keys, bounded, for comparing values. */
function stable(value: unknown, depth = 0): string {
  if (depth > 8) return '…';
  if (Array.isArray(value)) return `[${value.slice(0, 200).map((v) => stable(v, depth + 1)).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().slice(0, 200).map((k) => `${JSON.stringify(k)}:${stable(value[k], depth + 1)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * The properties below a schema as dotted paths: `name`, `address.city`, `items[].id`. Each `$ref`
 * is followed once per path (a cycle stops there).
 */
function fields(swagger: Swagger, schema: Json | undefined, pointer: string, visit: (path: string, node: JsonObject, pointer: string, required: boolean) => void): void {
  let count = 0;
  const walk = (node: Json | undefined, at: string, prefix: string, depth: number, seen: Set<string>) => {
    if (!isObject(node) || depth > MAX_DEPTH || count >= MAX_FIELDS) return;
    let here = node;
    let where = at;
    const ref = str(node.$ref);
    if (ref !== undefined) {
      if (seen.has(ref)) return;
      const target = deref(swagger, node);
      if (!target) return;
      here = target;
      where = ref.startsWith('#') ? ref.slice(1) : at;
      seen = new Set(seen).add(ref);
    }
    if (isObject(here.items) && str(here.type) === 'array') walk(here.items, `${where}/items`, `${prefix}[]`, depth + 1, seen);
    const required = new Set(Array.isArray(here.required) ? here.required.filter((r): r is string => typeof r === 'string') : []);
    const props = isObject(here.properties) ? here.properties : undefined;
    if (props) {
      for (const [name, prop] of Object.entries(props)) {
        if (!isObject(prop) || ++count > MAX_FIELDS) break;
        const path = prefix === '' ? name : `${prefix}.${name}`;
        const propAt = `${where}/properties/${toPointer([name]).slice(1)}`;
        visit(path, prop, propAt, required.has(name));
        walk(prop, propAt, path, depth + 1, seen);
      }
    }
    if (Array.isArray(here.allOf)) here.allOf.slice(0, 20).forEach((part, i) => walk(part, `${where}/allOf/${i}`, prefix, depth + 1, seen));
  };
  walk(schema, pointer, '', 0, new Set());
}

function inputOf(swagger: Swagger, key: string, name: string, where: string, node: JsonObject, pointer: string, required: boolean): Input {
  return {
    key,
    name,
    in: where,
    node,
    pointer,
    required,
    hasDefault: node.default !== undefined,
    type: typeOf(swagger, node),
    visibility: str(node['x-ms-visibility']),
    enum: Array.isArray(node.enum) ? node.enum : undefined,
    label: str(node['x-ms-summary']),
    description: str(node.description),
    dynamic: dynamicOf(node),
  };
}

function operationInfo(swagger: Swagger, analysis: ReturnType<typeof analyze>, entry: OperationEntry): OperationInfo {
  const node = entry.visit.node;
  const inputs = new Map<string, Input>();
  for (const param of parametersOf(analysis, entry.visit)) {
    const p = param.node as JsonObject;
    const name = str(p.name) ?? '';
    const where = str(p.in) ?? '';
    if (where === 'body') {
      // The body as a whole is not something a flow fills in; its properties are.
      fields(swagger, p.schema, `${param.pointer}/schema`, (path, prop, at, required) => {
        inputs.set(`body:${path}`, inputOf(swagger, `body:${path}`, path, 'body', prop, at, required));
      });
      continue;
    }
    inputs.set(`${where}:${name}`, inputOf(swagger, `${where}:${name}`, name, where, p, param.pointer, p.required === true));
  }
  const outputs = new Map<string, Output>();
  const statuses: string[] = [];
  let responsePointer: string | undefined;
  const responses = isObject(node.responses) ? node.responses : {};
  for (const status of Object.keys(responses).sort()) if (isSuccess(status)) statuses.push(status);
  const chosen = statuses[0] ?? (responses.default !== undefined ? 'default' : undefined);
  if (chosen !== undefined) {
    responsePointer = `${entry.visit.pointer}/responses/${toPointer([chosen]).slice(1)}`;
    let response = responses[chosen];
    if (isObject(response) && typeof response.$ref === 'string') {
      const target = deref(swagger, response);
      if (target) {
        if (response.$ref.startsWith('#')) responsePointer = response.$ref.slice(1);
        response = target;
      }
    }
    if (isObject(response)) {
      fields(swagger, response.schema, `${responsePointer}/schema`, (path, prop, at) => {
        outputs.set(path, { path, pointer: at, type: typeOf(swagger, prop), label: str(prop['x-ms-summary']), description: str(prop.description) });
      });
    }
  }
  const trigger = node['x-ms-trigger'];
  const isTrigger = trigger !== undefined;
  return {
    entry,
    id: entry.operationId ?? `${entry.method.toUpperCase()} ${entry.path}`,
    route: `${entry.method.toUpperCase()} ${entry.path}`,
    pointer: entry.visit.pointer,
    node,
    isTrigger,
    kind: !isTrigger ? 'action' : webhookOf(analysis, entry) ? 'webhook' : 'polling',
    cardinality: isTrigger ? (str(trigger)?.toLowerCase() ?? 'single') : undefined,
    visibility: str(node['x-ms-visibility']),
    inputs,
    outputs,
    statuses,
    responsePointer,
  };
}

/** The operations of a compiled document, memoized. */
export function revision(swagger: Swagger): Revision {
  let rev = cache.get(swagger);
  if (rev) return rev;
  const analysis = analyze(swagger);
  const operations = analysis.operations.map((entry) => operationInfo(swagger, analysis, entry));
  const byId = new Map<string, OperationInfo>();
  const byRoute = new Map<string, OperationInfo>();
  for (const op of operations) {
    if (!byId.has(op.id)) byId.set(op.id, op);
    if (!byRoute.has(op.route)) byRoute.set(op.route, op);
  }
  rev = { swagger, operations, byId, byRoute };
  cache.set(swagger, rev);
  return rev;
}

export interface OperationMatch {
  /** Operations in both revisions: by operationId, or by method and path when the id was renamed. */
  kept: Array<{ before: OperationInfo; after: OperationInfo; renamed: boolean }>;
  removed: OperationInfo[];
  added: OperationInfo[];
}

const matches = new WeakMap<Swagger, WeakMap<Swagger, OperationMatch>>();

/** Matches the operations of two revisions, memoized per pair. */
export function matchOperations(base: Swagger, head: Swagger): OperationMatch {
  let inner = matches.get(base);
  if (!inner) matches.set(base, (inner = new WeakMap()));
  const cached = inner.get(head);
  if (cached) return cached;
  const before = revision(base);
  const after = revision(head);
  const result: OperationMatch = { kept: [], removed: [], added: [] };
  const used = new Set<OperationInfo>();
  for (const op of before.operations) {
    const same = after.byId.get(op.id);
    if (same && !used.has(same)) {
      used.add(same);
      result.kept.push({ before: op, after: same, renamed: false });
    }
  }
  const keptBefore = new Set(result.kept.map((k) => k.before));
  for (const op of before.operations) {
    if (keptBefore.has(op)) continue;
    // A removal plus an addition on the same method and path is a rename of the operationId.
    const same = after.byRoute.get(op.route);
    if (same && !used.has(same) && !before.byId.has(same.id)) {
      used.add(same);
      result.kept.push({ before: op, after: same, renamed: true });
    } else result.removed.push(op);
  }
  for (const op of after.operations) if (!used.has(op)) result.added.push(op);
  inner.set(head, result);
  return result;
}

/** `action \`GetItem\`` or `trigger \`OnItem\``: how an operation is named in messages. */
export function named(op: OperationInfo): string {
  return `${op.isTrigger ? 'trigger' : 'action'} \`${op.id}\``;
}

/** `parameter \`top\`` or `body property \`item.name\``. */
export function inputNamed(input: Input): string {
  return input.in === 'body' ? `body property \`${input.name}\`` : `parameter \`${input.name}\``;
}

export interface InputChanges {
  kept: Array<{ before: Input; after: Input }>;
  removed: Input[];
  added: Input[];
  /** One input removed and one added in the same place with the same type: a rename. */
  renamed: Array<{ before: Input; after: Input }>;
}

/** How the inputs of a kept operation changed. */
export function inputChanges(before: OperationInfo, after: OperationInfo): InputChanges {
  const result: InputChanges = { kept: [], removed: [], added: [], renamed: [] };
  for (const [key, input] of before.inputs) {
    const same = after.inputs.get(key);
    if (same) result.kept.push({ before: input, after: same });
    else result.removed.push(input);
  }
  for (const [key, input] of after.inputs) if (!before.inputs.has(key)) result.added.push(input);
  // A rename: the only input removed and the only one added at one place (`query`, a body object), same type.
  const place = (i: Input) => `${i.in}:${i.in === 'body' ? i.name.replace(/[^.]*$/, '') : ''}`;
  for (const gone of [...result.removed]) {
    const removedHere = result.removed.filter((i) => place(i) === place(gone));
    const addedHere = result.added.filter((i) => place(i) === place(gone));
    if (removedHere.length === 1 && addedHere.length === 1 && addedHere[0]!.type === gone.type) {
      result.renamed.push({ before: gone, after: addedHere[0]! });
      result.removed.splice(result.removed.indexOf(gone), 1);
      result.added.splice(result.added.indexOf(addedHere[0]!), 1);
    }
  }
  // A property inside a removed or renamed object goes with it: one finding, at the object.
  const under = (list: Input[], parents: Input[]) => list.filter((i) => !parents.some((p) => p.in === 'body' && i.in === 'body' && (i.name.startsWith(p.name + '.') || i.name.startsWith(p.name + '[]'))));
  result.removed = under(result.removed, [...result.removed, ...result.renamed.map((r) => r.before)]);
  result.added = under(result.added, [...result.added, ...result.renamed.map((r) => r.after)]);
  return result;
}

/** Outputs of a kept operation that are gone (a property under a removed object goes with it). */
export function removedOutputs(before: OperationInfo, after: OperationInfo): Output[] {
  const gone = [...before.outputs.values()].filter((o) => !after.outputs.has(o.path));
  return gone.filter((o) => !gone.some((p) => o.path.startsWith(p.path + '.') || o.path.startsWith(p.path + '[]')));
}

/** Outputs of a kept operation that are new (a property under a new object comes with it). */
export function addedOutputs(before: OperationInfo, after: OperationInfo): Output[] {
  const added = [...after.outputs.values()].filter((o) => !before.outputs.has(o.path));
  return added.filter((o) => !added.some((p) => o.path.startsWith(p.path + '.') || o.path.startsWith(p.path + '[]')));
}

/** The kept operations of a pair of documents, renamed or not. */
export function keptOperations(base: Swagger, head: Swagger): OperationMatch['kept'] {
  return matchOperations(base, head).kept;
}

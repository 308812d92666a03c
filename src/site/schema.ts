/**
 * Schemas as tables, the way learn.microsoft.com shows them: one row per property with a dotted
 * path (`items[].user.login`), a label (x-ms-summary, title, else the name), a type
 * (`string`, `date-time`, `array of Issue`), the description and the designer's hints.
 * `$ref`s to definitions are expanded (with a cycle guard and a row limit) and named.
 */
import { definitionName, isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

export interface SchemaRow {
  /** Dotted path; `[]` marks array items. Empty for the root of a primitive schema. */
  path: string;
  /** The last key (what the designer shows when there is no label). */
  name: string;
  label: string;
  type: string;
  description: string;
  required: boolean;
  visibility: 'important' | 'advanced' | 'internal' | '';
  default?: string;
  enum?: string[];
  /** Definition this row's schema comes from, if a `$ref`. */
  ref?: string;
  /** `x-ms-dynamic-values` / `x-ms-dynamic-list` source operation. */
  dynamicValues?: string;
  /** `x-ms-dynamic-schema` / `x-ms-dynamic-properties` source operation. */
  dynamicSchema?: string;
}

export const MAX_ROWS = 300;

export function resolveRef(schema: unknown, definitions: Obj): { schema: Obj; ref?: string } {
  let s: Obj = isObject(schema) ? schema : {};
  let ref: string | undefined;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    const name = definitionName(s.$ref);
    if (!name || !Object.hasOwn(definitions, name) || !isObject(definitions[name])) break;
    ref ??= name;
    s = definitions[name] as Obj;
  }
  return ref === undefined ? { schema: s } : { schema: s, ref };
}

/** `string`, `date-time`, `int32`, `array of string`, `array of Issue`, `Issue`, `object`. */
export function typeLabel(schema: unknown, definitions: Obj): string {
  if (!isObject(schema)) return '';
  const name = definitionName(schema.$ref);
  if (name) return name;
  const type = typeof schema.type === 'string' ? schema.type : schema.properties ? 'object' : '';
  if (type === 'array') {
    const inner = typeLabel(schema.items, definitions);
    return inner ? `array of ${inner}` : 'array';
  }
  if (typeof schema.format === 'string' && schema.format) return schema.format;
  return type;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const shown = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

export function dynamicSource(schema: Obj, kind: 'values' | 'schema'): string | undefined {
  const keys = kind === 'values' ? ['x-ms-dynamic-values', 'x-ms-dynamic-list'] : ['x-ms-dynamic-schema', 'x-ms-dynamic-properties'];
  for (const key of keys) {
    const v = schema[key];
    if (isObject(v)) {
      const id = v.operationId ?? (isObject(v.builtInOperation) ? undefined : v.builtInOperation);
      if (typeof id === 'string') return id;
      return 'a built-in operation';
    }
  }
  return undefined;
}

function rowOf(path: string, name: string, schema: Obj, definitions: Obj, required: boolean, ref?: string): SchemaRow {
  const visibility = schema['x-ms-visibility'];
  const row: SchemaRow = {
    path,
    name,
    label: text(schema['x-ms-summary']) || text(schema.title) || name,
    type: ref ?? typeLabel(schema, definitions),
    description: text(schema.description),
    required,
    visibility: visibility === 'important' || visibility === 'advanced' || visibility === 'internal' ? visibility : '',
  };
  if (ref && !row.type) row.type = ref;
  const def = shown(schema.default);
  if (def !== undefined) row.default = def;
  if (Array.isArray(schema.enum)) row.enum = schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
  if (ref) row.ref = ref;
  const dv = dynamicSource(schema, 'values');
  if (dv) row.dynamicValues = dv;
  const ds = dynamicSource(schema, 'schema');
  if (ds) row.dynamicSchema = ds;
  return row;
}

/**
 * Flattens a schema into rows. The root itself gives a row only when it is not an object
 * (a primitive or an array of primitives). `internal` rows are kept and marked; callers hide them.
 */
export function flattenSchema(schema: unknown, definitions: Obj = {}, prefix = ''): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const walk = (raw: unknown, path: string, name: string, required: boolean, seen: ReadonlySet<string>, root: boolean) => {
    if (rows.length >= MAX_ROWS) return;
    const { schema: s, ref } = resolveRef(raw, definitions);
    if (ref && seen.has(ref)) {
      rows.push(rowOf(path, name, isObject(raw) ? { ...s, ...raw } : s, definitions, required, ref));
      return;
    }
    const nextSeen = ref ? new Set([...seen, ref]) : seen;
    const merged: Obj = isObject(raw) && ref ? { ...s, ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== '$ref')) } : s;
    const isArray = merged.type === 'array';
    const props = isObject(merged.properties) ? merged.properties : undefined;
    if (!root || (!props && !isArray)) {
      if (path || !props) rows.push(rowOf(path, name, merged, definitions, required, ref));
    }
    if (props) {
      const req = new Set(Array.isArray(merged.required) ? merged.required.map(String) : []);
      for (const [key, child] of Object.entries(props)) walk(child, path ? `${path}.${key}` : key, key, req.has(key), nextSeen, false);
    } else if (isArray) {
      const items = resolveRef(merged.items, definitions);
      if (isObject(items.schema.properties) || items.schema.type === 'array') {
        walk(merged.items, path ? `${path}[]` : '[]', name, false, nextSeen, false);
        // The item row itself says little ("object"); keep only its children.
        const itemPath = path ? `${path}[]` : '[]';
        const i = rows.findIndex((r) => r.path === itemPath);
        if (i !== -1 && isObject(items.schema.properties)) rows.splice(i, 1);
      }
    }
  };
  walk(schema, prefix, prefix.split('.').pop() ?? '', false, new Set(), true);
  return rows;
}

/** True when the schema is (or points at) nothing the designer can show: dynamic outputs. */
export function isDynamicSchema(schema: unknown): boolean {
  return isObject(schema) && (schema['x-ms-dynamic-schema'] !== undefined || schema['x-ms-dynamic-properties'] !== undefined);
}

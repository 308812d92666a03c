/**
 * Schemas as tables, the way learn.microsoft.com shows them: one row per property with a dotted
 * path (`items[].user.login`), a label (x-ms-summary, title, else the name), a type
 * (`string`, `date-time`, `array of Issue`), the description and the designer's hints.
 * `$ref`s to definitions are expanded (with a cycle guard) and named. What a page shows is bounded
 * (SchemaLimits): below `maxDepth` levels a row keeps its type, linked to the definition's own
 * page when it is one, and says its fields are not expanded; past `maxRows` the table stops and says
 * so. So a page stays small whatever definitions it reaches.
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
  /** The designer's names of the `enum` values, from `x-ms-enum-values` `displayName` (the value where none is given); only when one differs. */
  enumTitles?: string[];
  /** Definition this row's schema comes from, if a `$ref`. */
  ref?: string;
  /** `x-ms-dynamic-values` / `x-ms-dynamic-list` source operation. */
  dynamicValues?: string;
  /** An array's: its items' `x-ms-dynamic-values` source, several chosen at once (the designer's multi-select). */
  dynamicItemValues?: string;
  /** The parameters of this operation the dynamic-values source is called with (dynamicInputs); only when any. */
  dynamicInputs?: string[];
  /** `x-ms-dynamic-schema` / `x-ms-dynamic-properties` source operation. */
  dynamicSchema?: string;
  /** The same on the items of an array: each item's fields come at run time from this operation. */
  dynamicItems?: string;
  /** The row has fields the table does not expand: it is deeper than SchemaLimits.maxDepth. */
  cut?: true;
}

export interface SchemaLimits {
  /** Rows kept; the table says when it stops. */
  maxRows: number;
  /** Path segments expanded (`a.b[].c` is 3); a deeper object is one row marked `cut`. */
  maxDepth: number;
}

export const MAX_ROWS = 300;
/** What page data and samples read: every row up to MAX_ROWS, at any depth (cycles stop). */
export const FULL: SchemaLimits = { maxRows: MAX_ROWS, maxDepth: Infinity };
/** What a page shows of one schema. */
export const PAGE: SchemaLimits = { maxRows: 100, maxDepth: 4 };

/** A schema as a table: its rows, and whether it stopped at `maxRows` before the end. */
export interface SchemaTable {
  rows: SchemaRow[];
  truncated: boolean;
}

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

/**
 * The parameters of this operation a dynamic-values source is called with (`{ parameter: owner }`,
 * `{ parameterReference: owner }` of x-ms-dynamic-list), sorted: the fields whose change refreshes the
 * dropdown (https://learn.microsoft.com/connectors/custom-connectors/openapi-extensions#use-dynamic-values).
 */
export function dynamicInputs(schema: Obj): string[] {
  const names = new Set<string>();
  for (const [key, ref] of [['x-ms-dynamic-values', 'parameter'], ['x-ms-dynamic-list', 'parameterReference']] as const) {
    const ext = schema[key];
    const params = isObject(ext) && isObject(ext.parameters) ? ext.parameters : {};
    for (const v of Object.values(params)) if (isObject(v) && typeof v[ref] === 'string' && v[ref] !== '') names.add(v[ref]);
  }
  return [...names].sort();
}

/** A field's dropdown: its `x-ms-dynamic-values` source and the fields that source is called with; none without one. */
export function dynamicValuesOf(schema: Obj): Pick<SchemaRow, 'dynamicValues' | 'dynamicInputs'> {
  const source = dynamicSource(schema, 'values');
  if (!source) return {};
  const inputs = dynamicInputs(schema);
  return { dynamicValues: source, ...(inputs.length ? { dynamicInputs: inputs } : {}) };
}

/** An array without choices of its own whose items have them: the designer's multi-select, and what it is called with. */
export function dynamicItemValues(array: Obj, items: Obj): Pick<SchemaRow, 'dynamicItemValues' | 'dynamicInputs'> {
  if (dynamicSource(array, 'values')) return {};
  const { dynamicValues, ...inputs } = dynamicValuesOf(items);
  return dynamicValues ? { dynamicItemValues: dynamicValues, ...inputs } : {};
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
  const names = schema['x-ms-enum-values'];
  if (row.enum && Array.isArray(names)) {
    const title = (value: string) => {
      const hit = names.find((n) => isObject(n) && (typeof n.value === 'string' ? n.value : JSON.stringify(n.value)) === value);
      return isObject(hit) && typeof hit.displayName === 'string' && hit.displayName !== '' ? hit.displayName : value;
    };
    const titles = row.enum.map(title);
    if (titles.some((t, i) => t !== row.enum![i])) row.enumTitles = titles;
  }
  if (ref) row.ref = ref;
  Object.assign(row, dynamicValuesOf(schema));
  const ds = dynamicSource(schema, 'schema');
  if (ds) row.dynamicSchema = ds;
  if (schema.type === 'array') {
    const items = resolveRef(schema.items, definitions).schema;
    const di = isDynamicSchema(items) ? dynamicSource(items, 'schema') : undefined;
    if (di) row.dynamicItems = di;
    Object.assign(row, dynamicItemValues(schema, items));
  }
  return row;
}

/**
 * Flattens a schema into rows. The root itself gives a row only when it is not an object
 * (a primitive or an array of primitives). `internal` rows are kept and marked; callers hide them.
 */
export function flattenSchema(schema: unknown, definitions: Obj = {}, prefix = '', limits: SchemaLimits = FULL): SchemaRow[] {
  return schemaTable(schema, definitions, limits, prefix).rows;
}

const depthOf = (path: string) => (path === '' ? 0 : path.split('.').length);

/** flattenSchema within `limits`, saying whether rows were left out at the end. */
export function schemaTable(schema: unknown, definitions: Obj = {}, limits: SchemaLimits = PAGE, prefix = ''): SchemaTable {
  const rows: SchemaRow[] = [];
  let truncated = false;
  const push = (row: SchemaRow) => {
    if (rows.length >= limits.maxRows) truncated = true;
    else rows.push(row);
  };
  // `ownRow` false: an array's item object, whose row would say little ("object"); its fields stand for it.
  const walk = (raw: unknown, path: string, name: string, required: boolean, seen: ReadonlySet<string>, root: boolean, ownRow = true) => {
    if (rows.length >= limits.maxRows) {
      truncated = true;
      return;
    }
    const { schema: s, ref } = resolveRef(raw, definitions);
    if (ref && seen.has(ref)) {
      if (ownRow) push(rowOf(path, name, isObject(raw) ? { ...s, ...raw } : s, definitions, required, ref));
      return;
    }
    const nextSeen = ref ? new Set([...seen, ref]) : seen;
    const merged: Obj = isObject(raw) && ref ? { ...s, ...Object.fromEntries(Object.entries(raw).filter(([k]) => k !== '$ref')) } : s;
    const isArray = merged.type === 'array';
    const props = isObject(merged.properties) ? merged.properties : undefined;
    const items = isArray ? resolveRef(merged.items, definitions) : undefined;
    const expands = props !== undefined || (items !== undefined && (isObject(items.schema.properties) || items.schema.type === 'array'));
    // Deeper than the page shows: one row, its type (a definition's is linked) standing for its fields.
    if (!root && expands && depthOf(path) >= limits.maxDepth) {
      push({ ...rowOf(path, name, merged, definitions, required, ref), cut: true });
      return;
    }
    if (ownRow && (!root || (!props && !isArray))) {
      if (path || !props) push(rowOf(path, name, merged, definitions, required, ref));
    }
    if (props) {
      const req = new Set(Array.isArray(merged.required) ? merged.required.map(String) : []);
      for (const [key, child] of Object.entries(props)) walk(child, path ? `${path}.${key}` : key, key, req.has(key), nextSeen, false);
    } else if (items && expands) {
      walk(merged.items, path ? `${path}[]` : '[]', name, false, nextSeen, false, !isObject(items.schema.properties));
    }
  };
  walk(schema, prefix, prefix.split('.').pop() ?? '', false, new Set(), true);
  return { rows, truncated };
}

/** True when the schema is (or points at) nothing the designer can show: dynamic outputs. */
export function isDynamicSchema(schema: unknown): boolean {
  return isObject(schema) && (schema['x-ms-dynamic-schema'] !== undefined || schema['x-ms-dynamic-properties'] !== undefined);
}

/** True when a row adds notes to its description (default, allowed values, dynamic sources, cut fields): only then does a page render them. */
export function hasNotes(r: SchemaRow): boolean {
  return r.default !== undefined || r.enum !== undefined || r.dynamicValues !== undefined || r.dynamicItemValues !== undefined || r.dynamicSchema !== undefined || r.dynamicItems !== undefined || r.cut === true;
}

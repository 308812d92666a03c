/**
 * `dynamicValues` / `dynamicSchema` sugar → the original extension, its successor, or both
 * (`form`), which the validator requires for references into bodies and which newer clients read.
 * Keys come out in the order the sugar is written, so an imported node compiles back byte for byte.
 */
import { getOwn, setOwn } from '../../core/own.ts';

type Obj = Record<string, unknown>;

/** One extension to write: its key and value. */
export type DynamicEntry = readonly [key: string, value: Obj];

function obj(v: unknown): Obj {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function isParameterRef(v: unknown): v is { parameter: string; reference?: unknown } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { parameter?: unknown }).parameter === 'string';
}

/** `{ value: v }`: an explicit literal (any JSON, objects included). */
function isLiteral(v: unknown): v is { value: unknown } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'value') && !Object.hasOwn(v, 'parameter');
}

/** Arguments of the older twin: `{ parameter: x }` (without `reference`), `{ value: v }` → v, other literals as they are. */
function valuesArgs(args: unknown): unknown {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args;
  const out: Obj = {};
  for (const [k, v] of Object.entries(args)) {
    if (isParameterRef(v) && v.reference !== undefined) {
      const { reference: _, ...rest } = v;
      setOwn(out, k, rest);
    } else setOwn(out, k, isLiteral(v) ? v.value : v);
  }
  return out;
}

/** Arguments of the successor: `{ parameterReference: reference ?? parameter }` / `{ value: v }`. */
function listArgs(args: unknown): unknown {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args;
  const out: Obj = {};
  for (const [k, v] of Object.entries(args)) {
    if (isParameterRef(v)) setOwn(out, k, { parameterReference: typeof v.reference === 'string' ? v.reference : v.parameter });
    else setOwn(out, k, { value: isLiteral(v) ? v.value : v });
  }
  return out;
}

/** Sugar key → [key in the older extension, key in its successor] (undefined: not written there). */
const VALUES_KEYS: Record<string, readonly [string | undefined, string | undefined]> = {
  operationId: ['operationId', 'operationId'],
  builtInOperation: ['builtInOperation', undefined],
  capability: ['capability', undefined],
  parameters: ['parameters', 'parameters'],
  collection: ['value-collection', 'itemsPath'],
  value: ['value-path', 'itemValuePath'],
  title: ['value-title', 'itemTitlePath'],
};

export type DynamicValuesForm = 'both' | 'values' | 'list';
export type DynamicSchemaForm = 'both' | 'schema' | 'properties';

/** The `form` a `dynamicValues` sugar means: as written, else `both` with an operationId, else `values`. */
export function dynamicValuesForm(sugar: unknown): DynamicValuesForm {
  const s = obj(sugar);
  if (s.form === 'values' || s.form === 'list' || s.form === 'both') return s.form;
  return s.operationId === undefined && (s.capability !== undefined || s.builtInOperation !== undefined) ? 'values' : 'both';
}

export function compileDynamicValues(sugar: unknown): DynamicEntry[] {
  const s = obj(sugar);
  const form = dynamicValuesForm(s);
  const values: Obj = {};
  const list: Obj = {};
  for (const [key, v] of Object.entries(s)) {
    const target = getOwn<readonly [string | undefined, string | undefined]>(VALUES_KEYS, key);
    if (!target || v === undefined) continue;
    if (target[0]) values[target[0]] = key === 'parameters' ? valuesArgs(v) : v;
    if (target[1]) list[target[1]] = key === 'parameters' ? listArgs(v) : v;
  }
  const out: DynamicEntry[] = [];
  if (form !== 'list') out.push(['x-ms-dynamic-values', values]);
  if (form !== 'values') out.push(['x-ms-dynamic-list', list]);
  return out;
}

/** `itemValuePath` of `x-ms-dynamic-properties`: the schema path without a trailing `/properties`. */
const itemValuePath = (path: string): string => path.replace(/\/?properties$/, '');

export function compileDynamicSchema(sugar: unknown): DynamicEntry[] {
  const s = obj(sugar);
  const form: DynamicSchemaForm = s.form === 'schema' || s.form === 'properties' ? s.form : 'both';
  const schema: Obj = {};
  const properties: Obj = {};
  for (const [key, v] of Object.entries(s)) {
    if (v === undefined) continue;
    if (key === 'operationId') {
      schema.operationId = v;
      properties.operationId = v;
    } else if (key === 'parameters') {
      schema.parameters = valuesArgs(v);
      properties.parameters = listArgs(v);
    } else if (key === 'path') {
      schema['value-path'] = v;
      if (typeof v === 'string') properties.itemValuePath = itemValuePath(v);
    }
  }
  const out: DynamicEntry[] = [];
  if (form !== 'properties') out.push(['x-ms-dynamic-schema', schema]);
  if (form !== 'schema') out.push(['x-ms-dynamic-properties', properties]);
  return out;
}

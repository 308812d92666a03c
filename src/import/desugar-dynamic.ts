/**
 * `x-ms-dynamic-*` → the `dynamicValues` / `dynamicSchema` sugar, the inverse of
 * src/compiler/passes/dynamic.ts. Every real form has a sugar: the older extension alone, its
 * successor alone, or both (`form`), each with or without its optional keys, and arguments that
 * differ between the twins (`reference`). The caller (desugarKeys in ./desugar.ts) writes the sugar
 * where the first consumed key stood and drops the other consumed keys. Every result here is
 * compiled back and kept only when it gives the same keys exactly, and only when the front-matter
 * model accepts it; otherwise undefined (the raw keys stay).
 */
import { equalJson as equal, setOwn } from '../core/own.ts';
import { compileDynamicSchema, compileDynamicValues, dynamicValuesForm } from '../compiler/passes/dynamic.ts';
import { DynamicArgument, DynamicSchema, DynamicValues } from '../model/dynamic.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

/** A sugar value and the raw keys of the node it replaces. */
export interface DynamicSugar {
  sugar: Obj;
  consumes: readonly string[];
}

const REFERENCE_KEYS = new Set(['parameter', 'reference']);

/** True when the model accepts `arg` as written, with no unknown key. */
function argumentOk(arg: unknown): boolean {
  if (isObject(arg)) {
    const keys = Object.keys(arg);
    const known = keys.length === 1 && keys[0] === 'value' ? true : keys.every((k) => REFERENCE_KEYS.has(k));
    if (!known) return false;
  }
  return DynamicArgument.safeParse(arg).success;
}

const isReference = (v: unknown): v is { parameterReference: unknown } => isObject(v) && Object.keys(v).length === 1 && 'parameterReference' in v;
const isLiteral = (v: unknown): v is { value: unknown } => isObject(v) && Object.keys(v).length === 1 && 'value' in v;
const isParameter = (v: unknown): v is { parameter: string } => isObject(v) && Object.keys(v).length === 1 && typeof v.parameter === 'string';

/** A literal of the older twin as sugar: an object is wrapped (`{ value: … }`), the rest stays. */
const literal = (v: unknown): unknown => (isObject(v) ? { value: v } : v);

/**
 * Sugar arguments from the older twin's (`{ parameter }` / literal) and the successor's
 * (`{ parameterReference }` / `{ value }`) arguments; either may be absent (one-twin forms).
 */
function sugarArgs(older: unknown, successor: unknown): unknown {
  if (older === undefined) {
    if (!isObject(successor)) return successor;
    const out: Obj = {};
    for (const [k, v] of Object.entries(successor)) {
      if (isReference(v) && typeof v.parameterReference === 'string') setOwn(out, k, { parameter: v.parameterReference });
      else if (isLiteral(v)) setOwn(out, k, literal(v.value));
      else return undefined;
    }
    return out;
  }
  if (!isObject(older)) return older;
  const twins = isObject(successor) ? successor : {};
  const out: Obj = {};
  for (const [k, v] of Object.entries(older)) {
    const twin = Object.hasOwn(twins, k) ? twins[k] : undefined;
    if (isParameter(v) && isReference(twin) && typeof twin.parameterReference === 'string' && twin.parameterReference !== v.parameter) {
      setOwn(out, k, { parameter: v.parameter, reference: twin.parameterReference });
    } else setOwn(out, k, isParameter(v) ? v : literal(v));
  }
  return out;
}

/** Arguments the model accepts (a map of accepted arguments), or absent. */
function argsOk(args: unknown): boolean {
  return args === undefined || (isObject(args) && Object.values(args).every(argumentOk));
}

/** Raw key of the older twin → sugar key, in that order. */
const FROM_VALUES: Record<string, string> = {
  operationId: 'operationId',
  builtInOperation: 'builtInOperation',
  capability: 'capability',
  parameters: 'parameters',
  'value-collection': 'collection',
  'value-path': 'value',
  'value-title': 'title',
};
const FROM_LIST: Record<string, string> = {
  operationId: 'operationId',
  parameters: 'parameters',
  itemsPath: 'collection',
  itemValuePath: 'value',
  itemTitlePath: 'title',
};

/** Sugar keys in the order the primary twin writes them; undefined on a key with no sugar. */
function keysFrom(raw: Obj, map: Record<string, string>, args: unknown): Obj | undefined {
  const sugar: Obj = {};
  for (const [key, value] of Object.entries(raw)) {
    const to = Object.hasOwn(map, key) ? map[key]! : undefined;
    if (to === undefined) return undefined;
    sugar[to] = to === 'parameters' ? args : value;
  }
  return sugar;
}

function exact(entries: ReturnType<typeof compileDynamicValues>, node: Obj, keys: readonly string[]): boolean {
  const present = keys.filter((k) => node[k] !== undefined);
  return entries.length === present.length && entries.every(([k, v]) => present.includes(k) && equal(v, node[k]));
}

function valuesSugar(node: Obj): DynamicSugar | undefined {
  const values = node['x-ms-dynamic-values'];
  const list = node['x-ms-dynamic-list'];
  if ((values !== undefined && !isObject(values)) || (list !== undefined && !isObject(list)) || (!values && !list)) return undefined;
  const args = sugarArgs(values?.parameters, list?.parameters);
  if (!argsOk(args)) return undefined;
  const sugar = values ? keysFrom(values, FROM_VALUES, args) : keysFrom(list!, FROM_LIST, args);
  if (!sugar) return undefined;
  const form = values && list ? 'both' : values ? 'values' : 'list';
  if (dynamicValuesForm(sugar) !== form) sugar.form = form;
  const consumes = ['x-ms-dynamic-values', 'x-ms-dynamic-list'].filter((k) => node[k] !== undefined);
  if (!exact(compileDynamicValues(sugar), node, consumes) || !DynamicValues.safeParse(sugar).success) return undefined;
  return { sugar, consumes };
}

const FROM_SCHEMA: Record<string, string> = { operationId: 'operationId', parameters: 'parameters', 'value-path': 'path' };
const FROM_PROPERTIES: Record<string, string> = { operationId: 'operationId', parameters: 'parameters', itemValuePath: 'path' };

function schemaSugar(node: Obj): DynamicSugar | undefined {
  const schema = node['x-ms-dynamic-schema'];
  const properties = node['x-ms-dynamic-properties'];
  if ((schema !== undefined && !isObject(schema)) || (properties !== undefined && !isObject(properties)) || (!schema && !properties)) return undefined;
  const args = sugarArgs(schema?.parameters, properties?.parameters);
  if (!argsOk(args)) return undefined;
  const sugar = schema ? keysFrom(schema, FROM_SCHEMA, args) : keysFrom(properties!, FROM_PROPERTIES, args);
  if (!sugar) return undefined;
  if (!schema) sugar.form = 'properties';
  else if (!properties) sugar.form = 'schema';
  const consumes = ['x-ms-dynamic-schema', 'x-ms-dynamic-properties'].filter((k) => node[k] !== undefined);
  if (!exact(compileDynamicSchema(sugar), node, consumes) || !DynamicSchema.safeParse(sugar).success) return undefined;
  return { sugar, consumes };
}

/** `dynamicValues` for a node carrying `x-ms-dynamic-values` and/or `x-ms-dynamic-list`, when exact. */
export function dynamicValuesSugar(node: Obj): DynamicSugar | undefined {
  return valuesSugar(node);
}

/** `dynamicSchema` for a node carrying `x-ms-dynamic-schema` and/or `x-ms-dynamic-properties`, when exact. */
export function dynamicSchemaSugar(node: Obj): DynamicSugar | undefined {
  return schemaSugar(node);
}

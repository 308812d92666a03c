/**
 * `x-ms-dynamic-*` → the `dynamicValues` / `dynamicSchema` sugar, the inverse of
 * src/compiler/passes/dynamic.ts. The caller (desugarKeys in ./desugar.ts) writes the sugar where the
 * first consumed key stood and drops the other consumed keys; every result here is compiled back
 * and kept only when it gives the same keys exactly.
 */
import { equalJson as equal, setOwn } from '../core/own.ts';
import { compileDynamicSchema, compileDynamicValues } from '../compiler/passes/dynamic.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

/** A sugar value and the raw keys of the node it replaces. */
export interface DynamicSugar {
  sugar: Obj;
  consumes: readonly string[];
}

/** `{ value: v }` / `{ parameterReference: p }` (dynamic-list form) → sugar argument. */
function argsFromList(list: unknown): Obj | undefined {
  if (!isObject(list)) return undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(list)) {
    if (isObject(v) && 'parameterReference' in v && Object.keys(v).length === 1) setOwn(out, k, { parameter: v.parameterReference });
    else if (isObject(v) && 'value' in v && Object.keys(v).length === 1) setOwn(out, k, v.value);
    else return undefined;
  }
  return out;
}

/** The `dynamicValues` sugar for a node, when both twins are present. (Verified by the caller.) */
function valuesAndListSugar(node: Obj): Obj | undefined {
  const values = node['x-ms-dynamic-values'];
  const list = node['x-ms-dynamic-list'];
  if (!isObject(values) || !isObject(list)) return undefined;
  const sugar: Obj = { operationId: values.operationId };
  if (values.parameters !== undefined) sugar.parameters = values.parameters;
  if (values['value-collection'] !== undefined) sugar.collection = values['value-collection'];
  sugar.value = values['value-path'];
  if (values['value-title'] !== undefined) sugar.title = values['value-title'];
  const [v, l] = compileDynamicValues(sugar);
  return equal(v, values) && equal(l, list) ? sugar : undefined;
}

function schemaAndPropertiesSugar(node: Obj): Obj | undefined {
  const schema = node['x-ms-dynamic-schema'];
  const properties = node['x-ms-dynamic-properties'];
  if (!isObject(schema) || !isObject(properties)) return undefined;
  const sugar: Obj = { operationId: schema.operationId };
  if (schema.parameters !== undefined) sugar.parameters = schema.parameters;
  if (schema['value-path'] !== undefined) sugar.path = schema['value-path'];
  const [d, p] = compileDynamicSchema(sugar);
  return equal(d, schema) && equal(p, properties) ? sugar : undefined;
}

/** `dynamicValues` for a node carrying `x-ms-dynamic-values` / `x-ms-dynamic-list`, when exact. */
export function dynamicValuesSugar(node: Obj): DynamicSugar | undefined {
  const sugar = valuesAndListSugar(node);
  return sugar ? { sugar, consumes: ['x-ms-dynamic-values', 'x-ms-dynamic-list'] } : undefined;
}

/** `dynamicSchema` for a node carrying `x-ms-dynamic-schema` / `x-ms-dynamic-properties`, when exact. */
export function dynamicSchemaSugar(node: Obj): DynamicSugar | undefined {
  const sugar = schemaAndPropertiesSugar(node);
  return sugar ? { sugar, consumes: ['x-ms-dynamic-schema', 'x-ms-dynamic-properties'] } : undefined;
}

/**
 * `dynamicValues` / `dynamicSchema` sugar → both the original extension and its successor,
 * which the validator requires for references into bodies and which newer clients read.
 */
import { setOwn } from '../../core/own.ts';

type Args = Record<string, unknown> | undefined;

function isParameterRef(v: unknown): v is { parameter: string } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { parameter?: unknown }).parameter === 'string';
}

/** `{ parameter: x }` stays for x-ms-dynamic-values; x-ms-dynamic-list wants `{ parameterReference: x }` / `{ value: v }`. */
function listArgs(args: Args): Record<string, unknown> | undefined {
  if (!args || typeof args !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) setOwn(out, k, isParameterRef(v) ? { parameterReference: v.parameter } : { value: v });
  return out;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function compileDynamicValues(sugar: unknown): [Record<string, unknown>, Record<string, unknown>] {
  const s = obj(sugar);
  const args = s.parameters as Args;
  const values: Record<string, unknown> = { operationId: s.operationId };
  if (args) values.parameters = args;
  if (s.collection !== undefined) values['value-collection'] = s.collection;
  values['value-path'] = s.value;
  if (s.title !== undefined) values['value-title'] = s.title;
  const list: Record<string, unknown> = { operationId: s.operationId };
  if (args) list.parameters = listArgs(args);
  if (s.collection !== undefined) list.itemsPath = s.collection;
  list.itemValuePath = s.value;
  if (s.title !== undefined) list.itemTitlePath = s.title;
  return [values, list];
}

export function compileDynamicSchema(sugar: unknown): [Record<string, unknown>, Record<string, unknown>] {
  const s = obj(sugar);
  const args = s.parameters as Args;
  const schema: Record<string, unknown> = { operationId: s.operationId };
  if (args) schema.parameters = args;
  if (s.path !== undefined) schema['value-path'] = s.path;
  const properties: Record<string, unknown> = { operationId: s.operationId };
  if (args) properties.parameters = listArgs(args);
  if (typeof s.path === 'string') properties.itemValuePath = s.path.replace(/\/?properties$/, '');
  return [schema, properties];
}

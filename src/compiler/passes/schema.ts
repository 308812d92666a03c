/** Schemas (bodies, responses, definitions): copy as written, compiling designer sugar in place. */
import type { Path } from '../../core/pointer.ts';
import { getOwn, setOwn } from '../../core/own.ts';
import type { SourceFile } from '../../core/source-file.ts';
import { ObjectBuilder } from '../builder.ts';
import type { CompileContext } from '../context.ts';
import { compileDynamicSchema, compileDynamicValues } from './dynamic.ts';

/** Sugar keys with a one-to-one raw twin, shared by parameters, schemas and responses. */
export const RENAMES: Record<string, string> = {
  summary: 'x-ms-summary',
  visibility: 'x-ms-visibility',
  testValue: 'x-ms-test-value',
};

export interface Place {
  ctx: CompileContext;
  file: SourceFile;
  /** Path of this node in the source file's front-matter. */
  src: Path;
}

export function child(place: Place, srcKey: string | number): Place {
  return { ...place, src: [...place.src, srcKey] };
}

const SUBSCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_ONE = new Set(['not', 'additionalProperties']);

/**
 * Compiles one sugar key in place (`summary` → `x-ms-summary`, `dynamicValues` → both dynamic
 * extensions). Returns false when `key` is not sugar.
 */
export function compileSugarKey(b: ObjectBuilder, key: string, value: unknown, place: Place): boolean {
  const renamed = getOwn<string>(RENAMES, key);
  if (renamed) {
    b.set(renamed, value, place.file, [...place.src, key]);
    return true;
  }
  if (key === 'dynamicValues' || key === 'dynamicSchema') {
    const entries = key === 'dynamicValues' ? compileDynamicValues(value) : compileDynamicSchema(value);
    for (const [raw, compiled] of entries) b.set(raw, compiled, place.file, [...place.src, key]);
    return true;
  }
  return false;
}

export function compileSchema(value: unknown, place: Place): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const b = new ObjectBuilder(place.ctx, place.file, place.src);
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('x-')) b.own(key, v);
    else if (compileSugarKey(b, key, v, place)) continue;
    else if (SUBSCHEMA_MAPS.has(key) && v && typeof v === 'object' && !Array.isArray(v)) {
      const map: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(v)) setOwn(map, name, compileSchema(sub, child(child(place, key), name)));
      b.own(key, map);
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(v)) {
      b.own(key, v.map((sub, i) => compileSchema(sub, child(child(place, key), i))));
    } else if (key === 'items') {
      const items = Array.isArray(v) ? v.map((sub, i) => compileSchema(sub, child(child(place, key), i))) : compileSchema(v, child(place, key));
      b.own(key, items);
    } else if (SUBSCHEMA_ONE.has(key)) {
      b.own(key, compileSchema(v, child(place, key)));
    } else b.own(key, v);
  }
  return b.value;
}

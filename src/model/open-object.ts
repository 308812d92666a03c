/**
 * Objects of the authoring model are "open": besides their documented (sugar) keys they accept
 * any `x-…` extension and the raw Swagger/apiProperties keys of their position, which pass
 * through verbatim. Anything else is an unknown key, reported with a "did you mean".
 */
import { z } from 'zod';
import { closest } from 'fastest-levenshtein';

/** Meta key carrying the raw keys of an open object, for the generated JSON Schema. */
export const RAW_META = 'x-plugboard-raw';

export interface OpenObjectOptions {
  /** Raw keys of the target format allowed here besides the shape's keys. */
  raw?: readonly string[];
  /** Where the object sits, for messages ("operation", "parameter"...). */
  what: string;
}

export function suggest(key: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(key, candidates as string[]);
  const distance = levenshtein(key.toLowerCase(), best.toLowerCase());
  return distance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** What each open object accepts, for the unknown-key walk (see unknownKeys). */
export interface OpenInfo {
  known: readonly string[];
  knownSet: ReadonlySet<string>;
  what: string;
}
type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
/** By the schema's definition, which `.describe()` and `.meta()` copies share (a copy is a new schema). */
const openInfo = new WeakMap<object, OpenInfo>();

export function openObject<T extends z.ZodRawShape>(shape: T, options: OpenObjectOptions) {
  const known = [...Object.keys(shape), ...(options.raw ?? [])];
  // Loose: unknown keys pass validation untouched (zod's fast path); they are reported by
  // unknownKeys() in one cheap walk, which also keeps reporting them beside invalid values.
  const schema = z.looseObject(shape).meta({ [RAW_META]: options.raw ?? [] });
  openInfo.set(defOf(schema), { known, knownSet: new Set(known), what: options.what });
  return schema;
}

export interface UnknownKey {
  path: (string | number)[];
  key: string;
  message: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Unknown keys of `data` against an authoring schema, found by walking both together. */
export function unknownKeys(schema: z.ZodType, data: unknown, path: (string | number)[] = [], out: UnknownKey[] = []): UnknownKey[] {
  walk(schema, data, [...path], out);
  return out;
}

/** `path` is one shared stack (pushed and popped), copied only when a key is reported. */
function walk(schema: unknown, data: unknown, path: (string | number)[], out: UnknownKey[]): void {
  if (data === null || typeof data !== 'object') return;
  let s: unknown = schema;
  // Unwrap wrappers down to something that has structure.
  for (let guard = 0; guard < 20; guard++) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly' || def.type === 'nonoptional') s = def.innerType;
    // zod caches a lazy's inner schema; calling the getter would build a new one each time.
    else if (def.type === 'lazy') s = (s as { _zod: { innerType: unknown } })._zod.innerType;
    else if (def.type === 'pipe') s = def.in;
    else break;
  }
  const def = defOf(s);
  if (def.type === 'object') {
    if (Array.isArray(data)) return;
    const shape = def.shape as Record<string, z.ZodType>;
    const info = openInfo.get(def);
    for (const key in data) {
      // Own keys of the shape only: `constructor` is an unknown key, not Object.prototype's.
      const sub = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (sub) {
        // Scalars have no keys: skip the call (most values are scalars).
        const value = (data as Record<string, unknown>)[key];
        if (value === null || typeof value !== 'object') continue;
        path.push(key);
        walk(sub, value, path, out);
        path.pop();
      } else if (info && !info.knownSet.has(key) && !key.startsWith('x-')) {
        const hint = suggest(key, info.known);
        out.push({ path: [...path, key], key, message: `Unexpected key \`${key}\` in ${info.what}${hint ? `, did you mean \`${hint}\`?` : ''}` });
      }
    }
  } else if (def.type === 'record') {
    if (Array.isArray(data)) return;
    for (const key in data) {
      const value = (data as Record<string, unknown>)[key];
      if (value === null || typeof value !== 'object') continue;
      path.push(key);
      walk(def.valueType, value, path, out);
      path.pop();
    }
  } else if (def.type === 'array') {
    if (!Array.isArray(data)) return;
    for (let i = 0; i < data.length; i++) {
      const value: unknown = data[i];
      if (value === null || typeof value !== 'object') continue;
      path.push(i);
      walk(def.element, value, path, out);
      path.pop();
    }
  } else if (def.type === 'union') {
    const option = pickOption(def, data);
    if (option) walk(option, data, path, out);
  }
}

/** The union member that `data` is meant to be: by discriminator, else by shape. */
function pickOption(def: Def, data: unknown): z.ZodType | undefined {
  const options = def.options as z.ZodType[];
  const base = (o: z.ZodType): Def => {
    let s: unknown = o;
    let d = defOf(s);
    for (let guard = 0; guard < 20 && (d.type === 'lazy' || d.type === 'optional' || d.type === 'pipe'); guard++) {
      s = d.type === 'lazy' ? (s as { _zod: { innerType: unknown } })._zod.innerType : d.type === 'pipe' ? d.in : d.innerType;
      d = defOf(s);
    }
    return d;
  };
  if (Array.isArray(data)) return options.find((o) => base(o).type === 'array');
  if (!isPlainObject(data)) return undefined;
  const objects = options.filter((o) => ['object', 'record'].includes(base(o).type));
  const discriminator = def.discriminator as string | undefined;
  if (discriminator) {
    return objects.find((o) => {
      const shape = base(o).shape as Record<string, z.ZodType>;
      const literal = Object.hasOwn(shape, discriminator) ? shape[discriminator] : undefined;
      const values = literal ? (defOf(literal).values as unknown[] | undefined) : undefined;
      return values?.includes(data[discriminator]);
    });
  }
  // The object member whose keys match best; records take anything.
  let best: z.ZodType | undefined;
  let score = -1;
  for (const o of objects) {
    const d = base(o);
    const shape = d.type === 'object' ? (d.shape as Record<string, unknown>) : undefined;
    const n = shape ? Object.keys(data).filter((k) => Object.hasOwn(shape, k)).length : 0;
    if (n > score) [best, score] = [o, n];
  }
  return best;
}

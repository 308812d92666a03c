/**
 * JSON samples → a Swagger 2.0 schema in the authoring sugar: types, formats (date-time, date,
 * email, uri, uuid, int32/int64), arrays merged across their items, `required` for keys present
 * (and not null) in every sample object, and `summary` (x-ms-summary) from the key names.
 */
import { humanize } from '../openapi3/emit.ts';

type Obj = Record<string, unknown>;

export interface InferOptions {
  /** Label properties with `summary` from their key (default true). */
  summaries?: boolean;
  /** List keys present in every sample as `required` (default true). */
  required?: boolean;
  /** Write labels as the sugar `summary` (default, for MDX) or the raw `x-ms-summary` (for Swagger). */
  summaryKey?: 'summary' | 'x-ms-summary';
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function stringFormat(s: string): string | undefined {
  if (UUID.test(s)) return 'uuid';
  if (DATE.test(s)) return 'date';
  if (DATE_TIME.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')))) return 'date-time';
  if (EMAIL.test(s)) return 'email';
  if (URI.test(s)) return 'uri';
  return undefined;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** The schema of one or more samples of the same value. */
export function inferSchema(samples: readonly unknown[], options: InferOptions = {}): Obj {
  return infer(samples, options, 0);
}

function infer(samples: readonly unknown[], options: InferOptions, depth: number): Obj {
  const values = samples.filter((v) => v !== null && v !== undefined);
  if (values.length === 0 || depth > 32) return {};
  const kinds = new Set(values.map(kind));
  if (kinds.has('integer') && kinds.has('number')) kinds.delete('integer');
  if (kinds.size > 1) return {};
  const k = [...kinds][0]!;
  if (k === 'string') {
    const formats = new Set(values.map((v) => stringFormat(v as string)));
    const [format] = formats;
    return formats.size === 1 && format ? { type: 'string', format } : { type: 'string' };
  }
  if (k === 'integer') {
    const big = values.some((v) => (v as number) > 2147483647 || (v as number) < -2147483648);
    return { type: 'integer', format: big ? 'int64' : 'int32' };
  }
  if (k === 'number') return { type: 'number', format: 'double' };
  if (k === 'boolean') return { type: 'boolean' };
  if (k === 'array') {
    const items = values.flatMap((v) => v as unknown[]);
    return { type: 'array', items: infer(items, options, depth + 1) };
  }
  // Objects: keys in first-seen order, merged across samples.
  const objects = values as Obj[];
  const keys: string[] = [];
  for (const o of objects) for (const key of Object.keys(o)) if (!keys.includes(key)) keys.push(key);
  const properties: Obj = {};
  for (const key of keys) {
    const schema = infer(
      objects.map((o) => o[key]),
      options,
      depth + 1,
    );
    properties[key] = options.summaries === false ? schema : { [options.summaryKey ?? 'summary']: humanize(key), ...schema };
  }
  const out: Obj = { type: 'object', properties };
  if (options.required !== false && objects.length > 1) {
    const required = keys.filter((key) => objects.every((o) => Object.hasOwn(o, key) && o[key] !== null));
    if (required.length) out.required = required;
  }
  return out;
}

/** Parses a sample body leniently: JSON, or undefined when it is not JSON. */
export function parseSample(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (!trimmed || !/^[[{"0-9tfn-]/.test(trimmed)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}


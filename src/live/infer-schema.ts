/**
 * A schema for a field from the values an API returned for it, for `plugboard test --update-schema`
 * (update-schema.ts). Conservative on purpose: it writes only what every value seen agrees on, and
 * gives up (undefined) rather than guess, so that an added field never makes a valid response fail.
 *
 * - `type` is the one JSON type of every non-null value; whole and fractional numbers together are a
 *   `number`. Mixed types, or only `null`s, or only empty arrays: no schema.
 * - `format: date-time` when every string is an ISO 8601 date and time (`T`, seconds, an optional
 *   offset) the platform reads; `format: int64` when an integer is beyond 32 bits. No `int32`,
 *   `float` or `double`: a sample cannot tell them apart.
 * - `x-nullable: true` when a value was `null` beside typed ones.
 * - Objects recurse (fields in sorted order, at most `INFER_LIMITS.properties`), down to
 *   `INFER_LIMITS.depth` levels, below which an object is `type: object` alone; arrays take `items`
 *   from the elements of every array seen, the first `INFER_LIMITS.items` of each.
 * - `summary` is the field name in Title Case (`created_at` → `Created At`, `imageId` → `Image ID`).
 *
 * Pure: values in, schema out.
 */
import { isPlatformDateTime } from '../check/platform-ajv.ts';
import { typeOf } from '../check/live.ts';
import { isObject } from '../swagger/index.ts';

export const INFER_LIMITS = {
  /** Levels of nested objects and arrays an inferred schema describes. */
  depth: 6,
  /** Elements read of each array seen. */
  items: 50,
  /** Fields added to one object. */
  properties: 50,
} as const;

/** An inferred schema, in the keys of the authoring format (`summary`, not `x-ms-summary`). */
export interface InferredSchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  format?: 'date-time' | 'int64';
  summary?: string;
  'x-nullable'?: true;
  properties?: Record<string, InferredSchema>;
  items?: InferredSchema;
}

const INT32 = 2 ** 31;
/** `2024-05-01T08:30:00Z`, `2024-05-01T08:30:00.123+02:00`; a date alone, or no seconds, is not taken. */
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?$/;

/** Words that read as initials in a summary, as the bundled connectors write them (`Breed ID`). */
const INITIALS = new Set(['id', 'url', 'uri', 'api', 'http', 'https', 'ip', 'uuid', 'guid', 'json', 'xml', 'html', 'iso', 'utc', 'sku', 'etag']);

/** `reference_image_id` → `Reference Image ID`, `createdAt` → `Created At`; `''` when the name has no letters or digits. */
export function summaryFromName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter((w) => w !== '')
    .map((w) => {
      const lower = w.toLowerCase();
      if (INITIALS.has(lower)) return w.toUpperCase();
      if (lower.endsWith('s') && INITIALS.has(lower.slice(0, -1))) return `${w.slice(0, -1).toUpperCase()}s`; // `ids` → `IDs`
      return w[0]!.toUpperCase() + w.slice(1);
    })
    .join(' ');
}

/** The one type of `values` (none `null`), `number` for whole and fractional numbers together; undefined when they differ. */
export function commonType(values: readonly unknown[]): InferredSchema['type'] | undefined {
  const types = new Set(values.map(typeOf));
  if (types.size === 2 && types.has('integer') && types.has('number')) return 'number';
  const [only] = types;
  return types.size === 1 && only !== 'null' && only !== 'undefined' && only !== 'bigint' && only !== 'symbol' && only !== 'function'
    ? (only as InferredSchema['type'])
    : undefined;
}

export const isIsoDateTime = (value: unknown) => typeof value === 'string' && ISO_DATE_TIME.test(value) && isPlatformDateTime(value);

/** The format every value agrees on, for `type`; undefined when none is certain. */
function formatOf(type: InferredSchema['type'], values: readonly unknown[]): InferredSchema['format'] | undefined {
  if (type === 'string' && values.every(isIsoDateTime)) return 'date-time';
  if (type === 'integer' && values.some((v) => typeof v === 'number' && (v >= INT32 || v < -INT32))) return 'int64';
  return undefined;
}

/**
 * The schema of a field named `name` from the `values` seen for it (undefined when they do not
 * settle one); `depth` counts the levels above. The paths of fields inside it that settle no schema
 * go to `omitted`, as `name.inner` and `name[].inner`, so that nothing is left out unsaid.
 */
export function inferSchema(name: string, values: readonly unknown[], depth = 0, omitted?: string[]): InferredSchema | undefined {
  const typed = values.filter((v) => v !== null && v !== undefined);
  const type = commonType(typed);
  if (type === undefined) return undefined;
  const schema: InferredSchema = { type };
  const format = formatOf(type, typed);
  if (format) schema.format = format;
  const summary = summaryFromName(name);
  if (summary) schema.summary = summary;
  if (typed.length < values.length) schema['x-nullable'] = true;
  if (depth + 1 >= INFER_LIMITS.depth) return type === 'array' ? undefined : schema;
  if (type === 'object') {
    const properties = inferProperties(typed.filter(isObject), new Set(), depth + 1, omitted, `${name}.`);
    if (Object.keys(properties).length) schema.properties = properties;
  } else if (type === 'array') {
    const elements = typed.flatMap((v) => (Array.isArray(v) ? v.slice(0, INFER_LIMITS.items) : []));
    const inner: string[] = [];
    const items = inferSchema('', elements, depth + 1, inner);
    omitted?.push(...inner.map((path) => `${name}[]${path}`));
    if (!items) return undefined; // no element seen, or elements of mixed types: no `items` to write
    schema.items = items;
  }
  return schema;
}

/**
 * Schemas for the fields of `objects` not in `declared`, by name in sorted order, at most
 * `INFER_LIMITS.properties`; a field whose values settle no schema, or past the limit, is left out
 * and its path (`prefix` + name, and those of fields left out inside the ones added) goes to `omitted`.
 */
export function inferProperties(
  objects: readonly Record<string, unknown>[],
  declared: ReadonlySet<string>,
  depth = 0,
  omitted?: string[],
  prefix = '',
): Record<string, InferredSchema> {
  const names = [...new Set(objects.flatMap((o) => Object.keys(o)))].filter((n) => !declared.has(n)).sort();
  const properties: Record<string, InferredSchema> = {};
  let added = 0;
  for (const name of names) {
    if (added >= INFER_LIMITS.properties) {
      omitted?.push(`${prefix}${name}`);
      continue;
    }
    const inner: string[] = [];
    const schema = inferSchema(name, objects.filter((o) => Object.hasOwn(o, name)).map((o) => o[name]), depth, inner);
    if (!schema) {
      omitted?.push(`${prefix}${name}`);
      continue;
    }
    omitted?.push(...inner.map((path) => `${prefix}${path}`));
    Object.defineProperty(properties, name, { value: schema, enumerable: true, writable: true, configurable: true });
    added++;
  }
  return properties;
}

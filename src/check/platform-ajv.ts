/**
 * JSON Schema validation as the platform judges values: ajv with Swagger 2.0's draft-04 semantics,
 * ajv-formats, and `date-time` / `date-no-tz` as .NET reads them. One definition for the format
 * rule (rules/schema-format-value.ts), the live rules (live.ts) and the mock and runner of src/live.
 */
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

type AjvClass = typeof import('ajv-draft-04').default;
export type PlatformAjv = InstanceType<AjvClass>;
type AjvOptions = ConstructorParameters<AjvClass>[0];

const Ajv: AjvClass = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: PlatformAjv) => unknown;

/**
 * A date and time as .NET reads one: a date, `T` or a space, hours and minutes (seconds and
 * fractions optional), an optional offset; fields in range. Stricter RFC 3339 would refuse values
 * real flows send.
 */
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)?$/;

export function isPlatformDateTime(value: string | number): boolean {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return false;
  const [month, day, hour, minute, second] = match.slice(2, 7).map((field) => Number(field ?? 0));
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour! <= 23 && minute! <= 59 && second! <= 60;
}

/** A draft-04 ajv with every ajv-formats format and the platform's date-time formats. */
export function createPlatformAjv(options: AjvOptions): PlatformAjv {
  const ajv = new Ajv(options);
  addFormats(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isPlatformDateTime });
  ajv.addFormat('date-no-tz', { type: 'string', validate: isPlatformDateTime });
  return ajv;
}

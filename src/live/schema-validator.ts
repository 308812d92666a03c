/**
 * JSON Schema validation of live data (request values, generated responses) against a compiled
 * connector's schemas: ajv with Swagger 2.0's draft-04 semantics (`exclusiveMinimum: true`) and
 * ajv-formats and the platform's date-time (src/check/platform-ajv.ts). The document's `definitions` are added once under their own id and each schema's
 * local references are pointed at them, so a definition is compiled once, not once per schema. A schema ajv refuses (a
 * `type: file`, a `required: true` on a property…) validates nothing rather than failing the caller.
 */
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { createPlatformAjv, type PlatformAjv } from '../check/platform-ajv.ts';
import { isObject, type Json, type JsonObject, type Schema, type Swagger } from '../swagger/index.ts';


export interface Validation {
  ok: boolean;
  /** The first error, as `/path must be integer`; undefined when valid. */
  message?: string;
}

/** Compiles and caches validators of one document's schemas. */
export class SchemaValidator {
  readonly #ajv: PlatformAjv;
  readonly #cache = new WeakMap<object, ValidateFunction | null>();
  /** Validators of bare references (`{ $ref }`, most response schemas), shared by every schema that is one. */
  readonly #byRef = new Map<string, ValidateFunction | null>();

  constructor(swagger: Swagger) {
    this.#ajv = createPlatformAjv({ allErrors: false, strict: false, validateSchema: false, logger: false });
    try {
      this.#ajv.addSchema({ definitions: isObject(swagger.definitions) ? rebase(swagger.definitions, 0) : {} }, DOC);
    } catch {
      // A definition ajv refuses: schemas that reference it will not compile, and validate nothing.
    }
  }

  /** The validator of `schema`, or undefined when ajv cannot compile it. */
  compiled(schema: Schema): ValidateFunction | undefined {
    const cached = this.#cache.get(schema);
    if (cached !== undefined) return cached ?? undefined;
    const ref = Object.keys(schema).length === 1 && typeof schema.$ref === 'string' ? schema.$ref : undefined;
    let fn = ref !== undefined ? this.#byRef.get(ref) : undefined;
    if (fn === undefined) {
      try {
        fn = this.#ajv.compile(rebase(schema, 0) as object);
      } catch {
        fn = null;
      }
      if (ref !== undefined) this.#byRef.set(ref, fn);
    }
    this.#cache.set(schema, fn);
    return fn ?? undefined;
  }

  /** Validates `value`; a schema that does not compile accepts everything (`compiled` tells). */
  validate(schema: Schema, value: unknown): Validation {
    const fn = this.compiled(schema);
    if (!fn || fn(value)) return { ok: true };
    return { ok: false, message: errorText(fn.errors ?? []) };
  }
}

/** The id of the document's definitions inside ajv. */
const DOC = 'plugboard:document';

/** A copy of `node` whose local references (`#/definitions/X`) point into the document's definitions. */
function rebase(node: Json, depth: number): Json {
  if (depth > 200) return {};
  if (Array.isArray(node)) return node.map((item) => rebase(item, depth + 1));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? `${DOC}${value}` : rebase(value, depth + 1);
  }
  return out;
}

function errorText(errors: readonly ErrorObject[]): string {
  const e = errors[0];
  if (!e) return 'is not valid';
  const where = e.instancePath || '';
  const allowed = e.keyword === 'enum' && Array.isArray((e.params as { allowedValues?: unknown }).allowedValues)
    ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
    : '';
  return `${where ? `${where} ` : ''}${e.message ?? 'is not valid'}${allowed}`.trim();
}

/**
 * OpenAPI 3.0/3.1 Schema Objects → Swagger 2.0 Schema Objects. Every approximation (nullable,
 * type arrays, const, oneOf/anyOf, not, 3.1-only keywords) is reported with the source pointer.
 */
import { setOwn } from '../../core/own.ts';
import type { Path } from '../../core/pointer.ts';
import type { Reporter } from './emit.ts';
import { isObject as isObj } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

/** Keys a Swagger 2.0 Schema Object may have (besides `x-*`). */
const SWAGGER_SCHEMA_KEYS = new Set([
  '$ref', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum',
  'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties',
  'minProperties', 'required', 'enum', 'additionalProperties', 'type', 'items', 'allOf', 'properties',
  'discriminator', 'readOnly', 'xml', 'externalDocs', 'example',
]);

export interface SchemaContext {
  reporter: Reporter;
  /** `#/components/schemas/X` → `#/definitions/X` (and other component refs). */
  rewriteRef: (ref: string, at: Path) => string | undefined;
  /** Resolves a local ref for merging oneOf branches. */
  resolve: (ref: string) => unknown;
}

/** `#/components/schemas/Foo Bar` → definition name. */
export function definitionName(name: string): string {
  return name;
}

export function convertSchema(schema: unknown, at: Path, ctx: SchemaContext, depth = 0): Obj {
  if (!isObj(schema)) {
    if (schema === true || schema === undefined) return {};
    if (schema === false) {
      ctx.reporter.approximated('A `false` schema (nothing allowed) has no Swagger 2.0 form; it accepts anything here', at, ['false-schema-nothing-allowed']);
      return {};
    }
    ctx.reporter.dropped('Expected a schema object', at, ['expected-schema-object']);
    return {};
  }
  if (depth > 64) {
    ctx.reporter.dropped('Schema nested deeper than 64 levels; the rest is dropped', at, ['schema-nested-deeper-than']);
    return {};
  }
  if (typeof schema.$ref === 'string') {
    const ref = ctx.rewriteRef(schema.$ref, [...at, '$ref']);
    const siblings = Object.keys(schema).filter((k) => k !== '$ref' && !k.startsWith('x-'));
    if (siblings.length) ctx.reporter.dropped(`Keys beside \`$ref\` (${siblings.map((k) => `\`${k}\``).join(', ')}) are ignored in Swagger 2.0`, at, ['keys-beside-ref-ignored']);
    return ref ? { $ref: ref } : {};
  }
  const out: Obj = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema)) {
    const here = [...at, key];
    if (key.startsWith('x-')) {
      out[key] = value;
      continue;
    }
    switch (key) {
      case 'type':
        if (Array.isArray(value)) {
          const types = value.filter((t) => t !== 'null');
          if (types.length !== value.length) nullable = true;
          if (types.length === 1) out.type = types[0];
          else if (types.length > 1) ctx.reporter.approximated(`Type list [${value.join(', ')}] has no Swagger 2.0 form; the type is left open`, here, ['type-list-swagger-2']);
        } else if (value === 'null') {
          ctx.reporter.approximated('Type `null` has no Swagger 2.0 form; the type is left open', here, ['type-null-swagger-2']);
        } else out.type = value;
        break;
      case 'nullable':
        if (value === true) nullable = true;
        break;
      case 'const':
        out.enum = [value];
        ctx.reporter.approximated('`const` becomes a one-value `enum`', here, ['const-becomes-one-value']);
        break;
      case 'examples':
        if (Array.isArray(value) && value.length) {
          if (schema.example === undefined) out.example = value[0];
          if (value.length > 1) ctx.reporter.approximated(`${value.length} \`examples\` become one \`example\` (the first)`, here, ['examples-become-one-example']);
        }
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value === 'number') {
          out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
          out[key] = true;
        } else out[key] = value;
        break;
      case 'properties':
        if (isObj(value)) out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertSchema(v, [...here, k], ctx, depth + 1)]));
        break;
      case 'items':
        if (Array.isArray(value)) {
          ctx.reporter.approximated('Tuple `items` become the schema of the first item', here, ['tuple-items-become-schema']);
          out.items = convertSchema(value[0], [...here, 0], ctx, depth + 1);
        } else out.items = convertSchema(value, here, ctx, depth + 1);
        break;
      case 'prefixItems':
        if (Array.isArray(value) && schema.items === undefined) {
          ctx.reporter.approximated('`prefixItems` become the schema of the first item', here, ['prefixitems-become-schema-first']);
          out.items = convertSchema(value[0], [...here, 0], ctx, depth + 1);
        } else ctx.reporter.dropped('`prefixItems` has no Swagger 2.0 form', here, ['prefixitems-swagger-2-0']);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof value === 'boolean' ? value : convertSchema(value, here, ctx, depth + 1);
        break;
      case 'allOf':
        if (Array.isArray(value)) out.allOf = value.map((v, i) => convertSchema(v, [...here, i], ctx, depth + 1));
        break;
      case 'oneOf':
      case 'anyOf':
        if (Array.isArray(value)) Object.assign(out, mergeAlternatives(key, value, here, ctx, depth, (n) => (nullable ||= n)));
        break;
      case 'not':
        ctx.reporter.dropped('`not` has no Swagger 2.0 form (and the designer ignores it)', here, ['not-swagger-2-0']);
        break;
      case 'discriminator':
        if (isObj(value) && typeof value.propertyName === 'string') {
          out.discriminator = value.propertyName;
          if (value.mapping !== undefined) ctx.reporter.dropped('`discriminator.mapping` has no Swagger 2.0 form', [...here, 'mapping'], ['discriminator-mapping-swagger-2']);
        } else if (typeof value === 'string') out.discriminator = value;
        break;
      case 'required':
        if (Array.isArray(value) && value.length) out.required = value;
        break;
      case 'enum':
        if (Array.isArray(value) && value.length) {
          const values = value.filter((v) => v !== null);
          if (values.length !== value.length) nullable = true;
          if (values.length) out.enum = values;
        }
        break;
      case 'writeOnly':
      case 'deprecated':
        if (value === true) ctx.reporter.dropped(`\`${key}\` has no Swagger 2.0 form`, here, ['swagger-2-0-form', key]);
        break;
      case 'readOnly':
        if (typeof value === 'boolean') out.readOnly = value;
        break;
      case '$schema':
      case '$id':
      case '$comment':
        break;
      default:
        if (SWAGGER_SCHEMA_KEYS.has(key)) out[key] = value;
        else ctx.reporter.dropped(`\`${key}\` has no Swagger 2.0 form`, here, ['swagger-2-0-form', key]);
    }
  }
  if (nullable) {
    out['x-nullable'] = true;
    ctx.reporter.approximated('Nullable becomes `x-nullable: true`, which the platform ignores: a null value may fail schema validation at run time', at, ['nullable-becomes-x-nullable']);
  }
  if (out.type === 'object' && !out.properties && isObj(out.required)) delete out.required;
  return out;
}

/** oneOf/anyOf → the one non-null branch, or a merge of object branches, or an open schema. */
function mergeAlternatives(key: string, branches: unknown[], at: Path, ctx: SchemaContext, depth: number, setNullable: (n: boolean) => void): Obj {
  const isNull = (b: unknown) => isObj(b) && (b.type === 'null' || (Array.isArray(b.enum) && b.enum.length === 1 && b.enum[0] === null));
  const real = branches.map((b, i) => [b, i] as const).filter(([b]) => !isNull(b));
  if (real.length !== branches.length) setNullable(true);
  if (real.length === 1) {
    const [b, i] = real[0]!;
    if (real.length === branches.length) ctx.reporter.approximated(`\`${key}\` with one branch becomes that branch`, at, ['one-branch-becomes-that', key]);
    return convertSchema(b, [...at, i], ctx, depth + 1);
  }
  const resolved = real.map(([b]) => (isObj(b) && typeof b.$ref === 'string' ? ctx.resolve(b.$ref) : b));
  if (resolved.length && resolved.every((b) => isObj(b) && (b.type === 'object' || (b.type === undefined && isObj(b.properties))))) {
    const properties: Obj = {};
    real.forEach(([b, i], n) => {
      const r = resolved[n] as Obj;
      const base: Path = isObj(b) && typeof b.$ref === 'string' ? [...at, i] : [...at, i, 'properties'];
      if (isObj(r.properties)) {
        for (const [name, prop] of Object.entries(r.properties)) {
          if (!Object.hasOwn(properties, name)) setOwn(properties, name, convertSchema(prop, [...base, name], ctx, depth + 2));
        }
      }
    });
    ctx.reporter.approximated(`\`${key}\` of ${real.length} object schemas becomes one object with all their properties, none required (Swagger 2.0 and the designer have no alternatives)`, at, ['object-schemas-becomes-one', key]);
    return { type: 'object', properties };
  }
  const types = new Set(resolved.map((b) => (isObj(b) ? b.type : undefined)));
  if (types.size === 1 && typeof [...types][0] === 'string' && [...types][0] !== 'object' && [...types][0] !== 'array') {
    ctx.reporter.approximated(`\`${key}\` of ${real.length} \`${[...types][0]}\` schemas becomes one \`${[...types][0]}\``, at, ['schemas-becomes-one', key]);
    return { type: [...types][0] };
  }
  ctx.reporter.approximated(`\`${key}\` of ${real.length} different schemas has no Swagger 2.0 form; the schema is left open (any value)`, at, ['different-schemas-swagger-2', key]);
  return {};
}

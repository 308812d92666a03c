/**
 * JSON schemas of bodies, responses and shared definitions: Swagger 2.0 Schema Objects,
 * plus a few designer sugar keys that compile to their `x-ms-*` twins.
 */
import { z } from 'zod';
import { DynamicSchema, DynamicValues } from './dynamic.ts';
import { openObject } from './open-object.ts';

/** Swagger 2.0 Schema Object keys, passed through as written. */
export const SCHEMA_RAW_KEYS = [
  '$ref', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum',
  'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties',
  'minProperties', 'required', 'enum', 'type', 'items', 'allOf', 'properties', 'additionalProperties',
  'discriminator', 'readOnly', 'xml', 'externalDocs', 'example',
] as const;

export const Visibility = z
  .enum(['important', 'advanced', 'internal'])
  .describe(
    'Where the designer shows it: `important` first, `advanced` behind "Show advanced options", `internal` never. Omit for normal.',
  );

/** Sugar keys shared by parameters and schemas, with the raw keys they compile to. */
export const LABEL_SUGAR = {
  summary: 'x-ms-summary',
  visibility: 'x-ms-visibility',
  testValue: 'x-ms-test-value',
} as const;

export interface SchemaInput {
  [key: string]: unknown;
}

export const Schema: z.ZodType<SchemaInput> = z.lazy(() =>
  openObject(
    {
      summary: z.string().optional().describe('Label shown in the designer (`x-ms-summary`). Title case, at most 80 characters.'),
      visibility: Visibility.optional(),
      testValue: z.unknown().optional().describe('Sample value for Microsoft\'s automated tests (`x-ms-test-value`). No secrets.'),
      dynamicValues: DynamicValues.optional(),
      dynamicSchema: DynamicSchema.optional(),
      type: z.union([z.string(), z.array(z.string())]).optional().describe('JSON type: string, number, integer, boolean, array, object, file.'),
      properties: z.record(z.string(), Schema).optional().describe('Object properties by name.'),
      items: z.union([Schema, z.array(Schema)]).optional().describe('Schema of array items.'),
      additionalProperties: z.union([z.boolean(), Schema]).optional(),
      allOf: z.array(Schema).optional(),
      required: z.array(z.string()).optional().describe('Names of required properties.'),
    },
    { raw: [...SCHEMA_RAW_KEYS, 'anyOf', 'oneOf', 'not'], what: 'a schema' },
  ),
);

/** Operation parameters: a map keyed by name (or a Swagger-style list) with designer sugar. */
import { z } from 'zod';
import { DynamicSchema, DynamicValues } from './dynamic.ts';
import { openObject } from './open-object.ts';
import { Schema, Visibility } from './schema.ts';

export const PARAMETER_RAW_KEYS = [
  'name', '$ref', 'in', 'description', 'required', 'schema', 'type', 'format', 'allowEmptyValue', 'items',
  'collectionFormat', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf',
] as const;

export const Parameter = openObject(
  {
    name: z.string().optional().describe('Wire name. In the map form the key is the name, so omit it.'),
    in: z
      .enum(['path', 'query', 'header', 'body', 'formData'])
      .optional()
      .describe('Where it goes. Omitted: `path` when `{name}` appears in the path (then required, with `urlEncoding: single`), else `query`.'),
    type: z.string().optional().describe('string, number, integer, boolean, array or file. Not for body parameters.'),
    required: z.boolean().optional(),
    description: z.string().optional().describe('Tooltip in the designer: a full sentence.'),
    summary: z.string().optional().describe('Label shown in the designer (`x-ms-summary`). Title case, at most 80 characters.'),
    visibility: Visibility.optional(),
    testValue: z.unknown().optional().describe('Sample value for Microsoft\'s automated tests (`x-ms-test-value`). No secrets.'),
    urlEncoding: z
      .enum(['single', 'double'])
      .optional()
      .describe('Path parameters only (`x-ms-url-encoding`): `double` for values that contain `/`. Default `single` when `in` is inferred.'),
    dynamicValues: DynamicValues.optional(),
    dynamicSchema: DynamicSchema.optional(),
    schema: Schema.optional().describe('The JSON schema of a body parameter.'),
  },
  { raw: PARAMETER_RAW_KEYS, what: 'a parameter' },
);

export const ParameterMap = z
  .union([z.record(z.string(), Parameter), z.array(Parameter)])
  .describe('Parameters keyed by name (in order), or a Swagger-style list of parameter objects with `name`.');

export type ParameterInput = z.input<typeof Parameter>;

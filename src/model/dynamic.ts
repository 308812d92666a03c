/** Sugar for the designer's dynamic data: dropdown values and dynamic schemas. */
import { z } from 'zod';
import { openObject } from './open-object.ts';

/** A value passed to the operation that supplies dynamic data. */
export const DynamicArgument = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    openObject(
      {
        parameter: z.string().describe('Name of a parameter of this operation whose value is passed on.'),
      },
      { what: 'a dynamic argument' },
    ),
  ])
  .describe('A literal value, or `{ parameter: <name> }` to pass the value of another parameter of this operation.');

export const DynamicValues = openObject(
  {
    operationId: z.string().describe('The operation that returns the choices. Usually an internal action.'),
    parameters: z.record(z.string(), DynamicArgument).optional().describe('Arguments for that operation, by its parameter name.'),
    collection: z
      .string()
      .optional()
      .describe('Path to the array of choices in its response, like `value` or `data/items`. Omit when the response is the array.'),
    value: z.string().describe('Path inside each choice to the value that is stored, like `id`.'),
    title: z.string().optional().describe('Path inside each choice to the label shown, like `name`.'),
  },
  { what: 'dynamicValues' },
).describe(
  'A dropdown whose choices come from another operation. Compiles to both `x-ms-dynamic-values` and its successor `x-ms-dynamic-list`.',
);

export const DynamicSchema = openObject(
  {
    operationId: z.string().describe('The operation that returns the JSON schema.'),
    parameters: z.record(z.string(), DynamicArgument).optional().describe('Arguments for that operation, by its parameter name.'),
    path: z
      .string()
      .optional()
      .describe('Where the schema sits in its response, like `schema`. Omit when the response is the schema itself.'),
  },
  { what: 'dynamicSchema' },
).describe(
  'Fields or outputs whose schema is fetched at design time. Compiles to both `x-ms-dynamic-schema` and `x-ms-dynamic-properties`.',
);

export type DynamicValues = z.input<typeof DynamicValues>;
export type DynamicSchema = z.input<typeof DynamicSchema>;

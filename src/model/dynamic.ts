/** Sugar for the designer's dynamic data: dropdown values and dynamic schemas. */
import { z } from 'zod';
import { openObject } from './open-object.ts';

/** A value passed to the operation that supplies dynamic data. */
export const DynamicArgument = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.unknown()),
    openObject(
      {
        parameter: z.string().describe('Name of a parameter of this operation whose value is passed on.'),
        reference: z
          .string()
          .optional()
          .describe(
            'The path `x-ms-dynamic-list` / `x-ms-dynamic-properties` pass instead (`parameterReference`), when it is not `parameter` itself — like `body/groupId` for a property of the body. Omit it when both twins name the same parameter.',
          ),
      },
      { what: 'a dynamic argument' },
    ),
    openObject(
      { value: z.unknown().describe('A literal passed as it is; the way to pass an object (or anything with a `parameter` key).') },
      { what: 'a dynamic argument' },
    ),
  ])
  .describe(
    'A literal value (string, number, boolean, null or array), `{ value: <any literal> }`, or `{ parameter: <name> }` to pass the value of another parameter of this operation.',
  );

const Arguments = z.record(z.string(), DynamicArgument).describe('Arguments for that operation, by its parameter name.');

export const DynamicValues = openObject(
  {
    operationId: z.string().optional().describe('The operation that returns the choices. Usually an internal action.'),
    builtInOperation: z
      .string()
      .optional()
      .describe('A platform operation instead of one of this connector (`AadGraph.GetUsers`). Compiles to `x-ms-dynamic-values` only.'),
    capability: z
      .string()
      .optional()
      .describe('A platform picker instead of an operation (`file-picker`). Compiles to `x-ms-dynamic-values` only.'),
    parameters: Arguments.optional(),
    collection: z
      .string()
      .optional()
      .describe('Path to the array of choices in its response, like `value` or `data/items`. Omit when the response is the array.'),
    value: z
      .string()
      .optional()
      .describe('Path inside each choice to the value that is stored, like `id`. Omit when the choices are plain strings.'),
    title: z.string().optional().describe('Path inside each choice to the label shown, like `name`.'),
    form: z
      .enum(['both', 'values', 'list'])
      .optional()
      .describe(
        'Which extensions to write: `both` (`x-ms-dynamic-values` and its successor `x-ms-dynamic-list`, the default with `operationId`), `values` (only the older `x-ms-dynamic-values`, the default with `capability` or `builtInOperation`) or `list` (only `x-ms-dynamic-list`).',
      ),
  },
  { what: 'dynamicValues' },
).describe(
  'A dropdown whose choices come from another operation. Compiles to `x-ms-dynamic-values` and its successor `x-ms-dynamic-list` (see `form`), keys in the order written.',
);

export const DynamicSchema = openObject(
  {
    operationId: z.string().describe('The operation that returns the JSON schema.'),
    parameters: Arguments.optional(),
    path: z
      .string()
      .optional()
      .describe(
        'Where the schema sits in its response, like `schema` (`value-path`; `x-ms-dynamic-properties` gets it without a trailing `/properties`). Omit when the response is the schema itself.',
      ),
    form: z
      .enum(['both', 'schema', 'properties'])
      .optional()
      .describe(
        'Which extensions to write: `both` (`x-ms-dynamic-schema` and its successor `x-ms-dynamic-properties`, the default), `schema` (only the older `x-ms-dynamic-schema`) or `properties` (only `x-ms-dynamic-properties`).',
      ),
  },
  { what: 'dynamicSchema' },
).describe(
  'Fields or outputs whose schema is fetched at design time. Compiles to `x-ms-dynamic-schema` and its successor `x-ms-dynamic-properties` (see `form`), keys in the order written.',
);

export type DynamicArgument = z.input<typeof DynamicArgument>;
export type DynamicValues = z.input<typeof DynamicValues>;
export type DynamicSchema = z.input<typeof DynamicSchema>;

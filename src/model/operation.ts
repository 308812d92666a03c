/**
 * One action or trigger: the front-matter of `actions/<OperationId>.mdx` or `triggers/<OperationId>.mdx`
 * (or an entry of `actions:`/`triggers:` in connector.mdx). The MDX body is its long documentation.
 */
import { z } from 'zod';
import { openObject } from './open-object.ts';
import { Parameter, ParameterMap } from './parameter.ts';
import { Schema, Visibility } from './schema.ts';
import { METHODS } from '../swagger/index.ts';

export const OPERATION_RAW_KEYS = [
  'tags', 'summary', 'description', 'externalDocs', 'operationId', 'consumes', 'produces', 'parameters', 'responses',
  'schemes', 'deprecated', 'security',
] as const;

export const Response = openObject(
  {
    description: z.string().optional().describe('What the response means. Defaults to the HTTP reason phrase, like "OK".'),
    summary: z.string().optional().describe('Label of the output (`x-ms-summary`).'),
    schema: Schema.optional().describe('The JSON schema of the response body; the designer offers its fields as outputs.'),
    headers: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    examples: z.record(z.string(), z.unknown()).optional(),
  },
  { what: 'a response' },
);

export const Responses = z
  .record(z.string(), z.union([Response, z.object({ $ref: z.string() })]))
  .describe('Responses by status code (`200`, `201`, …) or `default`.');

/** `GET /repos/{owner}/{repo}/issues`. */
export const RequestLine = z
  .string()
  .regex(/^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH)\s+\/\S*$/i, 'Expected a method and a path, like `GET /items/{id}`')
  .describe('Method and path, like `GET /items/{id}`. The path is relative to `basePath`.');

export const operationShape = {
  operationId: z
    .string()
    .optional()
    .describe('Unique PascalCase id, like `ListIssues`. Defaults to the file name.'),
  request: RequestLine.optional(),
  method: z.enum([...METHODS, ...METHODS.map((m) => m.toUpperCase())] as [string, ...string[]]).optional().describe('HTTP method, when `request` is not used.'),
  path: z.string().optional().describe('Path, when `request` is not used.'),
  summary: z.string().optional().describe('Name of the action in the designer: sentence case, at most 80 characters, no trailing punctuation.'),
  description: z.string().optional().describe('What it does, as a full sentence. Shown as the tooltip.'),
  visibility: Visibility.optional(),
  deprecated: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  parameters: ParameterMap.optional(),
  body: Parameter.optional().describe('Shorthand for the body parameter (named `body`, `in: body`), placed after the others.'),
  responses: Responses.optional(),
};

export const Operation = openObject(operationShape, { raw: OPERATION_RAW_KEYS, what: 'an action' });
export type OperationInput = z.input<typeof Operation>;

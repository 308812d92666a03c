/**
 * Small building blocks for the rules' examples. Examples are connector folders in memory, written
 * in the authoring model; `String(diagnostic)` positions in `output` are 1-based lines and columns
 * of the whole MDX file (line 1 is the opening `---`).
 */

/** An MDX file from front-matter lines (without the fences) and an optional body. */
export function mdx(lines: readonly string[], body = ''): string {
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** The first front-matter lines of every example connector.mdx: lines 2 to 4 of the file. */
export const CONNECTOR_LINES = ['title: Contoso', "version: '1.0'", 'host: api.contoso.com'] as const;

/** The smallest connector.mdx the examples share. */
export const CONNECTOR = mdx(CONNECTOR_LINES);

/** A plain GET action on `/items/{id}`, valid for every rule. */
export const GET_ITEM = mdx([
  'request: GET /items/{id}',
  'summary: Get an item',
  'description: Gets one item by its ID.',
  'parameters:',
  '  id:',
  '    type: string',
  '    summary: Item ID',
  'responses:',
  "  '200':",
  '    description: OK',
]);

/**
 * `GET /items/{id}` whose `id` parameter is `type: string` followed by `idLines` (from line 7 of
 * the file on), for rules whose examples differ by one key of a parameter.
 */
export function getItemWithId(...idLines: string[]): string {
  return mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    type: string', ...idLines, 'responses:', "  '200':", '    description: OK']);
}

/** A webhook trigger in the authoring model: the compiler builds the callback, payload and unsubscribe contract. */
export const WEBHOOK_TRIGGER = mdx([
  'kind: webhook',
  'request: POST /hooks',
  'summary: When an item is created',
  'description: Triggers when an item is created.',
  'payload:',
  '  type: object',
  '  properties:',
  '    id:',
  '      type: string',
  'unsubscribe:',
  '  request: DELETE /hooks/{id}',
  '  operationId: DeleteHook',
  'responses:',
  "  '201':",
  '    description: Created',
]);

/** A polling trigger in the authoring model, with the state that carries between polls. */
export const POLLING_TRIGGER = mdx([
  'kind: polling',
  'request: GET /items',
  'summary: When an item is created',
  'description: Triggers when an item is created.',
  'items: value',
  'state:',
  '  parameter: since',
  "  initial: '1970-01-01T00:00:00Z'",
  "  next: '@{triggerBody().value[0].createdAt}'",
  'responses:',
  "  '200':",
  '    description: OK',
]);

/**
 * A webhook written by hand as an action with raw keys: a correct callback property, but no
 * `x-ms-notification-content` (a path item key an action cannot write) and no DELETE operation.
 * `x-ms-trigger` is on line 4.
 */
export const WEBHOOK_ACTION = mdx([
  'request: POST /hooks',
  'summary: When an item is created',
  'x-ms-trigger: single',
  'body:',
  '  required: true',
  '  schema:',
  '    type: object',
  '    required: [callbackUrl]',
  '    properties:',
  '      callbackUrl:',
  '        type: string',
  '        x-ms-visibility: internal',
  '        x-ms-notification-url: true',
  'responses:',
  "  '201':",
  '    description: Created',
]);

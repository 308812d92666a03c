/**
 * Building blocks for the live rules' examples: a connector folder whose `ListItems` declares a
 * JSON list of items, and recorded exchanges with its API (src/check/define-rule.ts, `LiveExchange`).
 */
import type { ExampleFiles, LiveExchange } from './define-rule.ts';
import { CONNECTOR_LINES, mdx } from './examples.ts';

/** `GET /items`: a 200 with `{ value: [{ id, name }] }` (`id` required, declared on line 16), `extra` front-matter lines after the summary (line 3). */
export function listItems(...extra: string[]): string {
  return mdx([
    'request: GET /items',
    'summary: List items',
    ...extra,
    'responses:',
    "  '200':",
    '    description: The items.',
    '    schema:',
    '      type: object',
    '      properties:',
    '        value:',
    '          type: array',
    '          items:',
    '            type: object',
    '            required: [id]',
    '            properties:',
    '              id: { type: string }',
    '              name: { type: string }',
  ]);
}

/** The folder: connector.mdx producing JSON, and actions/ListItems.mdx. */
export function itemsFolder(...extra: string[]): ExampleFiles {
  return { 'connector.mdx': mdx([...CONNECTOR_LINES, 'produces: [application/json]']), 'actions/ListItems.mdx': listItems(...extra) };
}

/** A recorded exchange of `ListItems`: status, JSON headers and a body. */
export function exchange(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): LiveExchange {
  return { operationId: 'ListItems', request: { method: 'GET', url: 'https://api.contoso.com/items' }, status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** A good response of `ListItems`. */
export const ITEMS = { value: [{ id: '1', name: 'One' }] };

/** The folder with a polling trigger `WhenItemAdded` (`GET /items/new`, a 200 with `{ value: [...] }`) instead of the action. */
export function pollingFolder(): ExampleFiles {
  return {
    'connector.mdx': mdx([...CONNECTOR_LINES, 'produces: [application/json]']),
    'triggers/WhenItemAdded.mdx': mdx([
      'kind: polling',
      'request: GET /items/new',
      'summary: When an item is added',
      'responses:',
      "  '200':",
      '    description: The new items.',
      '    schema:',
      '      type: object',
      '      properties:',
      '        value: { type: array, items: { type: object } }',
    ]),
  };
}

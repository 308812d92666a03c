import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { rootExpansions } from '../schemas.ts';

/** Schemas in one expanded body: the platform's limit (platform-format.md §10.2, HubSpot splits its connector because of it). */
export const BODY_LIMIT = 512;
/** Schemas in all expanded bodies, responses and payloads of a document: not published; above every certified connector we have (Encodian, 7,327). */
export const TOTAL_LIMIT = 10_000;
/** Schemas of one operation (body, responses, payload): not published; twice the body limit, far above the 35 corpus connectors (Maximizer `SearchLead`, 165). */
export const OPERATION_LIMIT = 1_024;

/** Eight properties of one type, in flow style: `{ p0: …, …, p7: … }`. */
const eight = (value: string) => `{ ${Array.from({ length: 8 }, (_, i) => `p${i}: ${value}`).join(', ')} }`;

const connector = (bookProperties: string) =>
  mdx([
    ...CONNECTOR_LINES,
    'definitions:',
    `  Row: { type: object, properties: ${eight('{ type: string }')} }`,
    `  Table: { type: object, properties: ${eight("{ $ref: '#/definitions/Row' }")} }`,
    `  Book: { type: object, properties: ${bookProperties} }`,
  ]);

/** A body and fourteen responses of the same 73-schema type: each alone is within the body limit, together they are not. */
const ACTION_WITH_RESPONSES = mdx([
  'request: POST /books',
  'summary: Create a book',
  'body:',
  '  schema:',
  "    $ref: '#/definitions/Book'",
  'responses:',
  ...Array.from({ length: 14 }, (_, i) => [`  '${200 + i}':`, '    description: OK', '    schema:', "      $ref: '#/definitions/Book'"]).flat(),
]);

const ACTION = mdx(['request: POST /books', 'summary: Create a book', 'body:', '  schema:', "    $ref: '#/definitions/Book'", 'responses:', "  '201':", '    description: Created']);

export default defineRule({
  id: 'schema-count-limit',
  area: 'schema',
  severity: 'warning',
  description: `One request body expands to at most ${BODY_LIMIT} schemas, one operation (body, responses and payload) to at most ${OPERATION_LIMIT.toLocaleString('en-US')}, and a whole definition to at most ${TOTAL_LIMIT.toLocaleString('en-US')}.`,
  rationale:
    'The platform expands every `$ref` of an operation\'s body into one flat list of inputs and refuses bodies with too many schemas ' +
    `(\`BodySchemaCountExceedsMaxAllowed\`, ${BODY_LIMIT} per body), and limits each operation (\`OperationSchemaCountExceedsMaxAllowed\`) and the whole document too (\`TotalSchemaCountExceedsMaxAllowed\`; those limits are not published: ` +
    `${OPERATION_LIMIT.toLocaleString('en-US')} per operation is twice the body limit and six times the largest corpus operation, ` +
    `${TOTAL_LIMIT.toLocaleString('en-US')} is above every certified connector we measured). A schema counts once per place it is used; recursion is expanded once. ` +
    'Split large bodies, or use `x-ms-dynamic-schema`. On the 35 corpus connectors the largest body has 76 schemas, the largest document 7,327.',
  platformCodes: ['BodySchemaCountExceedsMaxAllowed', 'OperationSchemaCountExceedsMaxAllowed', 'TotalSchemaCountExceedsMaxAllowed'],
  examples: {
    ok: [{ 'connector.mdx': connector("{ first: { $ref: '#/definitions/Table' } }"), 'actions/CreateBook.mdx': ACTION }],
    notOk: [
      { files: { 'connector.mdx': connector(eight("{ $ref: '#/definitions/Table' }")), 'actions/CreateBook.mdx': ACTION }, output: ['actions/CreateBook.mdx:6:5-6:31: Expected at most 512 schemas in a request body, this one expands to 585; split it or use `x-ms-dynamic-schema` (schema-count-limit)'] },
      {
        files: { 'connector.mdx': connector(eight("{ $ref: '#/definitions/Row' }")), 'actions/CreateBook.mdx': ACTION_WITH_RESPONSES },
        output: ['actions/CreateBook.mdx:2:1-2:21: Expected at most 1,024 schemas in one operation (body, responses, payload), `POST /books` expands to 1,095; split it or use `x-ms-dynamic-schema` (schema-count-limit)'],
      },
    ],
  },
  check({ swagger, report }) {
    let total = 0;
    const perOperation = new Map<string, number>();
    for (const [visit, expansion] of rootExpansions(swagger)) {
      total += expansion.count;
      // `/paths/<path>/<method>/…`: the operation (or, for a webhook payload, the path item) it belongs to.
      const operation = visit.pointer.split('/').slice(0, 4).join('/');
      if (operation.startsWith('/paths/')) perOperation.set(operation, (perOperation.get(operation) ?? 0) + expansion.count);
      if (visit.schemaRoot === 'body' && expansion.count > BODY_LIMIT) {
        report({ message: `Expected at most ${BODY_LIMIT} schemas in a request body, this one expands to ${expansion.truncated ? 'more than ' : ''}${expansion.count}; split it or use \`x-ms-dynamic-schema\``, at: visit.pointer, args: ['body'] });
      }
      if (total > TOTAL_LIMIT) {
        report({ message: `Expected at most ${TOTAL_LIMIT.toLocaleString('en-US')} schemas in the whole definition once references are expanded; split the connector`, at: '', args: ['total'] });
        return;
      }
    }
    for (const [operation, count] of perOperation) {
      if (count <= OPERATION_LIMIT) continue;
      const [, , path, method] = operation.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      const what = method && /^(get|put|post|delete|patch|head|options)$/.test(method) ? `\`${method.toUpperCase()} ${path}\`` : `path \`${path}\``;
      report({ message: `Expected at most ${OPERATION_LIMIT.toLocaleString('en-US')} schemas in one operation (body, responses, payload), ${what} expands to ${count.toLocaleString('en-US')}; split it or use \`x-ms-dynamic-schema\``, at: operation, args: ['operation', operation] });
    }
  },
});

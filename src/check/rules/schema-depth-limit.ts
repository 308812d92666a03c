import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { rootExpansions } from '../schemas.ts';

/** Nesting levels of an expanded body or response: not published; twice the deepest certified connector we have (Cloudmersive, 15). */
export const DEPTH_LIMIT = 32;

/** Definitions `L1` … `Ln`, each with one property holding the next. */
const chain = (n: number) => [
  'definitions:',
  ...Array.from({ length: n }, (_, i) => (i + 1 < n ? `  L${i + 1}: { type: object, properties: { next: { $ref: '#/definitions/L${i + 2}' } } }` : `  L${i + 1}: { type: string }`)),
];

const ACTION = mdx(['request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '    schema:', "      $ref: '#/definitions/L1'"]);

export default defineRule({
  id: 'schema-depth-limit',
  area: 'schema',
  severity: 'warning',
  description: `A request body or response nests at most ${DEPTH_LIMIT} schemas deep once references are expanded.`,
  rationale:
    'The designer flattens nested objects into dotted inputs and outputs (`a.b.c`), and the Swagger Validator refuses schemas nested too deep (`SchemaTooDeep`). ' +
    `The platform does not publish the limit; ${DEPTH_LIMIT} is twice the deepest certified connector we measured (15 levels), so a finding here is almost certainly a generated or runaway schema. ` +
    'Recursion (a folder of folders) is expanded once and does not count as depth.',
  platformCodes: ['SchemaTooDeep'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, ...chain(DEPTH_LIMIT)]), 'actions/ListItems.mdx': ACTION }],
    notOk: [{ files: { 'connector.mdx': mdx([...CONNECTOR_LINES, ...chain(DEPTH_LIMIT + 1)]), 'actions/ListItems.mdx': ACTION }, output: ['actions/ListItems.mdx:8:7-8:31: Expected a schema at most 32 levels deep, this one nests 33 levels once references are expanded (schema-depth-limit)'] }],
  },
  check({ swagger, report }) {
    for (const [visit, { depth }] of rootExpansions(swagger)) {
      if (depth <= DEPTH_LIMIT) continue;
      report({ message: `Expected a schema at most ${DEPTH_LIMIT} levels deep, this one nests ${depth} levels once references are expanded`, at: visit.pointer, args: [] });
    }
  },
});

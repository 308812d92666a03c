import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, describe } from '../../swagger/index.ts';

const listItems = (extra: string[]) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  ids:', '    type: array', '    items:', '      type: string', ...extra, 'responses:', "  '200':", '    description: OK']);

/** Swagger 2.0 keywords the platform does not support; the validator names `uniqueItems` (the only one it documents). */
const UNSUPPORTED = ['uniqueItems'] as const;
const KINDS = new Set(['parameter', 'items', 'response-header', 'schema']);

export default defineRule({
  id: 'schema-keyword-unsupported',
  area: 'schema',
  severity: 'warning',
  platformCodes: ['SwaggerKeywordNotSupported'],
  description: 'No parameter or schema uses `uniqueItems`, a Swagger keyword the platform does not support.',
  rationale:
    'The designer neither enforces nor shows `uniqueItems`, so a maker can send duplicates the API then refuses; the validator reports the keyword (`SwaggerKeywordNotSupported`, ' +
    'whose documentation names `uniqueItems` as its example and publishes no full list, so only that keyword is checked). Say it in the description instead. ' +
    'No connector of the reference corpus uses it; a warning because the platform imports the definition.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems([]) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems(['    uniqueItems: true']) },
        output: ['actions/ListItems.mdx:9:5-9:16: Unexpected `uniqueItems` in a query parameter, the platform does not support it; say it in the description instead (schema-keyword-unsupported)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).visits) {
      if (!KINDS.has(visit.kind)) continue;
      for (const keyword of UNSUPPORTED) {
        if (visit.node[keyword] === undefined) continue;
        const where = visit.kind === 'schema' ? 'a schema' : visit.kind === 'items' ? 'parameter `items`' : describe(visit);
        report({
          message: `Unexpected \`${keyword}\` in ${where}, the platform does not support it; say it in the description instead`,
          at: visit.at(keyword),
          onKey: true,
          args: [keyword],
        });
      }
    }
  },
});

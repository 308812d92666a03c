import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { keywordNodes, nameOf } from '../schemas.ts';

const listItems = (...topLines: string[]) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  top:', '    type: integer', ...topLines, 'responses:', "  '200':", '    description: OK']);

const PAIRS = [
  ['exclusiveMaximum', 'maximum'],
  ['exclusiveMinimum', 'minimum'],
] as const;

export default defineRule({
  id: 'schema-exclusive-bound',
  area: 'schema',
  severity: 'error',
  description: '`exclusiveMaximum` and `exclusiveMinimum` come with the `maximum` or `minimum` they qualify.',
  rationale:
    'In Swagger 2.0 `exclusiveMaximum: true` only says that `maximum` itself is excluded; without a `maximum` it means nothing, and the Swagger Validator rejects it ' +
    '(`ExclusiveMaximumRequiresMaximum`, `ExclusiveMinimumRequiresMinimum`). A number there (`exclusiveMaximum: 10`) is OpenAPI 3.1 syntax, reported by `swagger-schema`.',
  platformCodes: ['ExclusiveMaximumRequiresMaximum', 'ExclusiveMinimumRequiresMinimum'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('    maximum: 100', '    exclusiveMaximum: true') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listItems('    exclusiveMinimum: true') },
        output: ['actions/ListItems.mdx:7:5-7:21: Unexpected `exclusiveMinimum` without `minimum` on parameter `top`; add `minimum` or remove `exclusiveMinimum` (schema-exclusive-bound)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of keywordNodes(swagger)) {
      for (const [flag, bound] of PAIRS) {
        if (visit.node[flag] !== true || visit.node[bound] !== undefined) continue;
        report({ message: `Unexpected \`${flag}\` without \`${bound}\` on ${nameOf(visit)}; add \`${bound}\` or remove \`${flag}\``, at: visit.at(flag), onKey: true, args: [flag] });
      }
    }
  },
});

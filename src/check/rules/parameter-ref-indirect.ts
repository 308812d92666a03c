import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const connector = (top: string[]) => mdx([...CONNECTOR_LINES, 'parameters:', '  top:', ...top, '  limit:', '    name: limit', '    in: query', '    type: integer']);
const LIST_ITEMS = mdx(['request: GET /items', 'summary: List items', 'parameters:', "  - $ref: '#/parameters/top'", 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'parameter-ref-indirect',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['ParameterRefLoopNotAllowed'],
  description: 'A shared parameter under `parameters` is a parameter, not a `$ref` to another one.',
  rationale:
    'Operations refer to shared parameters with `$ref: \'#/parameters/<name>\'`; the platform follows one reference, not a chain, and rejects a shared parameter that is itself a reference ' +
    '(`ParameterRefLoopNotAllowed`), which is also how reference loops start. Point the operations at the target directly. (A shared response that is a reference is reported by `swagger-schema`.)',
  examples: {
    ok: [{ 'connector.mdx': connector(['    name: top', '    in: query', '    type: integer']), 'actions/ListItems.mdx': LIST_ITEMS }],
    notOk: [
      {
        files: { 'connector.mdx': connector(["    $ref: '#/parameters/limit'"]), 'actions/ListItems.mdx': LIST_ITEMS },
        output: ["connector.mdx:7:5-7:9: Unexpected `$ref` in shared parameter `top`, a shared parameter cannot refer to another; refer to `#/parameters/limit` directly where `top` is used (parameter-ref-indirect)"],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('ref')) {
      if (visit.refOf !== 'parameter' || visit.parent?.kind !== 'root') continue;
      const name = String(visit.segments[1]);
      report({
        message: `Unexpected \`$ref\` in shared parameter \`${name}\`, a shared parameter cannot refer to another; refer to \`${visit.ref}\` directly where \`${name}\` is used`,
        at: visit.at('$ref'),
        onKey: true,
        args: [name],
      });
    }
  },
});

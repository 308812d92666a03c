import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const old = (deprecated: boolean) =>
  mdx([
    'request: GET /items',
    'summary: List items',
    ...(deprecated ? ['deprecated: true'] : []),
    'x-ms-api-annotation:',
    '  replacement:',
    '    api: contoso',
    '    operationId: ListItems_V2',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'operation-annotation-replacement',
  area: 'operation',
  severity: 'error',
  platformCodes: ['ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations'],
  description: 'Only a deprecated operation names a `replacement` in `x-ms-api-annotation`.',
  rationale:
    '`replacement` points users of an old operation at the one to move to; on an operation that is not `deprecated: true` it contradicts itself, ' +
    'and the validator rejects it (`ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations`). A replacement without `api` or `operationId` is reported by `x-ms-value`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': old(true) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': old(false) },
        output: ['actions/ListItems.mdx:5:3-5:14: Unexpected `replacement` on operation `ListItems`, which is not deprecated; add `deprecated: true` or remove the replacement (operation-annotation-replacement)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const op of analyze(swagger).operations) {
      const annotation = op.visit.node['x-ms-api-annotation'];
      if (!isObject(annotation) || annotation.replacement === undefined || op.visit.node.deprecated === true) continue;
      const name = op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
      report({
        message: `Unexpected \`replacement\` on operation \`${name}\`, which is not deprecated; add \`deprecated: true\` or remove the replacement`,
        at: op.visit.at('x-ms-api-annotation', 'replacement'),
        onKey: true,
        args: [name],
      });
    }
  },
});

import { toPointer } from '../../core/pointer.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { checkXmsValue } from '../x-ms-values.ts';
import { isAllowedAt, positionIsChecked, xmsPositionOf } from '../x-ms-positions.ts';

export default defineRule({
  id: 'x-ms-value',
  area: 'x-ms',
  severity: 'error',
  platformCodes: ['ApiAnnotationExtensionReplacementInfoMissingApiProperty', 'ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty', 'DuplicateEnumValuesInExtension', 'InvalidEnumValuesExtensionValue', 'InvalidNextLinkNameValue', 'MissingEnumValuesDisplayName'],
  description: 'Each `x-ms-*` extension has a value of the shape the platform expects.',
  rationale:
    'The designer ignores an extension whose value it cannot read: an `x-ms-dynamic-values` without `operationId` gives an empty dropdown, ' +
    'and `x-ms-pageable` only works with `nextLink` or `@odata.nextLink`. The certification validator rejects these values. ' +
    'Extensions at a wrong position are left to `x-ms-position`, `x-ms-visibility` values to `x-ms-visibility-value`, and what `value-path` must name to `x-ms-dynamic-response`; this rule checks values where the extension is allowed.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': getItemWithId('    x-ms-url-encoding: triple'),
        },
        output: [
          'actions/GetItem.mdx:7:24-7:30: Unexpected `x-ms-url-encoding` value `triple`, expected single or double (x-ms-value)',
        ],
      },
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx([
            'request: GET /items',
            'summary: List items',
            'x-ms-pageable:',
            '  nextLinkName: next',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: ['actions/ListItems.mdx:5:17-5:21: Unexpected `nextLinkName` `next`, expected nextLink or @odata.nextLink (x-ms-value)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withXms) {
      if (!positionIsChecked(visit)) continue;
      const position = xmsPositionOf(visit);
      if (position === undefined) continue;
      for (const key of visit.xms!) {
        if (!isAllowedAt(key, position)) continue;
        for (const problem of checkXmsValue(key, visit.node[key]!, visit, position)) {
          report({ message: problem.message, at: visit.at(key) + toPointer(problem.path), args: [key] });
        }
      }
    }
  },
});

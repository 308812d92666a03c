import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze, describe } from '../../swagger/index.ts';
import { X_MS_AUTOREST, positionIsChecked } from '../x-ms-positions.ts';

export default defineRule({
  id: 'x-ms-autorest',
  area: 'x-ms',
  severity: 'info',
  description: 'AutoRest extensions (`x-ms-client-name`, `x-ms-mutability`, `x-ms-enum`, …) do nothing on the Power Platform.',
  rationale:
    'Definitions generated for Azure SDKs carry AutoRest extensions. The certification schema accepts them and the platform ignores them wherever they are, ' +
    'so they are never an error (certified connectors such as Azure Machine Learning carry hundreds); they are only noise a reader may take for behaviour. ' +
    'The platform has its own keys for some of them: `x-ms-summary` for a display name, `x-ms-enum-values` for enum labels, `x-ms-url-encoding` for path encoding, `x-ms-visibility: internal` for a hidden value.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': mdx([
            'request: GET /items/{id}',
            'summary: Get an item',
            'parameters:',
            '  id:',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
            '    schema:',
            '      type: object',
            '      properties:',
            '        id:',
            '          type: string',
            '          x-ms-mutability: [read]',
          ]),
        },
        output: ['actions/GetItem.mdx:15:11-15:26: `x-ms-mutability` in a schema is an AutoRest extension the Power Platform ignores (x-ms-autorest)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withXms) {
      if (!positionIsChecked(visit)) continue;
      for (const key of visit.xms!) {
        if (!X_MS_AUTOREST.has(key)) continue;
        report({ message: `\`${key}\` in ${describe(visit)} is an AutoRest extension the Power Platform ignores`, at: visit.at(key), onKey: true, args: [key] });
      }
    }
  },
});

import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';
import { show } from '../text.ts';
import { VISIBILITY_VALUES } from '../x-ms-values.ts';
import { isAllowedAt, positionIsChecked, xmsPositionOf } from '../x-ms-positions.ts';

export default defineRule({
  id: 'x-ms-visibility-value',
  area: 'x-ms',
  severity: 'warning',
  description: '`x-ms-visibility` is `important`, `advanced` or `internal`.',
  rationale:
    'The designer shows a field with any other value as a normal one: `x-ms-visibility: ""` or `Advanced` hides nothing and `internal` spelt otherwise asks the user for a value meant to stay fixed. ' +
    'A warning, not an error: the platform imports such a definition, and certified connectors carry `""` (1,157 times in 5 connectors of the public repository) and `Advanced`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    x-ms-visibility: hidden') },
        output: ['actions/GetItem.mdx:7:22-7:28: Unexpected `x-ms-visibility` value `hidden`, expected important, advanced or internal (x-ms-visibility-value)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId("    x-ms-visibility: ''") },
        output: ['actions/GetItem.mdx:7:22-7:24: Unexpected empty `x-ms-visibility`, expected important, advanced or internal; remove it for a normal field (x-ms-visibility-value)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withKey('x-ms-visibility')) {
      if (!positionIsChecked(visit) || !isAllowedAt('x-ms-visibility', xmsPositionOf(visit))) continue;
      const value = visit.node['x-ms-visibility'];
      if (typeof value === 'string' && (VISIBILITY_VALUES as readonly string[]).includes(value)) continue;
      const at = visit.at('x-ms-visibility');
      if (value === '') {
        report({ message: 'Unexpected empty `x-ms-visibility`, expected important, advanced or internal; remove it for a normal field', at, args: ['empty'] });
        continue;
      }
      const hint = typeof value === 'string' ? VISIBILITY_VALUES.find((v) => v === value.toLowerCase()) ?? suggest(value, [...VISIBILITY_VALUES]) : undefined;
      report({
        message: `Unexpected \`x-ms-visibility\` value ${show(value)}, expected ${hint ? `\`${hint}\`` : 'important, advanced or internal'}`,
        at,
        args: [],
      });
    }
  },
});

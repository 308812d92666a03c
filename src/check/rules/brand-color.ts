import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { propertiesOf } from '../certification.ts';
import { show } from '../text.ts';

/** Colours certification refuses: white (the icon disappears on white pages) and the platform's default blue. */
const FORBIDDEN: Record<string, string> = {
  '#ffffff': 'white, on which the icon disappears',
  '#007ee5': 'the default colour of a new custom connector',
};

export default defineRule({
  id: 'brand-color',
  area: 'connector',
  severity: 'warning',
  description: 'The icon background colour (`iconBrandColor`, front-matter `brandColor`) is a `#rrggbb` colour, neither white (`#ffffff`) nor the default `#007ee5`.',
  rationale:
    'The designer paints the icon on this colour. Certification refuses white and the default blue (the pull-request template names both), and a value that is not a six-digit hex colour is not drawn at all.',
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES, "brandColor: '#0f6cbd'"]), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, "brandColor: '#FFFFFF'"]), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:5:13-5:22: Unexpected brand colour `#FFFFFF`: white, on which the icon disappears; pick the colour of your logo\'s background (brand-color)'],
      },
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, 'apiProperties:', '  iconBrandColor: blue']),
          'actions/GetItem.mdx': GET_ITEM,
        },
        output: ['connector.mdx:6:19-6:23: Expected the brand colour to be a colour like `#0f6cbd`, found `blue` (brand-color)'],
      },
    ],
  },
  check({ apiProperties, report }) {
    const color = propertiesOf(apiProperties).iconBrandColor;
    if (color === undefined || color === '') return;
    const at = '/properties/iconBrandColor';
    if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color.trim())) {
      report({ message: `Expected the brand colour to be a colour like \`#0f6cbd\`, found ${show(color)}`, at, doc: 'apiProperties', args: ['format'] });
      return;
    }
    const why = FORBIDDEN[color.trim().toLowerCase()];
    if (why) report({ message: `Unexpected brand colour \`${color}\`: ${why}; pick the colour of your logo's background`, at, doc: 'apiProperties', args: ['forbidden'] });
  },
});

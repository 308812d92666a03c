import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';
import { readIcon } from '../icon.ts';

export default defineRule({
  id: 'icon-format',
  area: 'connector',
  severity: 'warning',
  description: 'The connector icon (`icon.png`, or the file front-matter `icon` names) is a PNG image.',
  rationale:
    'The platform and the certification process take the icon as `icon.png`, a PNG; a JPEG, GIF or SVG renamed to `.png`, or a file that is no image, shows as a broken icon in the designer and on the connector page.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'icon.png': 'GIF89a\u0040\u0000\u0040\u0000\u0000\u0000\u0000;' },
        output: ['icon.png:1:1-1:1: Expected the icon to be a PNG image, found a GIF image (icon-format)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'icon.png': 'PNG bytes' },
        output: ['icon.png:1:1-1:1: Expected the icon to be a PNG image, found no image format plugboard knows (icon-format)'],
      },
    ],
  },
  check({ assets, report }) {
    const icon = assets.get('icon.png');
    if (!icon) return;
    const image = readIcon(icon);
    if (image?.type === 'png') return;
    const found = image ? `a ${image.type.toUpperCase()} image` : 'no image format plugboard knows';
    report({ message: `Expected the icon to be a PNG image, found ${found}`, file: 'icon.png', at: '', args: [image?.type ?? 'unknown'] });
  },
});

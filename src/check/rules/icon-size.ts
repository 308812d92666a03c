import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';
import { readIcon } from '../icon.ts';

/** Certification: a logo of about 160 px inside a square of about 230 px; smaller icons blur when scaled. */
const MIN = 160;

export default defineRule({
  id: 'icon-size',
  area: 'connector',
  severity: 'info',
  description: `The connector icon is square and at least ${MIN}×${MIN} pixels (certification asks for a logo of about 160 px inside a 230×230 square).`,
  rationale:
    'The designer and the connector page show the icon in a square tile at several sizes: a wide icon is squeezed, and one smaller than the logo certification asks for is blurred when scaled up.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'icon.png': 'GIF89a\u0040\u0000\u0020\u0000\u0000\u0000\u0000;' },
        output: ['icon.png:1:1-1:1: Expected a square icon of at least 160×160 pixels (about 230×230), found 64×32 (icon-size)'],
      },
    ],
  },
  check({ assets, report }) {
    const icon = assets.get('icon.png');
    const image = icon ? readIcon(icon) : undefined;
    if (!image || (image.width === image.height && image.width >= MIN)) return;
    report({ message: `Expected a square icon of at least ${MIN}×${MIN} pixels (about 230×230), found ${image.width}×${image.height}`, file: 'icon.png', at: '', args: [] });
  },
});

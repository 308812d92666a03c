import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'connector-file-missing',
  area: 'connector',
  severity: 'error',
  description: 'The files a connector names exist: its `connector.mdx`, and the `icon` it points at.',
  rationale:
    'A connector folder without `connector.mdx` has no title, host or auth, and a package without its icon fails certification; both are reported at the file that should be there or that names it.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com', 'icon: logo.png']) },
        output: ['connector.mdx:5:7-5:15: Expected the icon file `logo.png` beside connector.mdx (connector-file-missing)'],
      },
    ],
  },
});

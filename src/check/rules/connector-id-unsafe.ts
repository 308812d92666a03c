import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'connector-id-unsafe',
  area: 'connector',
  severity: 'error',
  description: 'A connector folder name is usable as a URL segment and a file name: letters, digits, `-`, `_`, `.` and `~`.',
  rationale:
    'The id names the package folder, the zip and the site pages; a `?`, `#`, `%`, a slash or a backslash, whitespace or a control character, `.`/`..` or a leading dot, or more than 128 characters would make broken or colliding URLs and paths on the published site. Every certified connector fits the safe set. The site leaves a connector with an unsafe id out (its diagnostics are printed) and builds the others.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        id: 'contoso#1',
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:1:1-1:4: Unexpected connector folder name `contoso#1`: it contains `#`, so it cannot name the site pages, the package folder and the zip; rename the folder with letters, digits, `_`, `-` or `.` (connector-id-unsafe)'],
      },
      {
        id: 'contoso tools',
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:1:1-1:4: Unexpected connector folder name `contoso tools`: it contains whitespace (U+0020), so it cannot name the site pages, the package folder and the zip; rename the folder with letters, digits, `_`, `-` or `.` (connector-id-unsafe)'],
      },
    ],
  },
});

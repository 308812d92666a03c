import { reservedNameReason, shownName, unsafeNameReason } from '../../core/url-name.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

/** `GET /things` named by `operationId` on line 2 of the file. */
const getThings = (operationId: string) => mdx([`operationId: ${operationId}`, 'request: GET /things', 'summary: List things', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'operation-id-unsafe',
  area: 'operation',
  severity: 'error',
  description: 'An operationId is usable as a page URL and a file name, and does not collide with another operation (ignoring case) or a file of the package.',
  rationale:
    'Each operation gets a page at /connectors/<id>/<operationId>/; an operationId like `index.html`, `apiDefinition.swagger.json` or one with `/`, `?` or `#` would overwrite or lose a page. Two operationIds that differ only in case share one folder on macOS and Windows. Letters, digits, `_`, `-`, `.` and `~` are fine (every certified connector uses only these); the site gives an operation with an unsafe id no page of its own.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListThings.mdx': getThings('ListThings_v2') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListThings.mdx': getThings('index.html') },
        output: ['actions/ListThings.mdx:2:14-2:24: Unexpected operationId `index.html`: it is the name of the connector file `index.html`, so its page would overwrite it; use letters, digits, `_`, `-` or `.` (operation-id-unsafe)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListThings.mdx': getThings("'things?all#top'") },
        output: ['actions/ListThings.mdx:2:14-2:30: Unexpected operationId `things?all#top`: it contains `?`, so it cannot name a page; use letters, digits, `_`, `-` or `.` (operation-id-unsafe)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/ListThings.mdx': getThings('getitem') },
        output: ['actions/ListThings.mdx:2:14-2:21: Unexpected operationId `getitem`: it differs from `GetItem` only in case, so their pages share a folder on macOS and Windows; rename one of the two (operation-id-unsafe)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const firstByLowerCase = new Map<string, string>();
    for (const op of analysis.operations) {
      const id = op.operationId;
      if (id === undefined) continue;
      const at = op.visit.at('operationId');
      const unsafe = unsafeNameReason(id);
      const reserved = unsafe ? undefined : reservedNameReason(id);
      if (unsafe || reserved) {
        const consequence = unsafe ? 'so it cannot name a page' : 'so its page would overwrite it';
        report({ message: `Unexpected operationId \`${shownName(id)}\`: ${unsafe ?? reserved}, ${consequence}; use letters, digits, \`_\`, \`-\` or \`.\``, at, args: [id] });
        continue;
      }
      const first = firstByLowerCase.get(id.toLowerCase());
      if (first === undefined) firstByLowerCase.set(id.toLowerCase(), id);
      else if (first !== id) {
        // Exact duplicates are operation-id-unique's.
        const firstOp = analysis.operationsById.get(first)!;
        report({
          message: `Unexpected operationId \`${id}\`: it differs from \`${first}\` only in case, so their pages share a folder on macOS and Windows; rename one of the two`,
          at,
          args: [id],
          cause: { message: 'The other one', at: firstOp.visit.at('operationId') },
        });
      }
    }
  },
});

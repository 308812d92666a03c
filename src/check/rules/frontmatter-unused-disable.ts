import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId, mdx } from '../examples.ts';

/**
 * Reported by the disable-comment filter (src/check/suppress.ts), after every other finding of the
 * connector is made: a comment is unused when no finding of the rules it names starts on the next
 * line (or, for `plugboard-disable`, anywhere in its file).
 */
export default defineRule({
  id: 'frontmatter-unused-disable',
  area: 'frontmatter',
  severity: 'info',
  description: 'A `# plugboard-disable-next-line <rule>` or `# plugboard-disable <rule>` comment in front-matter hides a finding; one that hides nothing, names an unknown rule or no rule is reported.',
  rationale:
    'Disable comments outlive the findings they were written for: once the finding is fixed, the comment would silently hide the next real one on that line. Reporting an unused comment keeps them honest, and a misspelt rule id would otherwise hide nothing while looking as if it did. A comment for a rule the configuration turns `off` is not reported, since another preset may need it.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    # plugboard-disable-next-line frontmatter-unknown-key -- the API documents it so', '    sumary: Item ID') },
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    sumary: Item ID').replace('---\n', '---\n# plugboard-disable frontmatter-unknown-key\n') },
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': mdx(['request: GET /items/{id}', 'summary: Get an item', "description: 'Gets one item by its ID. A # plugboard-disable x-ms-position in a string is text.'", 'x-ms-summary: |', '  # plugboard-disable nothing: a block scalar holds no comment', 'parameters:', '  id:', '    type: string', '    summary: Item ID', 'responses:', "  '200':", '    description: OK']) },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM.replace('summary: Get an item', '# plugboard-disable-next-line frontmatter-unknown-key -- old typo\nsummary: Get an item') },
        output: ['actions/GetItem.mdx:3:1-3:66: Unused disable comment: `frontmatter-unknown-key` reports nothing on the next line; remove it (frontmatter-unused-disable)'],
      },
      {
        files: { 'connector.mdx': `${CONNECTOR.replace('---\n', '---\n# plugboard-disable frontmatter-unknwon-key, x-ms-positon\n')}` },
        output: [
          'connector.mdx:2:1-2:58: Unknown rule `frontmatter-unknwon-key` in a disable comment, did you mean `frontmatter-unknown-key`? (frontmatter-unused-disable)',
          'connector.mdx:2:1-2:58: Unknown rule `x-ms-positon` in a disable comment, did you mean `x-ms-position`? (frontmatter-unused-disable)',
        ],
      },
      {
        files: { 'connector.mdx': `${CONNECTOR.replace('---\n', '---\n# plugboard-disable-line x-ms-position\n# plugboard-disable-next-line\n')}` },
        output: [
          'connector.mdx:2:1-2:39: Unknown directive `plugboard-disable-line`, expected `plugboard-disable-next-line` or `plugboard-disable`; did you mean `plugboard-disable-next-line`? (frontmatter-unused-disable)',
          'connector.mdx:3:1-3:30: Expected the ids of the rules to disable after `plugboard-disable-next-line`, like `plugboard-disable-next-line x-ms-position -- why` (frontmatter-unused-disable)',
        ],
      },
    ],
  },
});

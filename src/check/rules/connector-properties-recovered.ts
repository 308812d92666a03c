import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

const BROKEN = '{\n  "properties": {\n    "iconBrandColor": "#da3b01"\n    "publisher": "Contoso"\n  }\n}\n';

export default defineRule({
  id: 'connector-properties-recovered',
  area: 'connector',
  severity: 'error',
  description:
    'An `apiProperties.original.json` beside connector.mdx (the `apiProperties.json` an import could not read as JSON) is reported, where it breaks, until it is deleted.',
  rationale:
    'Three certified connectors ship an `apiProperties.json` that is not JSON (truncated, a missing comma). `import` keeps what a lenient reader recovers in connector.mdx and the original text in this file, which is never packaged or published. What the reader lost (a cut-off connection parameter, a policy) is only in that text, so `check` keeps saying so until the author has carried it over and deleted the file.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'apiProperties.original.json': BROKEN },
        output: [
          'apiProperties.original.json:4:5-4:6: `apiProperties.original.json` is the apiProperties.json an import could not read (a comma is missing); connector.mdx holds what could be read: carry over what is missing, then delete this file (connector-properties-recovered)',
        ],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'apiProperties.original.json': '{ "properties": {} }\n' },
        output: [
          'apiProperties.original.json:1:1-1:2: `apiProperties.original.json` reads as JSON now; carry into connector.mdx what it lacks, then delete this file (connector-properties-recovered)',
        ],
      },
    ],
  },
});

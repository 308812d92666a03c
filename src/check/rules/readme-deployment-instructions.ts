import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { headings, isPublished, PUBLISHED_ACTION, PUBLISHED_LINES, PUBLISHED_README, publishedConnector, readmeFile } from '../certification.ts';

export default defineRule({
  id: 'readme-deployment-instructions',
  area: 'connector',
  severity: 'info',
  description: 'The readme of a published connector (one that names its `publisher`) has a `## Deployment Instructions` section.',
  rationale:
    "The verified-publisher readme template requires it (it is optional for independent publishers): how to deploy the connector as a custom connector, for instance with `paconn create` or `plugboard build`, for those who cannot wait for the certified one.",
  examples: {
    ok: [{ 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION }],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, ...PUBLISHED_LINES], PUBLISHED_README.replace(/## Deployment Instructions[^]*$/, '')), 'actions/GetItem.mdx': PUBLISHED_ACTION },
        output: ['connector.mdx:2:1-2:15: Missing the readme section `## Deployment Instructions`, which verified publishers must give (readme-deployment-instructions)'],
      },
    ],
  },
  check({ apiProperties, readme, files, report }) {
    if (!isPublished(apiProperties)) return;
    if (headings(readme).some((h) => /^deployment instructions?$/i.test(h.text))) return;
    report({ message: 'Missing the readme section `## Deployment Instructions`, which verified publishers must give', file: readmeFile(files), at: '', args: [] });
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { headings, isPublished, PUBLISHED_ACTION, PUBLISHED_LINES, PUBLISHED_README, publishedConnector, readmeFile, readmeLineOffset, type Heading } from '../certification.ts';

/** The sections both publisher templates require, as `## <name>`, and the names they are often given instead. */
const SECTIONS = [
  { name: 'Publisher', loose: /^publisher\b/i },
  { name: 'Prerequisites', loose: /^pre-?requisites?\b|^requirements\b/i },
  { name: 'Supported Operations', loose: /^supported (operations|actions|triggers)\b|^(actions|operations)\b/i },
  { name: 'Obtaining Credentials', loose: /credentials|^authentication\b/i },
  { name: 'Known Issues and Limitations', loose: /known issues|limitations/i },
] as const;

const normal = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** An H2 named exactly so (`## Publisher: Contoso` counts as Publisher), case aside. */
function isExact(heading: Heading, name: string): boolean {
  const text = normal(heading.text);
  return heading.depth === 2 && (text === normal(name) || (name === 'Publisher' && text.startsWith('publisher:')));
}

export default defineRule({
  id: 'readme-sections',
  area: 'connector',
  severity: 'info',
  description: `The readme of a published connector (one that names its \`publisher\`) has the sections certification requires, as H2 headings: ${SECTIONS.map((s) => `\`## ${s.name}\``).join(', ')}.`,
  rationale:
    'Both publisher templates require these sections, and the connector page on learn.microsoft.com is built from them; a section under another name or level is not recognised. Only half of the public readmes have all five as H2s, so this is advice by default and a requirement under the certification preset.',
  examples: {
    ok: [{ 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION }],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, ...PUBLISHED_LINES], PUBLISHED_README.replace('## Prerequisites', '### Pre-requisites').replace(/## Obtaining Credentials\n\n.*\n/, '')),
          'actions/GetItem.mdx': PUBLISHED_ACTION,
        },
        output: [
          'connector.mdx:2:1-2:15: Missing the readme sections `## Prerequisites` and `## Obtaining Credentials`; name `### Pre-requisites` (line 23) exactly so (readme-sections)',
        ],
      },
    ],
  },
  check({ apiProperties, readme, files, report }) {
    if (!isPublished(apiProperties)) return;
    const found = headings(readme);
    const file = readmeFile(files);
    const offset = readmeLineOffset(files);
    const missing: string[] = [];
    const misnamed: string[] = [];
    for (const section of SECTIONS) {
      if (found.some((h) => isExact(h, section.name))) continue;
      missing.push(`\`## ${section.name}\``);
      const near = found.find((h) => section.loose.test(normal(h.text)));
      if (near) misnamed.push(`\`${'#'.repeat(near.depth)} ${near.text.slice(0, 60).replaceAll('`', "'")}\` (line ${near.line + offset})`);
    }
    if (!missing.length) return;
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    const hint = misnamed.length ? `; name ${misnamed.join(', ')} exactly so` : '';
    report({ message: `Missing the readme section${missing.length === 1 ? '' : 's'} ${list}${hint}`, file, at: '', args: [] });
  },
});

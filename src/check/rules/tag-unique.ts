import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const connector = (second: string) => mdx([...CONNECTOR_LINES, 'tags:', '  - name: Items', '    description: Work with items', `  - name: ${second}`, '    description: Work with lists']);

export default defineRule({
  id: 'tag-unique',
  area: 'connector',
  severity: 'warning',
  description: 'Each tag name is declared once in `tags`.',
  rationale:
    'Operations refer to tags by name, so two declarations of one name leave it unclear which description applies, and the Swagger Validator reports it (`TagRedefined`). ' +
    'Identical duplicates are already `swagger-schema`\'s (its `uniqueItems`); this rule reports the ones that differ.',
  platformCodes: ['TagRedefined'],
  examples: {
    ok: [{ 'connector.mdx': connector('Lists'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('Items'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:8:11-8:16: Unexpected second declaration of tag `Items`; merge it with the first (tag-unique)'] }],
  },
  check({ swagger, report }) {
    const first = new Map<string, { at: string; text: string }>();
    for (const tag of analyze(swagger).of('tag')) {
      const name = tag.node.name;
      if (typeof name !== 'string') continue;
      const text = JSON.stringify(tag.node);
      const earlier = first.get(name);
      if (!earlier) {
        first.set(name, { at: tag.pointer, text });
        continue;
      }
      if (earlier.text === text) continue; // swagger-schema: uniqueItems
      report({ message: `Unexpected second declaration of tag \`${name}\`; merge it with the first`, at: tag.at('name'), args: [name], cause: { message: `\`${name}\` first declared here`, at: earlier.at } });
    }
  },
});

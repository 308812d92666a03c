import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { analyze, type Visit } from '../../swagger/index.ts';

const connector = (title: string) => mdx([`title: ${title}`, "version: '1.0'", 'host: api.contoso.com']);

/** The keys whose value must be a non-blank string wherever they are written, by position. */
const REQUIRED: Partial<Record<Visit['kind'], readonly string[]>> = {
  info: ['title', 'version'],
  response: ['description'],
  parameter: ['name'],
  tag: ['name'],
  operation: ['operationId', 'summary'],
};

export default defineRule({
  id: 'required-value-empty',
  area: 'connector',
  severity: 'error',
  description: 'Required text values are not blank: `info.title` and `version`, response descriptions, parameter and tag names, operationIds and summaries.',
  rationale:
    'Swagger\'s schema checks that these keys are strings, and `""` is one; but an empty title, version, operationId or parameter name leaves the platform nothing to show or send, ' +
    'and the Swagger Validator rejects a blank required value (`RequiredValueEmpty`). A missing key is `swagger-schema`\'s (or the operation rules\') finding.',
  platformCodes: ['RequiredValueEmpty'],
  examples: {
    ok: [{ 'connector.mdx': connector('Contoso'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector("' '"), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:2:8-2:11: Unexpected blank `title`, expected a value (required-value-empty)'] }],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const [kind, keys] of Object.entries(REQUIRED) as Array<[Visit['kind'], readonly string[]]>) {
      for (const visit of analysis.of(kind)) {
        for (const key of keys) {
          const value = visit.node[key];
          if (typeof value !== 'string' || value.trim() !== '') continue;
          report({ message: `Unexpected blank \`${key}\`, expected a value`, at: visit.at(key), args: [key] });
        }
      }
    }
  },
});

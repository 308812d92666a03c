import { defineRule } from '../define-rule.ts';
import { CONNECTOR, getItemWithId, mdx } from '../examples.ts';
import { isBodySchema, requiredOf } from '../schemas.ts';
import { analyze, isObject, type Visit } from '../../swagger/index.ts';

const action = (...apiVersionLines: string[]) =>
  mdx(['request: GET /items', 'summary: List items', 'parameters:', '  api-version:', '    in: query', '    type: string', ...apiVersionLines, 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'property-internal-default',
  area: 'parameter',
  severity: 'warning',
  description: 'An internal input (`x-ms-visibility: internal`) with a `default` is required, and a required internal input has a `default`.',
  rationale:
    'Users never see an internal parameter or body property, so only the platform can fill it, with its `default`, and it only sends what is required: ' +
    'an optional internal input with a default is silently left out of the request (`InternalPropertyWithDefaultOptional`, `PropertyMustBeRequired`), ' +
    'and a required internal input without a default can never be given. The webhook callback (`x-ms-notification-url`) is filled by the platform and needs no default.',
  platformCodes: ['InternalPropertyWithDefaultOptional', 'PropertyMustBeRequired'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('    required: true', "    default: '2024-01-01'", '    visibility: internal') }],
    notOk: [
      { files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action("    default: '2024-01-01'", '    visibility: internal') }, output: ['actions/ListItems.mdx:9:17-9:25: Expected internal input `api-version` with a `default` to be required; the platform only sends required inputs, so this default is never sent (property-internal-default)'] },
      { files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId('    visibility: internal') }, output: ['actions/GetItem.mdx:7:17-7:25: Expected required internal input `id` to have a `default`; users cannot see it, so nothing else can fill it (property-internal-default)'] },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const inspect = (visit: Visit, node: unknown, required: boolean, at: string, name: string) => {
      if (!isObject(node) || node['x-ms-visibility'] !== 'internal' || node['x-ms-notification-url'] === true) return;
      const hasDefault = node.default !== undefined;
      if (hasDefault && !required) {
        report({ message: `Expected internal input \`${name}\` with a \`default\` to be required; the platform only sends required inputs, so this default is never sent`, at: `${at}/x-ms-visibility`, args: [name, 'optional'] });
      } else if (!hasDefault && required && node.type !== 'object' && node.$ref === undefined && node['x-ms-dynamic-values'] === undefined) {
        report({ message: `Expected required internal input \`${name}\` to have a \`default\`; users cannot see it, so nothing else can fill it`, at: `${at}/x-ms-visibility`, args: [name, 'no-default'] });
      }
    };
    for (const visit of analysis.of('parameter')) {
      if (visit.in === 'body') continue;
      inspect(visit, visit.node, visit.node.required === true, visit.pointer, typeof visit.node.name === 'string' ? visit.node.name : '');
    }
    for (const visit of analysis.of('schema')) {
      if (!isObject(visit.node.properties) || !isBodySchema(swagger, visit)) continue;
      const required = new Set(requiredOf(visit.node));
      for (const [name, property] of Object.entries(visit.node.properties)) inspect(visit, property, required.has(name), visit.at('properties', name), name);
    }
  },
});

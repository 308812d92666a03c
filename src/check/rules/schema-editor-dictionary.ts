import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const connector = (...lines: string[]) => mdx([...CONNECTOR_LINES, 'definitions:', '  Labels:', '    type: object', '    x-ms-editor: dictionary', ...lines]);

export default defineRule({
  id: 'schema-editor-dictionary',
  area: 'schema',
  severity: 'warning',
  description: '`x-ms-editor: dictionary` is only on an object schema whose `additionalProperties` allow values.',
  rationale:
    'The dictionary editor lets users add key/value pairs, which only an object with `additionalProperties` can hold; on anything else the designer has nowhere to put them, ' +
    'and the Swagger Validator reports it (`InvalidCustomEditorExtensionDictionaryValue`).',
  platformCodes: ['InvalidCustomEditorExtensionDictionaryValue'],
  examples: {
    ok: [{ 'connector.mdx': connector('    additionalProperties:', '      type: string'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('    properties:', '      name:', '        type: string'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:8:18-8:28: Unexpected `x-ms-editor: dictionary` on an object without `additionalProperties`, expected an object with `additionalProperties` (schema-editor-dictionary)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withKey('x-ms-editor')) {
      if (visit.kind !== 'schema' || visit.node['x-ms-editor'] !== 'dictionary') continue;
      const { type, additionalProperties } = visit.node;
      if ((type === undefined || type === 'object') && (additionalProperties === true || isObject(additionalProperties))) continue;
      const why = type !== undefined && type !== 'object' ? `a schema of type \`${String(type)}\`` : 'an object without `additionalProperties`';
      report({ message: `Unexpected \`x-ms-editor: dictionary\` on ${why}, expected an object with \`additionalProperties\``, at: visit.at('x-ms-editor'), args: [] });
    }
  },
});

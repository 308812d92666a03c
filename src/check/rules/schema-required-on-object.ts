import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const connector = (...lines: string[]) => mdx([...CONNECTOR_LINES, 'definitions:', '  Code:', ...lines]);

export default defineRule({
  id: 'schema-required-on-object',
  area: 'schema',
  severity: 'warning',
  description: 'A schema\'s `required` list is only on an object schema.',
  rationale:
    '`required` names properties, which only objects have: on a `string` or an `array` it is ignored, and the Swagger Validator reports it (`RequiredPropertyNotOnObject`). ' +
    'To make a value mandatory, list its name in the `required` of the object that holds it.',
  platformCodes: ['RequiredPropertyNotOnObject'],
  examples: {
    ok: [{ 'connector.mdx': connector('    type: object', '    required: [value]', '    properties:', '      value:', '        type: string'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('    type: string', '    required: [value]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:8:5-8:13: Unexpected `required` on a schema of type `string`; list the property in the `required` of the object that holds it (schema-required-on-object)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      const { type, required } = visit.node;
      if (!Array.isArray(required) || required.length === 0 || typeof type !== 'string' || type === 'object') continue;
      report({ message: `Unexpected \`required\` on a schema of type \`${type}\`; list the property in the \`required\` of the object that holds it`, at: visit.at('required'), onKey: true, args: [] });
    }
  },
});

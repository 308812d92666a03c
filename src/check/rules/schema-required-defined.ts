import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { definedProperties, requiredOf } from '../schemas.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const connector = (...required: string[]) =>
  mdx([...CONNECTOR_LINES, 'definitions:', '  Item:', '    type: object', ...required, '    properties:', '      id:', '        type: string', '      name:', '        type: string']);

export default defineRule({
  id: 'schema-required-defined',
  area: 'schema',
  severity: 'warning',
  description: 'Each name in a schema\'s `required` is one of its `properties` (its own or from `allOf`).',
  rationale:
    'A required property the schema does not define has no type, label or place in the designer: the user cannot fill it, and the Swagger Validator reports it ' +
    '(`RequiredPropertyDefinitionMissing`, `RequiredPropertyMissing`). It is usually a typo or a property that was renamed. ' +
    'Schemas with `x-ms-dynamic-schema` or `x-ms-dynamic-properties` get their properties at design time, and a map (`additionalProperties`) may require any key: both are skipped.',
  platformCodes: ['RequiredPropertyDefinitionMissing', 'RequiredPropertyMissing'],
  examples: {
    ok: [{ 'connector.mdx': connector('    required: [id, name]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('    required: [id, Name]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:8:20-8:24: Unexpected required property `Name` that the schema does not define; add it to `properties` or remove it from `required` (schema-required-defined)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      const node = visit.node;
      if (!Array.isArray(node.required) || node['x-ms-dynamic-schema'] !== undefined || node['x-ms-dynamic-properties'] !== undefined) continue;
      const names = requiredOf(node);
      if (names.length === 0) continue;
      if (node.properties === undefined && node.allOf === undefined && node.type !== 'object') continue; // schema-required-on-object
      if (node.additionalProperties === true || isObject(node.additionalProperties)) continue; // any key may be required of a map
      const defined = definedProperties(swagger, node);
      node.required.forEach((name, i) => {
        if (typeof name !== 'string' || defined.has(name)) return;
        report({ message: `Unexpected required property \`${name}\` that the schema does not define; add it to \`properties\` or remove it from \`required\``, at: visit.at('required', i), args: [name] });
      });
    }
  },
});

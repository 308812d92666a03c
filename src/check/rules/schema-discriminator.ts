import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { requiredOf } from '../schemas.ts';
import { analyze, deref, isObject } from '../../swagger/index.ts';

const connector = (kindType: string, ...required: string[]) =>
  mdx([...CONNECTOR_LINES, 'definitions:', '  Pet:', '    type: object', '    discriminator: kind', ...required, '    properties:', '      kind:', `        type: ${kindType}`]);

export default defineRule({
  id: 'schema-discriminator',
  area: 'schema',
  severity: 'warning',
  description: 'A `discriminator` names a required string property of its schema.',
  rationale:
    'Swagger 2.0 picks the subtype of a polymorphic value by reading the discriminator property, so it must always be there and be a string ' +
    '(`DiscriminatorMustBeARequiredStringProperty`). The platform\'s designer ignores polymorphism, so a broken discriminator mostly misleads other tools, hence a warning.',
  platformCodes: ['DiscriminatorMustBeARequiredStringProperty'],
  examples: {
    ok: [{ 'connector.mdx': connector('string', '    required: [kind]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('integer'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:8:20-8:24: Expected discriminator `kind` to be a required string property, it is not a string and not required (schema-discriminator)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      const name = visit.node.discriminator;
      if (typeof name !== 'string') continue;
      const property = isObject(visit.node.properties) ? deref(swagger, visit.node.properties[name]) : undefined;
      const problems: string[] = [];
      if (!property) problems.push('not a property of the schema');
      else if (property.type !== 'string') problems.push('not a string');
      if (!requiredOf(visit.node).includes(name)) problems.push('not required');
      if (problems.length === 0) continue;
      report({ message: `Expected discriminator \`${name}\` to be a required string property, it is ${problems.join(' and ')}`, at: visit.at('discriminator'), args: [] });
    }
  },
});

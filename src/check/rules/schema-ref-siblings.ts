import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { X_MS_AUTOREST } from '../x-ms-positions.ts';
import { analyze } from '../../swagger/index.ts';

const CONNECTOR = mdx([...CONNECTOR_LINES, 'definitions:', '  Item:', '    type: object', '    properties:', '      id:', '        type: string']);

const action = (...schemaLines: string[]) =>
  mdx(['request: GET /items/{id}', 'summary: Get an item', 'parameters:', '  id:', '    type: string', 'responses:', "  '200':", '    description: OK', '    schema:', ...schemaLines]);

export default defineRule({
  id: 'schema-ref-siblings',
  area: 'schema',
  severity: 'warning',
  description: 'A `$ref` stands alone: no other keys beside it.',
  rationale:
    'In Swagger 2.0 a reference replaces the whole object it is written in, so keys beside `$ref` (`description`, `type`, `x-ms-summary`…) are ignored by the platform and by every other tool; ' +
    'the Swagger Validator reports them (`AdditionalPropertyNotAllowedAdjacentToRef`). Put the keys on the target, or wrap the reference in `allOf`. ' +
    'Certified connectors carry such keys, so this is a warning: the definition still imports, only the keys are lost. AutoRest extensions (`x-ms-mutability`…) are left to `x-ms-autorest`.',
  platformCodes: ['AdditionalPropertyNotAllowedAdjacentToRef'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': action("      $ref: '#/definitions/Item'") }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': action("      $ref: '#/definitions/Item'", '      description: The item') },
        output: ['actions/GetItem.mdx:12:7-12:18: Unexpected `description` beside `$ref`, the platform ignores it; move it to the target or wrap the reference in `allOf` (schema-ref-siblings)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('ref')) {
      if (visit.refOf === 'path-item') continue; // ref-target-exists reports path item references
      for (const key of Object.keys(visit.node)) {
        if (key === '$ref' || X_MS_AUTOREST.has(key)) continue; // AutoRest extensions: x-ms-autorest says the platform ignores them anywhere
        report({ message: `Unexpected \`${key}\` beside \`$ref\`, the platform ignores it; move it to the target or wrap the reference in \`allOf\``, at: visit.at(key), onKey: true, args: [key] });
      }
    }
  },
});

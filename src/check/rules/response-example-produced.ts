import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const action = (mime: string) =>
  mdx(['request: GET /items', 'summary: List items', 'produces: [application/json]', 'responses:', "  '200':", '    description: OK', '    examples:', `      ${mime}:`, '        - id: A1']);

export default defineRule({
  id: 'response-example-produced',
  area: 'operation',
  severity: 'warning',
  description: 'Each key of a response\'s `examples` is a media type the operation `produces`.',
  rationale:
    'Response examples are keyed by media type; one for a type the operation never returns documents nothing the caller will get, and the Swagger Validator reports it ' +
    '(`ResponseExampleMustBeProducedByOperation`). The operation\'s `produces` counts, else the document\'s; with neither, nothing is checked.',
  platformCodes: ['ResponseExampleMustBeProducedByOperation'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('application/json') }],
    notOk: [{ files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action('text/xml') }, output: ['actions/ListItems.mdx:9:7-9:15: Unexpected example for `text/xml`, which the operation does not produce; expected one of `application/json` (response-example-produced)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('response')) {
      if (!isObject(visit.node.examples)) continue;
      const operation = visit.operation?.node;
      const produces = Array.isArray(operation?.produces) ? operation.produces : Array.isArray(swagger.produces) ? swagger.produces : undefined;
      if (!produces) continue;
      const known = new Set(produces.filter((m): m is string => typeof m === 'string').map((m) => m.split(';')[0]!.trim().toLowerCase()));
      for (const mime of Object.keys(visit.node.examples)) {
        if (known.has(mime.split(';')[0]!.trim().toLowerCase())) continue;
        report({ message: `Unexpected example for \`${mime}\`, which the operation does not produce; expected one of ${[...known].map((m) => `\`${m}\``).join(', ') || 'its `produces` types'}`, at: visit.at('examples', mime), onKey: true, args: [mime] });
      }
    }
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const action = (...fileLines: string[]) =>
  mdx([
    'request: POST /items',
    'summary: Create an item',
    'body:',
    '  schema:',
    '    type: object',
    '    properties:',
    '      name:',
    '        type: string',
    ...fileLines,
    'responses:',
    "  '201':",
    '    description: Created',
  ]);

const UPLOAD = mdx(['request: PUT /files/{name}', 'summary: Upload a file', 'parameters:', '  name:', '    type: string', 'body:', '  schema:', '    type: string', '    format: binary', 'responses:', "  '200':", '    description: OK']);

export default defineRule({
  id: 'schema-string-binary',
  area: 'schema',
  severity: 'warning',
  description: '`type: string` with `format: binary` is only the whole body, a formData field or a whole response, never a property inside a JSON object.',
  rationale:
    'Raw bytes cannot travel inside JSON: the platform sends a file as the raw body or a multipart field, and returns one as the whole response; ' +
    'file content placed in a JSON property is sent base64-encoded, which is what `format: byte` says. The Swagger Validator reports a nested binary property (`InvalidStringBinaryProperty`); ' +
    'a certified connector has some, so this is a warning.',
  platformCodes: ['InvalidStringBinaryProperty'],
  examples: {
    ok: [{ 'connector.mdx': mdx([...CONNECTOR_LINES]), 'actions/UploadFile.mdx': UPLOAD, 'actions/CreateItem.mdx': action('      content:', '        type: string', '        format: byte') }],
    notOk: [{ files: { 'connector.mdx': mdx([...CONNECTOR_LINES]), 'actions/CreateItem.mdx': action('      content:', '        type: string', '        format: binary') }, output: ['actions/CreateItem.mdx:12:17-12:23: Unexpected `format: binary` inside a JSON schema; binary is only the whole body, a formData field or a whole response, use `format: byte` (base64) here (schema-string-binary)'] }],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('schema')) {
      if (visit.node.format !== 'binary' || visit.node.type !== 'string' || visit.isRoot) continue;
      report({ message: 'Unexpected `format: binary` inside a JSON schema; binary is only the whole body, a formData field or a whole response, use `format: byte` (base64) here', at: visit.at('format'), args: [] });
    }
  },
});

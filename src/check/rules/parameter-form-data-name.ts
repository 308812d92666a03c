import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const upload = (name: string) =>
  mdx([
    'request: POST /files',
    'summary: Upload a file',
    'consumes: [multipart/form-data]',
    'parameters:',
    `  ${name}:`,
    '    in: formData',
    '    type: file',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-form-data-name',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['InvalidFormDataParameterName'],
  description: 'A form parameter\'s name has US-ASCII characters only.',
  rationale:
    'Form field names travel in `Content-Disposition` headers and URL-encoded bodies, where the platform only writes US-ASCII; the validator rejects other names (`InvalidFormDataParameterName`). ' +
    'Keep the readable name in `summary` (`x-ms-summary`).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('file') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('fichier_téléversé') },
        output: ['actions/UploadFile.mdx:6:3-6:20: Unexpected form parameter name `fichier_téléversé`, it has characters outside US-ASCII; rename it and keep the readable name in `summary` (parameter-form-data-name)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).of('parameter')) {
      const name = visit.node.name;
      if (visit.in !== 'formData' || typeof name !== 'string' || /^[\x20-\x7e]*$/.test(name)) continue;
      report({
        message: `Unexpected form parameter name \`${name}\`, it has characters outside US-ASCII; rename it and keep the readable name in \`summary\``,
        at: visit.pointer,
        onKey: true,
        args: [name],
      });
    }
  },
});

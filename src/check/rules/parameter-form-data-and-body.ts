import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { operationName } from '../operations.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const upload = (withBody: boolean) =>
  mdx([
    'request: POST /files',
    'summary: Upload a file',
    'consumes: [multipart/form-data]',
    'parameters:',
    '  file:',
    '    in: formData',
    '    type: file',
    ...(withBody ? ['  meta:', '    in: body', '    schema:', '      type: object'] : []),
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-form-data-and-body',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['ParameterListContainsFormDataAndBody'],
  description: 'An operation has `in: body` parameters or `in: formData` parameters, not both.',
  rationale:
    'Form parameters and a body parameter each describe the whole request body, in two incompatible encodings; Swagger 2.0 forbids the mix and the validator rejects it ' +
    '(`ParameterListContainsFormDataAndBody`). Send the extra data as form fields, or everything as one body.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload(false) }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload(true) },
        output: ['actions/UploadFile.mdx:10:9-10:13: Unexpected body parameter `meta` in operation `UploadFile`, which has form parameters; use form fields only, or one body (parameter-form-data-and-body)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const list = parametersOf(analysis, op.visit);
      const form = list.find((p) => p.node.in === 'formData');
      if (!form) continue;
      for (const body of list.filter((p) => p.node.in === 'body')) {
        const name = String(body.node.name ?? '');
        report({
          message: `Unexpected body parameter \`${name}\` in operation \`${operationName(op)}\`, which has form parameters; use form fields only, or one body`,
          at: body.visit.kind === 'ref' ? body.visit.at('$ref') : body.visit.at('in'),
          cause: { message: 'A form parameter', at: form.visit.pointer },
          args: [operationName(op), name],
        });
      }
    }
  },
});

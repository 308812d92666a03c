import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

const upload = (consumes: string) =>
  mdx([
    'request: POST /files',
    'summary: Upload a file',
    `consumes: [${consumes}]`,
    'parameters:',
    '  file:',
    '    in: formData',
    '    type: file',
    '    required: true',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-form-data-consumes',
  area: 'parameter',
  severity: 'warning',
  platformCodes: ['MimeTypeNotCompatibleWithRequestContentSchemaType'],
  description: 'An operation with `formData` parameters consumes `multipart/form-data` or `application/x-www-form-urlencoded`.',
  rationale:
    'Form parameters are sent as a form body, so Swagger 2.0 requires the operation (or the document) to declare a form media type in `consumes`; `type: file` needs one of them too. ' +
    'Without it swagger-parser rejects the definition and clients do not know how to encode the request. ' +
    'A warning, not an error: the platform imports such a definition and certified connectors carry it (Cloudmersive Document Conversion has `consumes: []` on 8 operations with a file parameter).',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('multipart/form-data') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('application/json') },
        output: [
          'actions/UploadFile.mdx:4:11-4:29: Expected `consumes` of an operation with form parameters to include multipart/form-data or application/x-www-form-urlencoded (parameter-form-data-consumes)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      if (!parametersOf(analysis, op.visit).some((p) => p.node.in === 'formData')) continue;
      const own = op.visit.node.consumes;
      const consumes = own !== undefined ? own : swagger.consumes;
      const types = Array.isArray(consumes) ? consumes.filter((t): t is string => typeof t === 'string') : [];
      if (types.some((t) => FORM_TYPES.includes(t.split(';')[0]!.trim().toLowerCase()))) continue;
      report({
        message: 'Expected `consumes` of an operation with form parameters to include multipart/form-data or application/x-www-form-urlencoded',
        at: own !== undefined ? op.visit.at('consumes') : swagger.consumes !== undefined ? '/consumes' : op.visit.pointer,
        ...(own === undefined && swagger.consumes === undefined ? { onKey: true } : {}),
        args: [op.method, op.path],
      });
    }
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { consumesOf, mediaType, operationName } from '../operations.ts';
import { analyze, parametersOf } from '../../swagger/index.ts';

const upload = (consumes: string) =>
  mdx([
    'request: POST /files',
    'summary: Upload a file',
    `consumes: [${consumes}]`,
    'parameters:',
    '  content:',
    '    in: formData',
    '    type: string',
    '    format: binary',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'parameter-form-urlencoded-binary',
  area: 'parameter',
  severity: 'error',
  platformCodes: ['StringBinaryNotSupportedForFormUrlEncoded'],
  description: 'An operation that sends `application/x-www-form-urlencoded` only has no file or `string`/`binary` form parameters.',
  rationale:
    'A URL-encoded form carries text fields only; file content needs `multipart/form-data`. The validator rejects binary form parameters on an operation whose `consumes` ' +
    'offers only the URL-encoded form (`StringBinaryNotSupportedForFormUrlEncoded`): add `multipart/form-data` to `consumes`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('multipart/form-data') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/UploadFile.mdx': upload('application/x-www-form-urlencoded') },
        output: ['actions/UploadFile.mdx:6:3-6:10: Unexpected binary form parameter `content` in operation `UploadFile`, which sends `application/x-www-form-urlencoded` only; add `multipart/form-data` to `consumes` (parameter-form-urlencoded-binary)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const op of analysis.operations) {
      const types = (consumesOf(swagger, op)?.types ?? []).map(mediaType);
      if (!types.includes('application/x-www-form-urlencoded') || types.includes('multipart/form-data')) continue;
      for (const p of parametersOf(analysis, op.visit)) {
        const binary = p.node.type === 'file' || (p.node.type === 'string' && p.node.format === 'binary');
        if (p.node.in !== 'formData' || !binary) continue;
        const name = String(p.node.name ?? '');
        report({
          message: `Unexpected binary form parameter \`${name}\` in operation \`${operationName(op)}\`, which sends \`application/x-www-form-urlencoded\` only; add \`multipart/form-data\` to \`consumes\``,
          at: p.visit.pointer,
          onKey: true,
          args: [operationName(op), name],
        });
      }
    }
  },
});

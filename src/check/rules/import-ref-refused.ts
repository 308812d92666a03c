import { defineRule } from '../define-rule.ts';
import { OPENAPI } from '../import-examples.ts';

/** The example document with its `name` property's schema replaced by a `$ref` to `ref`. */
const withRef = (ref: string) => OPENAPI.replace('                    type: string\n', `                    $ref: '${ref}'\n`);

export default defineRule({
  id: 'import-ref-refused',
  area: 'import',
  severity: 'error',
  description: 'An external \`\$ref\` in an imported document resolves only to a regular file under the source folder (or \`--ref-root\`).',
  rationale:
    'Downloaded documents can name any path: a \`\$ref\` to /etc/passwd, a token file or /dev/zero would copy the importer disk into a connector, or never end; such references are refused and nothing of them is written. Absolute paths, \`../\` escapes, symlinks (the file or a folder on the way), devices, FIFOs, files over 4 MB and URLs are refused; \`--ref-root <dir>\` names one more folder that references may lead into.',
  examples: {
    ok: [{ 'input.yaml': withRef('#/components/schemas/Name') + 'components:\n  schemas:\n    Name:\n      type: string\n' }],
    notOk: [
      {
        files: { 'input.yaml': withRef('/etc/passwd') },
        output: ['input.yaml:27:27-27:40: `$ref` `/etc/passwd` is refused: absolute paths are not followed; refer to a file beside the document by a relative path; nothing of it is imported (import-ref-refused)'],
      },
      {
        files: { 'input.yaml': withRef('../shared/name.yaml') },
        output: ["input.yaml:27:27-27:48: `$ref` `../shared/name.yaml` is refused: it leads outside the document's folder (name another folder with `--ref-root`); nothing of it is imported (import-ref-refused)"],
      },
      {
        files: { 'input.yaml': withRef('https://schemas.example.com/name.yaml') },
        output: ['input.yaml:27:27-27:66: `$ref` `https://schemas.example.com/name.yaml` is refused: URLs are not fetched; save the file beside the document and refer to it by a relative path; nothing of it is imported (import-ref-refused)'],
      },
    ],
  },
});

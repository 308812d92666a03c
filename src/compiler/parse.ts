/**
 * Front-matter parsing. js-yaml with the YAML 1.2 core schema is the fast path (no dates, no
 * merge keys: what you write is what the JSON gets); positions come later, lazily (position.ts).
 */
import yaml from 'js-yaml';
import { Diagnostic } from '../core/diagnostic.ts';
import type { SourceFile } from '../core/source-file.ts';
import { ruleUrl } from '../check/define-rule.ts';

export function parseFrontMatter(file: SourceFile, required: boolean): boolean {
  const fm = file.frontMatter;
  if (!fm.present) {
    if (required) {
      file.diagnostics.push(
        new Diagnostic({
          ruleId: 'frontmatter-yaml',
          severity: 'error',
          message: 'Expected YAML front-matter between `---` lines at the start of the file',
          file: file.path,
          place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
          url: ruleUrl('frontmatter-yaml'),
        }),
      );
      return false;
    }
    file.data = {};
    return true;
  }
  try {
    const data = yaml.load(fm.yaml, { schema: yaml.CORE_SCHEMA, filename: file.path });
    file.data = data ?? {};
  } catch (error) {
    const e = error as { reason?: string; message: string; mark?: { position: number } };
    const offset = fm.yamlOffset + Math.min(e.mark?.position ?? 0, fm.yaml.length);
    const start = file.pointAt(offset);
    // One character wide, so that editors underline something.
    const end = offset < file.text.length && file.text[offset] !== '\n' ? { line: start.line, column: start.column + 1 } : start;
    file.diagnostics.push(
      new Diagnostic({
        ruleId: 'frontmatter-yaml',
        severity: 'error',
        message: `Invalid YAML: ${e.reason ?? e.message.split('\n')[0]}`,
        file: file.path,
        place: { start, end },
        url: ruleUrl('frontmatter-yaml'),
      }),
    );
    return false;
  }
  if (file.data === null || typeof file.data !== 'object' || Array.isArray(file.data)) {
    file.diagnostics.push(
      new Diagnostic({
        ruleId: 'frontmatter-yaml',
        severity: 'error',
        message: 'Expected the front-matter to be a mapping of keys to values',
        file: file.path,
        pointer: '',
        url: ruleUrl('frontmatter-yaml'),
      }),
    );
    file.data = {};
    return false;
  }
  return true;
}

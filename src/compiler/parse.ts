/**
 * Front-matter parsing through the bounded loader (core/yaml.ts): js-yaml with the YAML 1.2 core
 * schema is the fast path (no dates, no merge keys: what you write is what the JSON gets), with
 * nesting and alias expansion bounded (`source-limit`) and collections as keys refused
 * (`frontmatter-yaml`). Positions come later, lazily (position.ts).
 */
import type { Finding, Reporter } from '../core/finding.ts';
import { reportInto } from '../core/finding.ts';
import { toPointer } from '../core/pointer.ts';
import type { SourceFile } from '../core/source-file.ts';
import { loadYaml, type YamlProblem } from '../core/yaml.ts';

export function parseFrontMatter(file: SourceFile, required: boolean, report: Reporter): boolean {
  const fm = file.frontMatter;
  if (!fm.present) {
    if (required) {
      reportInto(file.diagnostics, report, {
        ruleId: 'frontmatter-yaml',
        message: 'Expected YAML front-matter between `---` lines at the start of the file',
        file: file.path,
        place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        args: ['missing'],
      });
      return false;
    }
    file.data = {};
    return true;
  }
  const loaded = loadYaml(fm.yaml, file.path);
  if (!loaded.ok) {
    reportInto(file.diagnostics, report, problemFinding(file, loaded.problem));
    return false;
  }
  file.data = loaded.data ?? {};
  if (file.data === null || typeof file.data !== 'object' || Array.isArray(file.data)) {
    reportInto(file.diagnostics, report, {
      ruleId: 'frontmatter-yaml',
      message: 'Expected the front-matter to be a mapping of keys to values',
      file: file.path,
      pointer: '',
      args: ['not-a-mapping'],
    });
    file.data = {};
    return false;
  }
  return true;
}

/** A problem of the loader as a finding: at its path (resolved later), or at its offset. */
function problemFinding(file: SourceFile, problem: YamlProblem): Finding {
  const ruleId = problem.kind === 'limit' ? 'source-limit' : 'frontmatter-yaml';
  // One problem per file: the loader stops at the first, so its kind tells it apart.
  const common = { ruleId, file: file.path, args: [problem.kind] } as const;
  const message = problem.kind === 'syntax' ? `Invalid YAML: ${problem.message}` : problem.message;
  if (problem.kind === 'limit' && problem.path) return { ...common, message, pointer: toPointer(problem.path) };
  const fm = file.frontMatter;
  const offset = fm.yamlOffset + Math.min(problem.offset ?? 0, fm.yaml.length);
  const start = file.pointAt(offset);
  const endOffset = problem.kind === 'complex-key' ? fm.yamlOffset + problem.end : offset + 1;
  // At least one character wide, so that editors underline something.
  const end = endOffset > offset && offset < file.text.length && file.text[offset] !== '\n' ? file.pointAt(endOffset) : start;
  return { ...common, message, place: { start, end } };
}

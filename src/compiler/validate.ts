/** zod issues → diagnostics with pointers; one function for every authoring schema. */
import type { z } from 'zod';
import { reportInto, type Reporter } from '../core/finding.ts';
import { getAt, toPointer, type Segment } from '../core/pointer.ts';
import type { SourceFile } from '../core/source-file.ts';
import { suggest, unknownKeys } from '../model/open-object.ts';

export function validateData(report: Reporter, file: SourceFile, schema: z.ZodType, data: unknown, base: Segment[] = []): void {
  for (const unknown of unknownKeys(schema, data)) {
    // The pointer ends at the unknown key: one finding per pointer.
    reportInto(file.diagnostics, report, {
      ruleId: 'frontmatter-unknown-key',
      message: unknown.message,
      file: file.path,
      pointer: toPointer([...base, ...unknown.path]),
      onKey: true,
      args: [],
    });
  }
  const result = schema.safeParse(data);
  if (result.success) return;
  for (const issue of flatten(result.error.issues)) {
    const path = [...base, ...(issue.path as Segment[])];
    reportInto(file.diagnostics, report, {
      ruleId: 'frontmatter-value',
      message: describe(issue, getAt(data, issue.path as Segment[])),
      file: file.path,
      pointer: toPointer(path),
      // The kind of issue (zod's code), not its words.
      args: [issue.code],
    });
  }
}

type Issue = z.core.$ZodIssue;

/** Unions report one issue per branch; keep the branch that got furthest (deepest path). */
function flatten(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((b) => b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0)) {
      // Every branch failed on the type itself: say which types would do.
      const expected = [...new Set(issue.errors.map((b) => article((b[0] as { expected: string }).expected)))];
      out.push({ ...issue, message: `Expected ${'`'}${String(issue.path.at(-1) ?? 'value')}${'`'} to be ${expected.join(' or ')}` } as Issue);
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) =>
        flatten(branch).map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue),
      );
      const depth = (b: Issue[]) => Math.max(0, ...b.map((i) => i.path.length)) - b.length / 1000;
      const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      // A branch that failed only at the top (a wrong type) says less than the union itself.
      if (best.every((i) => i.path.length === issue.path.length && i.code === 'invalid_type')) out.push(issue);
      else out.push(...best);
    } else {
      out.push(issue);
    }
  }
  return out;
}

function describe(issue: Issue, input: unknown): string {
  const where = issue.path.length ? `\`${String(issue.path[issue.path.length - 1])}\`` : 'the front-matter';
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `Missing required key ${where}`;
      return `Expected ${where} to be ${article(issue.expected)}`;
    case 'invalid_value':
      return unexpected(where, issue.values.map(String), input);
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return unexpected(where, options.map(String), input);
      return issue.message.startsWith('Expected') ? issue.message : `Unexpected value for ${where}`;
    }
    case 'too_small':
      return `Expected ${where} to have at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    case 'too_big':
      return `Expected ${where} to have at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
    default:
      return issue.message.replace(/\.$/, '') + (issue.path.length ? ` at ${where}` : '');
  }
}

function unexpected(where: string, allowed: string[], input: unknown): string {
  const hint = typeof input === 'string' ? suggest(input, allowed) : undefined;
  const list = allowed.map((v) => `\`${v}\``).join(', ');
  return `Unexpected value for ${where}, expected ${list}${hint ? `; did you mean \`${hint}\`?` : ''}`;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object' || type === 'record') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

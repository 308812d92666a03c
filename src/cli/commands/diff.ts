/**
 * `plugboard diff <base-ref> [<head-ref>]`: what a change does to the flows and apps already built
 * on each connector. Both revisions are compiled (the base from git objects, the head from the work
 * tree or git objects; nothing is written) and compared by the diff rules (src/diff). Findings are
 * ordinary diagnostics, so every `--format` works; with `markdown` the report is the pull-request
 * comment, headed by the count of breaking changes.
 */
import { resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { plural } from '../../core/plural.ts';
import { diffConnectors, diffFolders, type ConnectorDiff } from '../../diff/index.ts';
import { connectorIds, loadAt, type ConnectorsRoot, type Revision } from '../../diff/revision.ts';
import { GitError, GitRepo } from '../../git/repo.ts';
import { formatOption, parseCommand, stringOption } from '../args.ts';
import { FORMATTERS } from '../formatters/index.ts';
import { formatContext } from '../report.ts';
import { EXIT, UsageError, display, seconds } from '../util.ts';

export const diffHelp = `Usage: plugboard diff <base-ref> [<head-ref>] [options]

Compares each connector at two revisions and classifies every change by what it does to
the flows and apps already built on it: breaking (an error: an operation removed or its
operationId renamed, a parameter removed, renamed or made required, a type changed, a
response property removed, the auth, host or trigger kind changed…), warning (an enum
value removed, the success status changed) or info (additions, text changes). The
connector's version must be raised as its changes need: the major number for a breaking
change, at least the minor one for an addition (diff-version-not-bumped).

The base is read from git objects, never checked out; the head is the work tree, or
another revision when <head-ref> is given. A connector is a folder holding connector.mdx,
or a Power Platform folder (apiDefinition.swagger.json), compared as it is.

Arguments:
  base-ref             The revision to compare with (a branch, tag or commit: main, origin/main)
  head-ref             The revision to compare (default: the work tree)

Options:
  --connectors <dir>   Folder holding the connector folders, or one connector folder
                       (default: connectors)
  --format <name>      stylish (default), json, github, sarif, markdown or junit;
                       markdown is a pull-request comment
  -h, --help           Show this help

Findings are placed in the head's files; what was removed is placed in the base's file,
as it was at the base revision (its note says so).

Exit status: 1 on a breaking change or a version not raised, 0 otherwise (warnings and
info allowed), 2 on bad usage (a ref that names no commit, no git repository).
`;

/** `2 breaking changes in 1 connector`, and the rest. */
export function diffSummary(results: readonly ConnectorDiff[]): string {
  const breaking = results.map((r) => r.diagnostics.filter((d) => d.severity === 'error' && d.ruleId !== 'diff-version-not-bumped').length);
  const total = breaking.reduce((a, b) => a + b, 0);
  const connectors = breaking.filter((n) => n > 0).length;
  const version = results.filter((r) => r.diagnostics.some((d) => d.ruleId === 'diff-version-not-bumped')).length;
  const all = results.flatMap((r) => r.diagnostics);
  const warnings = all.filter((d) => d.severity === 'warning').length;
  const infos = all.filter((d) => d.severity === 'info').length;
  const parts = [total ? `${plural(total, 'breaking change')} in ${plural(connectors, 'connector')}` : 'no breaking change'];
  if (version) parts.push(`${plural(version, 'version', 'versions')} not raised`);
  if (warnings) parts.push(plural(warnings, 'warning'));
  if (infos) parts.push(plural(infos, 'other change'));
  return parts.join(', ');
}

export async function runDiff(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('diff', argv, { connectors: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    process.stdout.write(diffHelp);
    return EXIT.ok;
  }
  const format = formatOption(values, 'diff');
  if (positionals.length === 0) throw new UsageError('expected the base revision to compare with, like `plugboard diff main`', 'diff');
  if (positionals.length > 2) throw new UsageError(`expected at most two revisions, not ${positionals.length}`, 'diff');
  const [baseRef, headRef] = positionals as [string, string | undefined];
  const cwd = process.cwd();
  const rootArg = stringOption(values, 'connectors') ?? 'connectors';
  const started = performance.now();

  let repo: GitRepo;
  try {
    repo = await GitRepo.open(cwd);
  } catch (error) {
    throw new UsageError(`needs a git repository: ${error instanceof Error ? error.message : String(error)}`, 'diff');
  }
  try {
    let base: Revision;
    let head: Revision;
    try {
      base = { kind: 'git', repo, commit: await repo.commit(baseRef), label: baseRef };
      head = headRef === undefined ? { kind: 'worktree' } : { kind: 'git', repo, commit: await repo.commit(headRef), label: headRef };
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message, 'diff');
      throw error;
    }
    const dir = resolve(cwd, rootArg);
    const root: ConnectorsRoot = { dir, repoPath: repo.repoPath(dir, cwd), display: display(dir, cwd) };
    if (root.repoPath === undefined) throw new UsageError(`${root.display} is outside the git repository at ${repo.top}`, 'diff');
    const ids = [...new Set([...(await connectorIds(root, base)), ...(await connectorIds(root, head))])].sort();
    if (ids.length === 0) throw new UsageError(`no connector in ${root.display} at \`${baseRef}\` nor at ${headRef === undefined ? 'the work tree' : `\`${headRef}\``} (use --connectors <dir>)`, 'diff');

    const results: ConnectorDiff[] = [];
    for (const id of ids) {
      const before = await loadAt(root, id, base);
      const after = await loadAt(root, id, head);
      if (before?.kind === 'mdx' || after?.kind === 'mdx') {
        if ((before && before.kind !== 'mdx') || (after && after.kind !== 'mdx')) {
          process.stderr.write(`plugboard diff: skipped ${id}: it is an MDX connector at one revision and a Power Platform folder at the other\n`);
          continue;
        }
        results.push(diffConnectors(before?.kind === 'mdx' ? before.source : undefined, after?.kind === 'mdx' ? after.source : undefined, { baseLabel: baseRef }));
      } else if (before || after) {
        results.push(diffFolders(before?.kind === 'folder' ? before.documents : undefined, after?.kind === 'folder' ? after.documents : undefined, { baseLabel: baseRef }));
      }
    }
    const elapsed = performance.now() - started;

    const diagnostics: Diagnostic[] = results.flatMap((r) => r.diagnostics);
    const outcomes = results.map((r) => ({ id: r.id, diagnostics: r.diagnostics, operations: 0 }));
    const ctx = await formatContext(outcomes, { command: 'diff', format });
    const headName = headRef === undefined ? 'the work tree' : `\`${headRef}\``;
    const summary = diffSummary(results);
    ctx.title = `plugboard diff \`${baseRef}\` → ${headName} — ${summary}`;
    const report = FORMATTERS[format]!(diagnostics, ctx);
    if (format !== 'stylish' || report) process.stdout.write(report);
    const changed = results.filter((r) => r.diagnostics.length > 0 || r.status !== 'changed').length;
    const line = `Compared ${plural(results.length, 'connector')} between \`${baseRef}\` and ${headName} in ${seconds(elapsed)} (${changed} changed): ${summary}`;
    (format === 'stylish' ? process.stdout : process.stderr).write(line + '\n');
    return diagnostics.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
  } finally {
    repo.close();
  }
}

/**
 * `check --fix` and `check --fix-dry-run`: check, apply the certain fixes of src/check/fix.ts to the
 * MDX sources, and check again (at most MAX_PASSES passes: a fix may reveal another finding); then
 * report what is left, like `check`. The dry run checks once and prints the fixes as a unified diff,
 * writing nothing. Only regular files inside the connector folders are read or written.
 */
import { lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConnectors } from '../../build/index.ts';
import type { ConnectorCache } from '../../build/cache.ts';
import type { Job } from '../../build/connectors.ts';
import type { Outcome } from '../../build/outcome.ts';
import type { Threads } from '../../build/pool.ts';
import type { Preset } from '../../check/presets.ts';
import { applyEdits, collectFixes, editsByFile, unifiedDiff, type Fix } from '../../check/fix.ts';
import { plural } from '../../core/plural.ts';
import { operationCount, writeReport } from '../report.ts';
import { seconds } from '../util.ts';
import { exitStatus } from './build.ts';

/** Fixing stops after this many passes even when the last one still fixed something. */
export const MAX_PASSES = 3;

/** The largest MDX file a fix rewrites (the loader's limits are lower; this only bounds the work). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface CheckFixOptions {
  jobs: readonly Job[];
  threads: Threads;
  cache: ConnectorCache | undefined;
  format: string;
  dryRun: boolean;
  /** The preset of the run, for the report (SARIF's rule levels). */
  preset?: Preset | undefined;
}

/** The absolute path of a diagnostic's file, when it is a regular `.mdx` file inside its connector folder. */
export function sourcePath(jobs: readonly Job[], file: string): string | undefined {
  if (!/\.mdx$/i.test(file)) return undefined;
  for (const job of jobs) {
    const prefix = job.display === '.' ? '' : job.display + '/';
    if (!file.startsWith(prefix)) continue;
    const rel = file.slice(prefix.length);
    if (rel.split('/').some((part) => part === '..' || part === '' || part === '.')) return undefined;
    const path = join(job.dir, rel);
    const st = lstatSync(path, { throwIfNoEntry: false });
    return st?.isFile() && st.size <= MAX_FILE_BYTES ? path : undefined;
  }
  return undefined;
}

export async function runCheckFix(o: CheckFixOptions): Promise<number> {
  const started = performance.now();
  // With a machine format (json, sarif…) stdout is the report alone: the diff and the listing go to stderr.
  const out = o.format === 'stylish' ? process.stdout : process.stderr;
  const read = (file: string) => {
    const path = sourcePath(o.jobs, file);
    return path === undefined ? undefined : readFileSync(path, 'utf8');
  };
  const applied: Fix[] = [];
  let outcomes: Outcome[] = [];
  for (let pass = 1; pass <= MAX_PASSES + 1; pass++) {
    outcomes = (await buildConnectors(o.jobs, { threads: o.threads, cache: o.cache })).outcomes;
    if (pass > MAX_PASSES) break;
    const fixes = collectFixes(outcomes.flatMap((x) => x.diagnostics), read);
    if (fixes.length === 0) break;
    if (o.dryRun) {
      for (const [file, edits] of editsByFile(fixes)) out.write(unifiedDiff(file, read(file)!, edits));
      applied.push(...fixes);
      break;
    }
    for (const [file, edits] of editsByFile(fixes)) writeFileSync(sourcePath(o.jobs, file)!, applyEdits(read(file)!, edits));
    applied.push(...fixes);
  }
  for (const f of applied) out.write(`${f.file}:${f.line}:${f.column}: ${f.description} (${f.ruleId})\n`);
  const files = new Set(applied.map((f) => f.file)).size;
  const fixed = applied.length === 0
    ? 'nothing to fix'
    : `${o.dryRun ? 'would fix' : 'fixed'} ${plural(applied.length, 'problem')} in ${plural(files, 'file')}${o.dryRun ? ' (nothing written)' : ''}`;
  await writeReport(outcomes, {
    ...(o.preset ? { preset: o.preset } : {}),
    command: 'check',
    format: o.format,
    noun: 'connector',
    summary: (problems) => `Checked ${plural(o.jobs.length, 'connector')} (${plural(operationCount(outcomes), 'operation')}) in ${seconds(performance.now() - started)}: ${fixed}; ${o.dryRun ? '' : 'left: '}${problems}`,
  });
  return exitStatus(outcomes);
}

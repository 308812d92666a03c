/**
 * `check --since <ref>`: only the findings a change introduced. Each connector checked in the work
 * tree is also compiled and checked as it was at `ref`, read from git objects (src/git/source.ts;
 * the work tree is never touched), and a finding is kept when its fingerprint (rule id + file +
 * pointer + args, src/core/diagnostic.ts: stable while lines move and messages are reworded) is not
 * among that connector's findings at `ref`. A connector that did not exist at `ref` keeps all its
 * findings; a connector plugboard failed on keeps its connector-internal-error.
 */
import type { Job } from '../build/connectors.ts';
import { STEPS } from '../build/connector.ts';
import type { Outcome } from '../build/outcome.ts';
import { GitRepo } from './repo.ts';
import { runChecks } from '../check/run.ts';
import { checkPowerPlatformFolder } from '../import/powerplatform-check.ts';
import { loadRevisionConnector, loadRevisionFolder } from './source.ts';

export interface SinceResult<T> {
  outcomes: Array<Outcome<T>>;
  /** The commit `ref` names. */
  commit: string;
  /** Findings left out because the connector had them at `ref` already. */
  known: number;
  /** Connectors that did not exist at `ref` (all their findings are new). */
  added: number;
}

/** The fingerprints of a connector's findings at `commit`; undefined when it did not exist there. */
export async function baseFingerprints(repo: GitRepo, commit: string, job: Job, cwd = process.cwd()): Promise<Set<string> | undefined> {
  const folder = repo.repoPath(job.dir, cwd);
  if (folder === undefined) return undefined;
  const source = await loadRevisionConnector(repo, commit, folder, job.display);
  if (!source) return undefined;
  try {
    return new Set(STEPS.compile(source, STEPS.check).diagnostics.map((d) => d.fingerprint));
  } catch {
    // plugboard failed on the base: every finding of the head counts as new.
    return undefined;
  }
}

/** Keeps only the findings of `outcomes` that are new since `ref`. A GitError when `ref` names no commit. */
export async function findingsSince<T>(outcomes: ReadonlyArray<Outcome<T>>, jobs: readonly Job[], ref: string, cwd = process.cwd()): Promise<SinceResult<T>> {
  const repo = await GitRepo.open(cwd);
  try {
    const commit = await repo.commit(ref);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    let known = 0;
    let added = 0;
    const kept: Array<Outcome<T>> = [];
    for (const outcome of outcomes) {
      const job = byId.get(outcome.id);
      if (!job || outcome.crash) {
        kept.push(outcome);
        continue;
      }
      const before = await baseFingerprints(repo, commit, job, cwd);
      if (!before) {
        added++;
        kept.push(outcome);
        continue;
      }
      const diagnostics = outcome.diagnostics.filter((d) => !before.has(d.fingerprint));
      known += outcome.diagnostics.length - diagnostics.length;
      kept.push({ ...outcome, diagnostics });
    }
    return { outcomes: kept, commit, known, added };
  } finally {
    repo.close();
  }
}

/**
 * `check --since` for Power Platform folders: each folder's findings at `ref` (read from git
 * objects and checked as `check` checks a folder) are left out of its outcome. `folders` are the
 * absolute paths, in the order of `outcomes`; `shown` gives how each is displayed.
 */
export async function folderFindingsSince(outcomes: readonly Outcome[], folders: readonly string[], ref: string, shown: (dir: string) => string, cwd = process.cwd()): Promise<SinceResult<never>> {
  const repo = await GitRepo.open(cwd);
  try {
    const commit = await repo.commit(ref);
    let known = 0;
    let added = 0;
    const kept: Array<Outcome<never>> = [];
    for (const [i, outcome] of outcomes.entries()) {
      const dir = folders[i];
      const folder = dir === undefined ? undefined : repo.repoPath(dir, cwd);
      const source = folder === undefined || outcome.crash ? undefined : await loadRevisionFolder(repo, commit, folder, shown(dir!));
      if (!source) {
        if (!outcome.crash) added++;
        kept.push(outcome as Outcome<never>);
        continue;
      }
      const before = checkPowerPlatformFolder(dir!, shown(dir!), {}, { read: () => source, check: runChecks });
      const seen = new Set(before.crash ? [] : before.diagnostics.map((d) => d.fingerprint));
      const diagnostics = outcome.diagnostics.filter((d) => !seen.has(d.fingerprint));
      known += outcome.diagnostics.length - diagnostics.length;
      kept.push({ ...(outcome as Outcome<never>), diagnostics });
    }
    return { outcomes: kept, commit, known, added };
  } finally {
    repo.close();
  }
}

/**
 * One connector: load its folder, compile with every check (src/check/run.ts), and for `build`
 * write the package. Used as is by the serial path and inside each worker. Never throws: an
 * exception becomes a connector-internal-error naming what plugboard was doing (the phase).
 * The steps are injectable so that tests can make one of them throw for one connector.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type CompileResult } from '../compiler/index.ts';
import { loadConnector, type ConnectorSource } from '../compiler/load.ts';
import { runChecks } from '../check/run.ts';
import { crashOutcome, type Job, type Outcome, type Phase } from './outcome.ts';
import { ensureRealFolder, removeWritten, writeFileInside } from './out-folder.ts';

export interface CompileOneOptions {
  /** Where to write `<outDir>/<id>/…`; undefined for `check`. */
  outDir: string | undefined;
  /** `build`: the files an earlier build wrote for this connector (from the --out manifest). */
  previous?: readonly string[] | undefined;
}

/** What compileOne does, one function per phase. */
export interface ConnectorSteps {
  load: (job: Job) => ConnectorSource;
  compile: (source: ConnectorSource, checks: typeof runChecks) => CompileResult;
  check: typeof runChecks;
  write: (result: CompileResult, target: string, previous: readonly string[]) => string[];
}

export const STEPS: ConnectorSteps = {
  load: (job) => loadConnector(job.dir, job.display),
  compile: (source, checks) => compile(source, { runChecks: checks }),
  check: runChecks,
  write: writePackage,
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

export function countOperations(swagger: CompileResult['swagger']): number {
  let n = 0;
  const paths = swagger.paths;
  if (!paths || typeof paths !== 'object') return 0;
  for (const item of Object.values(paths)) {
    if (item && typeof item === 'object') for (const key of Object.keys(item)) if (METHODS.has(key)) n++;
  }
  return n;
}

/** The bytes of a JSON output file: two-space indented, newline-terminated. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Writes a package into `target` and returns its file names. Files an earlier build wrote there
 * (`previous`) and this one does not are deleted; nothing else in the folder is (the site's
 * pages may share it: src/cli/out-folder.ts).
 */
export function writePackage(result: CompileResult, target: string, previous: readonly string[] = []): string[] {
  if (existsSync(join(target, 'connector.mdx'))) {
    throw new Error(`refusing to replace ${target}: it holds a connector.mdx (is --out pointing at the sources?)`);
  }
  ensureRealFolder(target);
  const files = new Map<string, Uint8Array>(result.assets);
  files.set('apiDefinition.swagger.json', Buffer.from(jsonText(result.swagger)));
  files.set('apiProperties.json', Buffer.from(jsonText(result.apiProperties)));
  files.set('readme.md', Buffer.from(result.readme));
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) writeFileInside(target, name, files.get(name)!);
  removeWritten(target, previous.filter((f) => !files.has(f)));
  return names;
}

export function compileOne(job: Job, options: CompileOneOptions, steps: ConnectorSteps = STEPS): Outcome {
  let phase: Phase = 'loading';
  try {
    const source = steps.load(job);
    phase = 'compiling';
    const checks: typeof runChecks = (swagger, apiProperties, rules) => {
      phase = 'checking';
      const findings = steps.check(swagger, apiProperties, rules);
      phase = 'compiling';
      return findings;
    };
    const result = steps.compile(source, checks);
    const outcome: Outcome = { id: job.id, operations: countOperations(result.swagger), diagnostics: result.diagnostics };
    if (options.outDir === undefined) return outcome;
    phase = 'writing';
    return { ...outcome, files: steps.write(result, join(options.outDir, job.id), options.previous ?? []) };
  } catch (error) {
    return crashOutcome(job, phase, error);
  }
}

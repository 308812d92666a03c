/**
 * One connector: load its folder, compile it with every check (src/check/run.ts), write its
 * package when there is an output folder, then run the caller's view step (the site's page
 * data). Used as is by the serial path and inside each worker thread.
 *
 * buildConnector never throws: an exception becomes a connector-internal-error naming what
 * plugboard was doing (the phase). The steps are injectable so that tests can make one of them
 * throw for one connector.
 */
import { join } from 'node:path';
import { recommended, type Preset } from '../check/presets.ts';
import { rules as allRules } from '../check/registry.ts';
import { createReporter } from '../check/reporter.ts';
import { runChecks, withDisableComments, type CheckFinding } from '../check/run.ts';
import type { Rule } from '../check/define-rule.ts';
import { compile, type CompiledConnector, type CompileResult } from '../compiler/index.ts';
import { loadConnector, type ConnectorSource } from '../compiler/load.ts';
import { isMethod, isObject } from '../swagger/types.ts';
import type { Job } from './connectors.ts';
import { crashOutcome, type Outcome, type Phase } from './outcome.ts';
import { writePackage } from './package.ts';

type Checks = (connector: CompiledConnector) => CheckFinding[];

/** What buildConnector does, one function per phase. */
export interface ConnectorSteps {
  load: (job: Job) => ConnectorSource;
  /**
   * Compiles with the given checks (the compiler calls them) under `preset` (the job's, from the
   * repository config; default `recommended`), then drops what front-matter disable comments cover:
   * the same as src/check/run.ts compileAndCheck, with the checks seen apart.
   */
  compile: (source: ConnectorSource, checks: Checks, preset?: Preset) => CompileResult;
  /** Runs the rules `preset` does not turn off. */
  check: (connector: CompiledConnector, preset?: Preset) => CheckFinding[];
  write: (result: CompileResult, target: string, previous: readonly string[]) => string[];
}

export const STEPS: ConnectorSteps = {
  load: (job) => loadConnector(job.dir, job.display),
  compile: (source, checks, preset = recommended) => {
    const report = createReporter(preset);
    return withDisableComments(compile(source, { report, runChecks: checks }), report, preset);
  },
  check: (connector, preset = recommended) => runChecks(connector, activeRules(preset)),
  write: writePackage,
};

const activeMemo = new WeakMap<Preset, readonly Rule[]>();

/** The rules `preset` runs (a rule it turns `off` is not run), memoised per preset object. */
function activeRules(preset: Preset): readonly Rule[] {
  let rules = activeMemo.get(preset);
  if (!rules) activeMemo.set(preset, (rules = allRules.filter((rule) => preset[rule.id] !== 'off')));
  return rules;
}

/** A compiled connector, handed to a view step. */
export interface Compiled {
  job: Job;
  source: ConnectorSource;
  result: CompileResult;
  /** Where its package was written, and the package's file names (sorted); absent when nothing was written. */
  written?: { dir: string; files: string[] };
}

/**
 * What a caller makes of each compiled connector, in the thread that compiled it (the site's page
 * data). Its result must be plain data: it crosses worker boundaries. An exception in `make` is a
 * connector-internal-error while `phase`.
 */
export interface View<T> {
  phase: Phase;
  make: (compiled: Compiled) => T;
}

export interface BuildConnectorOptions<T> {
  /** Write the package into `<outDir>/<id>/`; undefined writes nothing (`check`). */
  outDir?: string | undefined;
  /** The files an earlier build wrote for this connector (from the output folder's manifest). */
  previous?: readonly string[] | undefined;
  view?: View<T> | undefined;
}

export function countOperations(swagger: CompileResult['swagger']): number {
  let n = 0;
  const paths = swagger.paths;
  if (!isObject(paths)) return 0;
  for (const item of Object.values(paths)) if (isObject(item)) for (const key of Object.keys(item)) if (isMethod(key)) n++;
  return n;
}

/** Loads and compiles one connector with every check; throws what plugboard throws on it. */
export function compileConnector(job: Job, steps: ConnectorSteps = STEPS): { source: ConnectorSource; result: CompileResult } {
  const source = steps.load(job);
  const preset = job.preset ?? recommended;
  return { source, result: steps.compile(source, (connector) => steps.check(connector, preset), preset) };
}

export function buildConnector<T = never>(job: Job, options: BuildConnectorOptions<T> = {}, steps: ConnectorSteps = STEPS): Outcome<T> {
  let phase: Phase = 'loading';
  try {
    const source = steps.load(job);
    phase = 'compiling';
    const preset = job.preset ?? recommended;
    const checks: Checks = (connector) => {
      phase = 'checking';
      const findings = steps.check(connector, preset);
      phase = 'compiling';
      return findings;
    };
    const result = steps.compile(source, checks, preset);
    const outcome: Outcome<T> = { id: job.id, operations: countOperations(result.swagger), diagnostics: result.diagnostics };
    let written: Compiled['written'];
    if (options.outDir !== undefined) {
      phase = 'writing';
      const dir = join(options.outDir, job.id);
      written = { dir, files: steps.write(result, dir, options.previous ?? []) };
      outcome.files = written.files;
    }
    if (options.view) {
      phase = options.view.phase;
      outcome.view = options.view.make({ job, source, result, ...(written ? { written } : {}) });
    }
    return outcome;
  } catch (error) {
    return crashOutcome(job, phase, error);
  }
}

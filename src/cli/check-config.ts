/**
 * The repository configuration and the baseline as `check` and `build` take them from the command
 * line (`--config`, `--preset`, `--baseline`, `--update-baseline`), for MDX connectors
 * (commands/build.ts, check-watch.ts) and Power Platform folders (check-powerplatform.ts) alike.
 * A config or baseline that cannot be used is bad usage (exit 2), its `config-invalid`
 * diagnostics naming the file, line and column.
 */
import { resolve } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Outcome } from '../build/outcome.ts';
import type { Job } from '../build/connectors.ts';
import { applyBaseline, baselineSize, readBaseline, updateBaseline, writeBaseline, type Baseline, type BaselineTarget } from '../check/baseline.ts';
import { ConfigError, levelsFor, presetName, resolveConfig, type ConfigTarget, type LoadedConfig } from '../check/config.ts';
import { presets, type Preset, type PresetName } from '../check/presets.ts';
import { plural } from '../core/plural.ts';
import type { Parsed } from './args.ts';
import { UsageError, describeError, display } from './util.ts';

export const CONFIG_OPTIONS: ParseArgsOptionsConfig = {
  config: { type: 'string' },
  preset: { type: 'string' },
};

export const BASELINE_OPTIONS: ParseArgsOptionsConfig = {
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
};

export const CONFIG_HELP = `  --config <file>      Repository configuration (default: plugboard.config.json, .yaml or the
                       "plugboard" key of package.json, found from here up to the repository root)
  --preset <name>      recommended or certification, in place of the configuration's preset
`;

export const BASELINE_HELP = `  --baseline <file>    Report only findings that are not in this baseline file
  --update-baseline    Record today's findings into the --baseline file (created if missing)
`;

/** The configuration of a run and the levels of each connector. */
export interface RunConfig {
  config: LoadedConfig | undefined;
  /** `--preset`, if given. */
  presetFlag: PresetName | undefined;
  /** The levels of one connector (folder `dir`, id `id`). */
  levels(target: ConfigTarget): Preset;
  /** The levels with no override: what SARIF states as each rule's level. */
  base: Preset;
}

function asUsage(error: unknown, command: string): never {
  if (error instanceof ConfigError) throw new UsageError(error.message, command);
  throw error;
}

/** Loads `--config` or the config found from the working directory, and reads `--preset`. */
export function runConfig(values: Parsed['values'], command: string): RunConfig {
  const flag = typeof values.preset === 'string' ? values.preset : undefined;
  let presetFlag: PresetName | undefined;
  if (flag !== undefined) {
    const name = presetName(flag);
    if (!(name in presets)) throw new UsageError(name, command);
    presetFlag = name as PresetName;
  }
  let config: LoadedConfig | undefined;
  try {
    config = resolveConfig(typeof values.config === 'string' ? values.config : undefined, process.cwd(), (p) => display(p));
  } catch (error) {
    asUsage(error, command);
  }
  const name = presetFlag ?? config?.preset ?? 'recommended';
  const base: Preset = config && Object.keys(config.rules).length ? { ...presets[name], ...config.rules } : presets[name];
  return { config, presetFlag, base, levels: (target) => levelsFor(config, target, presetFlag) };
}

/** Gives each job its levels (nothing when there is no config and no --preset: `recommended`). */
export function withLevels(jobs: Job[], run: RunConfig): Job[] {
  if (!run.config && !run.presetFlag) return jobs;
  for (const job of jobs) job.preset = run.levels({ id: job.id, dir: job.dir });
  return jobs;
}

/** `--baseline` as given: where it is, whether to update it, and what it holds now. */
export interface BaselineRun {
  path: string;
  shown: string;
  update: boolean;
  previous: Baseline | undefined;
}

/**
 * Reads `--baseline`. Without `--update-baseline` the file must exist: a mistyped path must not
 * pass every finding (nor record them all) silently.
 */
export function openBaseline(values: Parsed['values'], command: string): BaselineRun | undefined {
  const given = typeof values.baseline === 'string' ? values.baseline : undefined;
  const update = values['update-baseline'] === true;
  if (given === undefined) {
    if (update) throw new UsageError('--update-baseline needs --baseline <file>: where to record the findings', command);
    return undefined;
  }
  const path = resolve(given);
  const shown = display(path);
  let previous: Baseline | undefined;
  try {
    previous = readBaseline(path, shown);
  } catch (error) {
    asUsage(error, command);
  }
  if (!previous && !update) {
    throw new UsageError(`no baseline at ${shown}: record one with --baseline ${given} --update-baseline`, command);
  }
  return { path, shown, update, previous };
}

/**
 * Applies the baseline to the run's outcomes (`targets` in the same order): with --update-baseline
 * first records today's findings. Returns the outcomes left to report and the words for the
 * summary line; says on stderr what was recorded or how many baselined findings are fixed.
 */
export function settleBaseline<T extends Pick<Outcome, 'diagnostics'>>(
  run: BaselineRun,
  outcomes: readonly T[],
  targets: ReadonlyArray<Omit<BaselineTarget, 'diagnostics'>>,
  complete: boolean,
  command: string,
): { outcomes: T[]; note: string } {
  let baseline = run.previous ?? { connectors: new Map() };
  const withDiagnostics = outcomes.map((o, i) => ({ ...targets[i]!, diagnostics: o.diagnostics }));
  if (run.update) {
    baseline = updateBaseline(run.previous, run.path, withDiagnostics, complete);
    try {
      writeBaseline(run.path, baseline);
    } catch (error) {
      throw new UsageError(`could not write the baseline ${run.shown}: ${describeError(error)}`, command);
    }
    process.stderr.write(`plugboard ${command}: recorded ${plural(baselineSize(baseline), 'finding')} of ${plural(baseline.connectors.size, 'connector')} in ${run.shown}\n`);
  }
  const result = applyBaseline(baseline, run.path, withDiagnostics);
  if (result.fixed > 0) {
    const are = result.fixed === 1 ? 'is' : 'are';
    process.stderr.write(`plugboard ${command}: ${plural(result.fixed, 'finding')} of the baseline ${are} fixed: run with --update-baseline to drop ${result.fixed === 1 ? 'it' : 'them'} from ${run.shown}\n`);
  }
  return {
    outcomes: outcomes.map((o, i) => ({ ...o, diagnostics: result.diagnostics[i]! })),
    note: result.hidden ? `; ${plural(result.hidden, 'finding')} of the baseline not shown` : '',
  };
}

/**
 * Runs every rule that has a `check` over a compiled connector, and stamps each report with the
 * rule's id. Rules run in registry (id) order and report in their own walk order, so the output is
 * deterministic. The compiler maps pointers to source positions, and the reporter (reporter.ts)
 * makes the diagnostics; `compileAndCheck` wires the two into `compile()`.
 */
import { compile, type CheckReport, type CompiledConnector, type CompileResult } from '../compiler/index.ts';
import type { ConnectorSource } from '../compiler/load.ts';
import type { RuleId } from '../core/rule-ids.ts';
import type { Rule } from './define-rule.ts';
import { recommended, type Preset } from './presets.ts';
import { rules as allRules } from './registry.ts';
import { createReporter } from './reporter.ts';
import { applyDisableComments } from './suppress.ts';
import type { Reporter } from '../core/finding.ts';

export type CheckFinding = CheckReport & { ruleId: RuleId };

export function runChecks(connector: CompiledConnector, rules: readonly Rule[] = allRules): CheckFinding[] {
  const findings: CheckFinding[] = [];
  for (const rule of rules) {
    if (!rule.check) continue;
    const ruleId = rule.id;
    try {
      rule.check({ ...connector, report: (report) => findings.push({ ...report, ruleId }) });
    } catch (error) {
      throw new Error(`Rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return findings;
}

export interface CompileAndCheckOptions {
  /** Severities; default `recommended`. A rule it turns `off` is not run. */
  preset?: Preset;
  /** The rules to check with; default the registry. */
  rules?: readonly Rule[];
  /** Run the checks (default true); false compiles and reports the compiler's own findings only. */
  check?: boolean;
  /** Validate front-matter against the authoring schemas (default true). */
  validate?: boolean;
}

/** Compiles a connector and checks it, every diagnostic made by the reporter of `preset`. */
export function compileAndCheck(source: ConnectorSource, options: CompileAndCheckOptions = {}): CompileResult {
  const preset = options.preset ?? recommended;
  const rules = (options.rules ?? allRules).filter((rule) => preset[rule.id] !== 'off');
  const report = createReporter(preset);
  const result = compile(source, {
    report,
    runChecks: (connector) => runChecks(connector, rules),
    ...(options.check !== undefined ? { check: options.check } : {}),
    ...(options.validate !== undefined ? { validate: options.validate } : {}),
  });
  return withDisableComments(result, report, preset, options.check !== false);
}

/**
 * The filter stage after the reporter: drops what the front-matter's disable comments cover and
 * reports the unused ones (suppress.ts). `checked`: the checks were asked for, so a comment for a
 * check's rule that hid nothing is unused (unless a YAML error stopped the compile before them).
 */
export function withDisableComments(result: CompileResult, report: Reporter, preset: Preset, checked = true): CompileResult {
  const stopped = result.diagnostics.some((d) => d.ruleId === 'frontmatter-yaml' || d.ruleId === 'source-limit');
  result.diagnostics = applyDisableComments(result.diagnostics, result.files, report, { preset, complete: checked && !stopped });
  return result;
}

/**
 * Runs the live rules (area `live` in the registry) over exchanges with the API and places their
 * findings the way `plugboard diff` places its own (src/diff/index.ts): the connector is compiled
 * again with the findings injected as its checks (`runChecks`), so that each pointer into the
 * compiled Swagger lands on the author's MDX line, and each finding is a Diagnostic made by the
 * one reporter.
 */
import { compile, type CompiledConnector, type CompileResult } from '../compiler/index.ts';
import type { ConnectorSource } from '../compiler/load.ts';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import type { RuleId } from '../core/rule-ids.ts';
import type { CheckReport } from '../compiler/index.ts';
import type { LiveExchange, Rule } from '../check/define-rule.ts';
import { recommended, type Preset } from '../check/presets.ts';
import { rules as allRules } from '../check/registry.ts';
import { createReporter } from '../check/reporter.ts';

export type LiveFinding = CheckReport & { ruleId: RuleId };

/** The live rules of the registry that `preset` leaves on. */
export function liveRules(preset: Preset = recommended, rules: readonly Rule[] = allRules): Rule[] {
  return rules.filter((r) => r.area === 'live' && r.live && preset[r.id] !== 'off');
}

/** The compiled connector a live rule sees, from a compile result. */
export function compiledOf(result: CompileResult, prefix: string): CompiledConnector {
  const files = [...result.files.values()].map((f) => ({ path: f.path.slice(prefix.length), text: f.text, data: f.data }));
  return { swagger: result.swagger, apiProperties: result.apiProperties, files, readme: result.readme, assets: result.assets };
}

/** Every live rule over every exchange, in exchange then registry order; a rule that throws is named. */
export function runLiveRules(compiled: CompiledConnector, exchanges: readonly LiveExchange[], rules: readonly Rule[]): LiveFinding[] {
  const findings: LiveFinding[] = [];
  for (const exchange of exchanges) {
    for (const rule of rules) {
      const ruleId = rule.id;
      try {
        rule.live!({ ...compiled, exchange, report: (report) => findings.push({ ...report, ruleId }) });
      } catch (error) {
        throw new Error(`Rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }
  return findings;
}

/**
 * The findings as diagnostics placed in `source`'s files (a fresh load: a compile fills its files'
 * diagnostics); one per fingerprint, so a page that repeats a drift reports it once.
 */
export function placeFindings(source: ConnectorSource, findings: readonly LiveFinding[], preset: Preset = recommended): Diagnostic[] {
  return placedFindings(compile(source, { report: createReporter(preset), runChecks: () => [...findings] }).diagnostics, findings);
}

/**
 * Of the diagnostics a check made with `findings` injected as its checks, those of the findings
 * (not the check's own), one per fingerprint, sorted: for an MDX connector and a Power Platform folder alike.
 */
export function placedFindings(diagnostics: readonly Diagnostic[], findings: readonly LiveFinding[]): Diagnostic[] {
  const live = new Set<string>(findings.map((f) => f.ruleId));
  const seen = new Set<string>();
  return sortDiagnostics(diagnostics.filter((d) => live.has(d.ruleId) && !seen.has(d.fingerprint) && seen.add(d.fingerprint)));
}

/** Compiles the connector `load` gives, checks `exchanges` with the live rules and places the findings. */
export function checkExchanges(load: () => ConnectorSource, exchanges: readonly LiveExchange[], preset: Preset = recommended): Diagnostic[] {
  const source = load();
  const compiled = compiledOf(compile(source, { report: createReporter(preset), check: false }), source.prefix);
  return placeFindings(load(), runLiveRules(compiled, exchanges, liveRules(preset)), preset);
}

/** Where the author wrote a node of the compiled Swagger: a file of the folder and a pointer into its front-matter. */
export interface SourcePlace {
  /** As the loader shows it, with the folder's prefix (`connectors/x/definitions/Item.mdx`). */
  file: string;
  pointer: string;
}

/**
 * The source of each of `pointers` (into the compiled Swagger), by the same provenance that places
 * findings: the connector is compiled with one marker finding per pointer, and the reporter keeps
 * where each marker landed instead of making a diagnostic. A pointer the compiler cannot place is
 * left out.
 */
export function sourcesOf(source: ConnectorSource, pointers: readonly string[], preset: Preset = recommended): Map<string, SourcePlace> {
  const found = new Map<string, SourcePlace>();
  const reporter = createReporter(preset);
  const marker = 'live-schema-drift' as const;
  compile(source, {
    report: (finding) => {
      if (finding.source !== 'check' || finding.ruleId !== marker || finding.args.length !== 2 || finding.args[0] !== '\0source') return reporter(finding);
      found.set(finding.args[1]!, { file: finding.file, pointer: finding.pointer ?? '' });
      return undefined;
    },
    runChecks: () => pointers.map((at) => ({ ruleId: marker, message: '', at, args: ['\0source', at] })),
  });
  return found;
}

/**
 * `plugboard diff`: compiles a connector at two revisions and runs the diff rules (area `diff` in
 * the registry) over the pair. Each finding is an ordinary Diagnostic, made by the one reporter and
 * placed by the compiler like a check's: in the head's file at the line of what changed, or — for
 * what was removed — in the base's file as it was (its note says so), so every formatter works.
 *
 * How: the base is compiled once; the head is compiled with the diff rules injected as its checks
 * (`runChecks`), so that their pointers into the head's Swagger land on the author's line; the base
 * is compiled again the same way when something was removed, to place those findings.
 */
import { compile, type CompiledConnector, type CompileResult } from '../compiler/index.ts';
import type { ConnectorSource } from '../compiler/load.ts';
import { sortDiagnostics, type Diagnostic, type Place } from '../core/diagnostic.ts';
import type { Finding } from '../core/finding.ts';
import { placeDiagnostics } from '../core/position.ts';
import type { RuleId } from '../core/rule-ids.ts';
import { SourceFile } from '../core/source-file.ts';
import type { DiffReport, Rule } from '../check/define-rule.ts';
import { recommended, type Preset } from '../check/presets.ts';
import { rules as allRules } from '../check/registry.ts';
import { createReporter } from '../check/reporter.ts';
import type { ApiProperties, Swagger } from '../swagger/index.ts';

export type DiffFinding = DiffReport & { ruleId: RuleId };

/** The rule that checks the version runs after the others: it reads the bump they call for. */
const VERSION_RULE = 'diff-version-not-bumped';

/** The diff rules of the registry, the version rule last. */
export function diffRules(rules: readonly Rule[] = allRules): Rule[] {
  const list = rules.filter((r) => r.area === 'diff' && r.diff);
  return [...list.filter((r) => r.id !== VERSION_RULE), ...list.filter((r) => r.id === VERSION_RULE)];
}

/** The bump a rule's change needs: major for breaking (an error by default), minor for an addition or a warning. */
export function bumpOf(rule: Rule): 'major' | 'minor' | undefined {
  if (rule.severity === 'error') return rule.id === VERSION_RULE ? undefined : 'major';
  if (rule.severity === 'warning' || rule.id.endsWith('-added')) return 'minor';
  return undefined;
}

/** Runs the diff rules over two compiled revisions; never throws for odd documents (a rule that throws is named). */
export function runDiffRules(base: CompiledConnector, head: CompiledConnector, rules: readonly Rule[] = diffRules()): DiffFinding[] {
  const findings: DiffFinding[] = [];
  let bump: 'major' | 'minor' | undefined;
  for (const rule of diffRules(rules)) {
    const ruleId = rule.id;
    const before = findings.length;
    try {
      rule.diff!({ base, head, bump, report: (report) => findings.push({ ...report, ruleId }) });
    } catch (error) {
      throw new Error(`Rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (findings.length > before) {
      const need = bumpOf(rule);
      if (need === 'major' || (need === 'minor' && bump === undefined)) bump = need;
    }
  }
  return findings;
}

/** A connector gone as a whole: each of its operations is removed (its host, auth and version went with it, unsaid). */
function removedConnector(base: CompiledConnector, rules: readonly Rule[]): DiffFinding[] {
  return runDiffRules(base, EMPTY, rules).filter((f) => f.ruleId === 'diff-operation-removed');
}

export interface DiffOptions {
  /** Severities; default `recommended`. A diff rule it turns `off` is not run. */
  preset?: Preset;
  /** The rules; default the registry's diff rules. */
  rules?: readonly Rule[];
  /** How the base revision is named in notes (`main`, `origin/main`); default `the base revision`. */
  baseLabel?: string;
}

export interface ConnectorDiff {
  id: string;
  /** `added`: only in the head; `removed`: only in the base. */
  status: 'added' | 'removed' | 'changed';
  /** The diff findings; when the head does not compile far enough to compare, its errors instead. */
  diagnostics: Diagnostic[];
  baseVersion: string | undefined;
  headVersion: string | undefined;
}

/**
 * A copy of a source with fresh files: a SourceFile collects the diagnostics of the compile it goes
 * through, and a diff compiles one revision twice (and a caller may compile it again).
 */
function fresh(source: ConnectorSource): ConnectorSource {
  const copy = (f: SourceFile) => new SourceFile(f.path, f.text, f.kind);
  return {
    ...source,
    connector: source.connector && copy(source.connector),
    actions: source.actions.map(copy),
    triggers: source.triggers.map(copy),
    definitions: source.definitions.map(copy),
    parameters: source.parameters.map(copy),
    findings: [...source.findings],
  };
}

const EMPTY: CompiledConnector = { swagger: {}, apiProperties: { properties: {} }, files: [], readme: '', assets: new Map() };

function compiledOf(result: CompileResult, prefix: string): CompiledConnector {
  const files = [...result.files.values()].map((f) => ({ path: f.path.slice(prefix.length), text: f.text, data: f.data }));
  return { swagger: result.swagger, apiProperties: result.apiProperties, files, readme: result.readme, assets: result.assets };
}

function versionOf(swagger: Swagger): string | undefined {
  const info = swagger.info as unknown;
  const v = info && typeof info === 'object' ? (info as Record<string, unknown>).version : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** A finding placed in the base's file says so in its words too: formatters that show no note still tell. */
function atBase(f: DiffFinding, label: string | undefined): DiffFinding {
  return { ...f, message: `${f.message} (as of ${label ? `\`${label}\`` : 'the base revision'})`, note: baseNote(label) };
}

function baseNote(label: string | undefined): string {
  return `This place is in the file as it was at ${label ? `the base revision \`${label}\`` : 'the base revision'}; the head no longer has it.`;
}

/** Compares one MDX connector at two revisions (either may be absent: added or removed). */
export function diffConnectors(base: ConnectorSource | undefined, head: ConnectorSource | undefined, options: DiffOptions = {}): ConnectorDiff {
  const preset = options.preset ?? recommended;
  const rules = diffRules(options.rules ?? allRules).filter((r) => preset[r.id] !== 'off');
  const report = createReporter(preset);
  const id = (head ?? base)!.id;
  const isDiff = new Set<string>(rules.map((r) => r.id));
  const baseResult = base ? compile(fresh(base), { report, check: false }) : undefined;
  const baseCompiled = baseResult && base ? compiledOf(baseResult, base.prefix) : EMPTY;
  if (!head) {
    // Everything the base had is removed; placed in the base's files.
    const findings = removedConnector(baseCompiled, rules);
    const placed = compile(fresh(base!), { report, runChecks: () => findings.map((f) => atBase(f, options.baseLabel)) });
    return { id, status: 'removed', diagnostics: placed.diagnostics.filter((d) => isDiff.has(d.ruleId)), baseVersion: versionOf(baseCompiled.swagger), headVersion: undefined };
  }
  let baseSide: DiffFinding[] = [];
  let ran = false;
  const headResult = compile(fresh(head), {
    report,
    runChecks: (compiled) => {
      ran = true;
      if (!base) return [];
      const findings = runDiffRules(baseCompiled, compiled, rules);
      baseSide = findings.filter((f) => f.side === 'base');
      return findings.filter((f) => f.side !== 'base');
    },
  });
  const diagnostics = ran ? headResult.diagnostics.filter((d) => isDiff.has(d.ruleId)) : headResult.diagnostics.filter((d) => d.severity === 'error');
  if (baseSide.length && base) {
    const placed = compile(fresh(base), { report, runChecks: () => baseSide.map((f) => atBase(f, options.baseLabel)) });
    diagnostics.push(...placed.diagnostics.filter((d) => isDiff.has(d.ruleId)));
  }
  return { id, status: base ? 'changed' : 'added', diagnostics: sortDiagnostics(diagnostics), baseVersion: versionOf(baseCompiled.swagger), headVersion: versionOf(headResult.swagger) };
}

/** A Power Platform folder's documents at one revision, parsed, with the files they were read from. */
export interface FolderDocuments {
  id: string;
  swagger: Swagger;
  apiProperties: ApiProperties;
  swaggerFile: SourceFile;
  propertiesFile: SourceFile | undefined;
}

const FILE_START: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** Compares one Power Platform folder at two revisions: its documents are the compiled output, so pointers are placed in them directly. */
export function diffFolders(base: FolderDocuments | undefined, head: FolderDocuments | undefined, options: DiffOptions = {}): ConnectorDiff {
  const preset = options.preset ?? recommended;
  const rules = diffRules(options.rules ?? allRules).filter((r) => preset[r.id] !== 'off');
  const report = createReporter(preset);
  const compiled = (docs: FolderDocuments | undefined): CompiledConnector => (docs ? { ...EMPTY, swagger: docs.swagger, apiProperties: docs.apiProperties } : EMPTY);
  const id = (head ?? base)!.id;
  const findings = base && head ? runDiffRules(compiled(base), compiled(head), rules) : !head ? removedConnector(compiled(base), rules) : [];
  const diagnostics: Diagnostic[] = [];
  for (const f of findings) {
    const docs = f.side === 'base' ? base! : head!;
    const file = f.doc === 'apiProperties' ? (docs.propertiesFile?.path ?? docs.swaggerFile.path.replace(/[^/]*$/, 'apiProperties.json')) : docs.swaggerFile.path;
    const g = f.side === 'base' ? atBase(f, options.baseLabel) : f;
    const note = g.note;
    const finding: Finding = { ruleId: f.ruleId, message: g.message, file, pointer: f.at, onKey: f.onKey ?? false, args: f.args, source: 'diff', ...(note ? { note } : {}) };
    const d = report(finding);
    if (!d) continue;
    // Placed in its revision's file: the two revisions may name one path with different text.
    const files = new Map([docs.swaggerFile, ...(docs.propertiesFile ? [docs.propertiesFile] : [])].map((s) => [s.path, s]));
    placeDiagnostics([d], files);
    d.place ??= FILE_START;
    diagnostics.push(d);
  }
  return {
    id,
    status: !base ? 'added' : !head ? 'removed' : 'changed',
    diagnostics: sortDiagnostics(diagnostics),
    baseVersion: base ? versionOf(base.swagger) : undefined,
    headVersion: head ? versionOf(head.swagger) : undefined,
  };
}

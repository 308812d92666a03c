/**
 * `check --baseline <file>`: a repository that adopts plugboard with findings it cannot fix today
 * records them once (`--update-baseline`), and from then on only findings that are not in the
 * baseline are reported and fail the run. A baselined finding that is gone is counted as fixed,
 * so the file can be brought down to date (`--update-baseline` again).
 *
 * A finding is known by its fingerprint (rule id + file + pointer + args, never the wording:
 * README "Fingerprints"), made here with the file relative to its connector folder, so the baseline
 * still matches when plugboard runs from another directory. Findings are grouped by connector
 * folder (relative to the baseline file) and counted, so two identical findings are two entries'
 * worth: fixing one of them reports the other. The file is sorted and deterministic, for review.
 * `connector-internal-error` is never recorded: a failure of plugboard is not a finding to accept.
 */
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.ts';
import { tooDeepOffset } from '../core/bounded.ts';
import { placeOf } from '../core/position.ts';
import { isSkipped, readRegularText } from '../core/safe-fs.ts';
import { SourceFile } from '../core/source-file.ts';
import { ConfigError } from './config.ts';
import { report } from './reporter.ts';

export const BASELINE_FORMAT = 1;
/** A baseline larger than this is refused (one finding takes about 150 bytes). */
export const MAX_BASELINE_BYTES = 50_000_000;
const NEVER_BASELINED = new Set(['connector-internal-error']);

export interface BaselineEntry {
  rule: string;
  /** The file, relative to the connector folder. */
  file: string;
  /** How many findings share this fingerprint. */
  count: number;
  /** The wording when recorded: for the reader of the file only, never matched. */
  message: string;
}

export interface Baseline {
  /** Connector folder (relative to the baseline file, POSIX) → fingerprint → entry. */
  connectors: Map<string, Map<string, BaselineEntry>>;
}

/** One checked connector: its folder (absolute) and its diagnostics. */
export interface BaselineTarget {
  dir: string;
  /** How its files are shown in diagnostics: `connectors/github-issues`. */
  display: string;
  diagnostics: readonly Diagnostic[];
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/** The connector's key in the baseline: its folder relative to the baseline file. */
export function connectorKey(baselineFile: string, dir: string): string {
  return toPosix(relative(dirname(baselineFile), dir)) || '.';
}

/** The file of a diagnostic relative to its connector folder. */
function relativeFile(display: string, file: string): string {
  const prefix = display.replace(/\/+$/, '') + '/';
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

/** The baseline fingerprint: the diagnostic's, with its file relative to the connector folder. */
export function baselineFingerprint(d: Diagnostic, display: string): string {
  return createHash('sha1')
    .update([d.ruleId, relativeFile(display, d.file), d.pointer, ...d.args].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

function entriesOf(target: BaselineTarget): Map<string, BaselineEntry> {
  const entries = new Map<string, BaselineEntry>();
  for (const d of target.diagnostics) {
    if (NEVER_BASELINED.has(d.ruleId)) continue;
    const fp = baselineFingerprint(d, target.display);
    const entry = entries.get(fp);
    if (entry) entry.count++;
    else entries.set(fp, { rule: d.ruleId, file: relativeFile(target.display, d.file), count: 1, message: d.message });
  }
  return entries;
}

export interface BaselineResult {
  /** Each target's diagnostics that are not in the baseline, in order. */
  diagnostics: Diagnostic[][];
  /** Findings hidden because the baseline holds them. */
  hidden: number;
  /** Baselined findings of the checked connectors that are gone. */
  fixed: number;
}

/** Keeps the findings the baseline does not hold; counts the hidden and the fixed ones. */
export function applyBaseline(baseline: Baseline, baselineFile: string, targets: readonly BaselineTarget[]): BaselineResult {
  let hidden = 0;
  let fixed = 0;
  const diagnostics = targets.map((target) => {
    const known = baseline.connectors.get(connectorKey(baselineFile, target.dir));
    const left = new Map<string, number>();
    if (known) for (const [fp, entry] of known) left.set(fp, entry.count);
    const kept = target.diagnostics.filter((d) => {
      if (NEVER_BASELINED.has(d.ruleId)) return true;
      const fp = baselineFingerprint(d, target.display);
      const n = left.get(fp) ?? 0;
      if (n === 0) return true;
      left.set(fp, n - 1);
      hidden++;
      return false;
    });
    for (const n of left.values()) fixed += n;
    return kept;
  });
  return { diagnostics, hidden, fixed };
}

/**
 * The baseline after a run: the checked connectors' entries replaced by today's findings, the
 * others kept, unless `complete` (every connector was checked): then a connector that is gone is
 * dropped too. A connector without findings has no entry.
 */
export function updateBaseline(previous: Baseline | undefined, baselineFile: string, targets: readonly BaselineTarget[], complete: boolean): Baseline {
  const connectors = new Map<string, Map<string, BaselineEntry>>(complete || !previous ? [] : previous.connectors);
  for (const target of targets) {
    const key = connectorKey(baselineFile, target.dir);
    const entries = entriesOf(target);
    if (entries.size) connectors.set(key, entries);
    else connectors.delete(key);
  }
  return { connectors };
}

/** Findings a baseline holds, counting duplicates. */
export function baselineSize(baseline: Baseline): number {
  let n = 0;
  for (const entries of baseline.connectors.values()) for (const e of entries.values()) n += e.count;
  return n;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The file's text: connectors sorted, entries by file, rule and fingerprint; two-space JSON. */
export function serializeBaseline(baseline: Baseline): string {
  const connectors: Record<string, Record<string, BaselineEntry>> = {};
  for (const key of [...baseline.connectors.keys()].sort(byString)) {
    const entries = [...baseline.connectors.get(key)!].sort(([fa, a], [fb, b]) => byString(a.file, b.file) || byString(a.rule, b.rule) || byString(fa, fb));
    const out: Record<string, BaselineEntry> = {};
    for (const [fp, e] of entries) out[fp] = { rule: e.rule, file: e.file, count: e.count, message: e.message };
    Object.defineProperty(connectors, key, { value: out, enumerable: true, writable: true, configurable: true });
  }
  return `${JSON.stringify({ plugboardBaseline: BASELINE_FORMAT, connectors }, null, 2)}\n`;
}

/** Writes the baseline atomically (a temporary file, then a rename). */
export function writeBaseline(path: string, baseline: Baseline): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, serializeBaseline(baseline));
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function invalid(file: SourceFile, message: string, at: { pointer?: string; offset?: number } = {}): ConfigError {
  let place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  if (at.offset !== undefined) {
    const start = file.pointAt(at.offset);
    place = { start, end: { ...start } };
  } else if (at.pointer !== undefined) place = placeOf(file, at.pointer) ?? place;
  return new ConfigError([report({ ruleId: 'config-invalid', message, file: file.path, pointer: at.pointer ?? '', place, args: [at.pointer ?? String(at.offset ?? '')], source: 'baseline' })]);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Reads a baseline file; undefined when there is none. Throws ConfigError (config-invalid, placed
 * in the file) when it is not one: it is checked in, so a broken one must stop the run rather
 * than report every finding as new or none at all.
 */
export function readBaseline(path: string, shown: string): Baseline | undefined {
  const text = readRegularText(path, MAX_BASELINE_BYTES);
  if (isSkipped(text)) {
    if (text.reason === 'unreadable' && /no such file|ENOENT/i.test(text.detail)) return undefined;
    throw new ConfigError([report({ ruleId: 'config-invalid', message: `Cannot read the baseline: it ${text.detail}`, file: shown, pointer: '', place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, args: ['read'], source: 'baseline' })]);
  }
  const file = new SourceFile(shown, text, 'json');
  const deep = tooDeepOffset(text, 8);
  if (deep !== undefined) throw invalid(file, 'Nesting deeper than a baseline has (4 levels)', { offset: deep });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    throw invalid(file, `Not JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, at === undefined ? {} : { offset: Math.min(Number(at), text.length) });
  }
  if (!isObject(data) || data.plugboardBaseline !== BASELINE_FORMAT || !isObject(data.connectors)) {
    throw invalid(file, `Expected a plugboard baseline: { "plugboardBaseline": ${BASELINE_FORMAT}, "connectors": { … } } (write one with --update-baseline)`, { pointer: '' });
  }
  const connectors = new Map<string, Map<string, BaselineEntry>>();
  for (const key of Object.keys(data.connectors)) {
    const value = data.connectors[key];
    if (!isObject(value)) throw invalid(file, 'Expected an object of findings by fingerprint', { pointer: `/connectors/${escape(key)}` });
    const entries = new Map<string, BaselineEntry>();
    for (const fp of Object.keys(value)) {
      const e = value[fp];
      const at = `/connectors/${escape(key)}/${escape(fp)}`;
      if (!isObject(e) || typeof e.rule !== 'string' || typeof e.file !== 'string' || !Number.isSafeInteger(e.count) || (e.count as number) < 1) {
        throw invalid(file, 'Expected { "rule": string, "file": string, "count": a positive whole number, "message": string }', { pointer: at });
      }
      entries.set(fp, { rule: e.rule, file: e.file, count: e.count as number, message: typeof e.message === 'string' ? e.message : '' });
    }
    connectors.set(key, entries);
  }
  return { connectors };
}

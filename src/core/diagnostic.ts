/**
 * The one diagnostic shape used by the compiler, the checks, the importers and the CLI.
 * Positions are 1-based. `String(diagnostic)` gives `file:line:col-line:col: message (rule)`.
 * Diagnostics are made by the one reporter (src/check/reporter.ts) from a `Finding`
 * (src/core/finding.ts); `new Diagnostic` elsewhere only revives one that crossed a worker boundary.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './finding.ts';
import type { RuleId } from './rule-ids.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like editors do. */
  column: number;
}

export interface Place {
  start: Point;
  end: Point;
}

/** A second location that explains the first, e.g. the earlier declaration of a duplicate. */
export interface Cause {
  message: string;
  file: string;
  pointer: string;
  place?: Place;
}

/** A finding with what the reporter stamps on it. */
export interface DiagnosticInit extends Finding {
  severity: Severity;
  /** The rule's docs page. */
  url: string;
}

export class Diagnostic {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly pointer: string;
  place: Place | undefined;
  readonly note: string | undefined;
  readonly url: string;
  cause: Cause | undefined;
  readonly onKey: boolean;
  readonly source: string;
  /** Kept so that the fingerprint can be computed again, e.g. after crossing a worker boundary. */
  readonly args: readonly string[];
  /** rule id + file + pointer + args, never the wording: stable while messages are reworded. */
  readonly fingerprint: string;

  constructor(init: DiagnosticInit) {
    this.ruleId = init.ruleId;
    this.severity = init.severity;
    this.message = init.message;
    this.file = init.file;
    this.pointer = init.pointer ?? '';
    this.place = init.place;
    this.note = init.note;
    this.url = init.url;
    this.cause = init.cause;
    this.onKey = init.onKey ?? false;
    this.source = init.source ?? 'plugboard';
    this.args = init.args;
    this.fingerprint = createHash('sha1')
      .update([this.ruleId, this.file, this.pointer, ...this.args].join('\0'))
      .digest('hex')
      .slice(0, 16);
  }

  /** `line:col-line:col`, or `1:1` when the position is unknown. */
  get range(): string {
    const p = this.place;
    if (!p) return '1:1';
    return `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column}`;
  }

  toString(): string {
    return `${this.file}:${this.range}: ${this.message} (${this.ruleId})`;
  }

  toJSON() {
    return {
      ruleId: this.ruleId,
      severity: this.severity,
      message: this.message,
      file: this.file,
      place: this.place,
      pointer: this.pointer,
      ...(this.note ? { note: this.note } : {}),
      url: this.url,
      ...(this.cause ? { cause: this.cause } : {}),
      fingerprint: this.fingerprint,
    };
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, then position, then rule. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.place?.start.line ?? 0) - (b.place?.start.line ?? 0) ||
      (a.place?.start.column ?? 0) - (b.place?.start.column ?? 0) ||
      severityOrder[a.severity] - severityOrder[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

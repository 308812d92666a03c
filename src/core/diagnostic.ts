/**
 * The one diagnostic shape used by the compiler, the checks, the importers and the CLI.
 * Positions are 1-based. `String(diagnostic)` gives `file:line:col-line:col: message (rule)`.
 */
import { createHash } from 'node:crypto';

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

export interface DiagnosticInit {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  /** JSON pointer into the file's front-matter (MDX) or document (JSON/YAML). `''` is the whole file. */
  pointer?: string;
  place?: Place;
  note?: string;
  url?: string;
  cause?: Cause;
  /** Where a pointer should land on the key rather than its value (unknown keys, duplicates). */
  onKey?: boolean;
  /** Values that make two reports of the same rule at the same pointer different. */
  args?: readonly string[];
  /** Which part of plugboard produced it. */
  source?: string;
}

export class Diagnostic {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly pointer: string;
  place: Place | undefined;
  readonly note: string | undefined;
  readonly url: string | undefined;
  cause: Cause | undefined;
  readonly onKey: boolean;
  readonly source: string;
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
    this.fingerprint = createHash('sha1')
      .update([this.ruleId, this.file, this.pointer, ...(init.args ?? [this.message])].join('\0'))
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
      ...(this.url ? { url: this.url } : {}),
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

/**
 * What building one connector gives back, and its plain-data form for crossing a worker
 * boundary. Light on purpose: the main thread of a parallel run loads this, not the compiler.
 */
import { firstLine, internalErrorDiagnostic, type Phase } from '../check/rules/connector-internal-error.ts';
import { Diagnostic, type DiagnosticInit } from '../core/diagnostic.ts';
import type { Job } from './connectors.ts';

export type { Phase };

/** `View` is what the caller's view step (the site's page data) made of the connector, if any. */
export interface Outcome<View = unknown> {
  id: string;
  /** Operations (method + path pairs) in the compiled Swagger. */
  operations: number;
  diagnostics: Diagnostic[];
  /** When a package was written: its files under `<out>/<id>/` (relative POSIX paths), for the output manifest. */
  files?: string[];
  /** What the view step returned (plain data: it may cross a worker boundary). */
  view?: View;
  /**
   * Set when plugboard failed on the connector (then `diagnostics` holds its
   * connector-internal-error): one line, plus the stack for PLUGBOARD_DEBUG.
   */
  crash?: { phase: Phase; message: string; stack?: string };
}

/** The connector.mdx of a job as shown in diagnostics. */
export function connectorFile(job: Pick<Job, 'display'>): string {
  return `${job.display.replace(/\/+$/, '')}/connector.mdx`;
}

/** The outcome of a connector plugboard failed on while `phase`: its connector-internal-error, nothing else. */
export function crashOutcome(job: Pick<Job, 'id' | 'display'>, phase: Phase, error: unknown): Outcome<never> {
  const stack = error instanceof Error ? error.stack : undefined;
  return {
    id: job.id,
    operations: 0,
    diagnostics: [internalErrorDiagnostic(connectorFile(job), phase, error)],
    crash: { phase, message: firstLine(error), ...(stack ? { stack } : {}) },
  };
}

// ---- Crossing a worker boundary: plain data out, `Diagnostic` instances back in.

/** A diagnostic as plain data: what its constructor takes, so the fingerprint is made again from `args`. */
export type DiagnosticData = DiagnosticInit;
export type OutcomeData<View = unknown> = Omit<Outcome<View>, 'diagnostics'> & { diagnostics: DiagnosticData[] };

export function diagnosticToData(d: Diagnostic): DiagnosticData {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    pointer: d.pointer,
    ...(d.place ? { place: d.place } : {}),
    ...(d.note !== undefined ? { note: d.note } : {}),
    url: d.url,
    ...(d.cause ? { cause: d.cause } : {}),
    onKey: d.onKey,
    source: d.source,
    args: [...d.args],
  };
}

export function diagnosticFromData(data: DiagnosticData): Diagnostic {
  return new Diagnostic(data);
}

export function outcomeToData<View>(o: Outcome<View>): OutcomeData<View> {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticToData) };
}

export function outcomeFromData<View>(o: OutcomeData<View>): Outcome<View> {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticFromData) };
}

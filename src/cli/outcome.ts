/**
 * What compiling one connector gives back, and its plain-data form for crossing a worker
 * boundary. Light on purpose: the main thread of a parallel run loads this, not the compiler.
 */
import { firstLine, internalErrorDiagnostic, type Phase } from '../check/rules/connector-internal-error.ts';
import { Diagnostic, type DiagnosticInit } from '../core/diagnostic.ts';

export type { Phase };

export interface Job {
  /** Connector id: the folder name. */
  id: string;
  /** Absolute folder path. */
  dir: string;
  /** The folder as shown in diagnostics, like `connectors/github-issues`. */
  display: string;
}

export interface Outcome {
  id: string;
  /** Operations (method + path pairs) in the compiled Swagger. */
  operations: number;
  diagnostics: Diagnostic[];
  /** `build`: the package files written under `<out>/<id>/` (relative POSIX paths), for the output manifest. */
  files?: string[];
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
export function crashOutcome(job: Job, phase: Phase, error: unknown): Outcome {
  const stack = error instanceof Error ? error.stack : undefined;
  return {
    id: job.id,
    operations: 0,
    diagnostics: [internalErrorDiagnostic(connectorFile(job), phase, error)],
    crash: { phase, message: firstLine(error), ...(stack ? { stack } : {}) },
  };
}

// ---- Crossing a worker boundary: plain data out, `Diagnostic` instances back in.

export type DiagnosticData = Omit<DiagnosticInit, 'args'> & { fingerprint: string };
export type OutcomeData = Omit<Outcome, 'diagnostics'> & { diagnostics: DiagnosticData[] };

export function diagnosticToData(d: Diagnostic): DiagnosticData {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    file: d.file,
    pointer: d.pointer,
    ...(d.place ? { place: d.place } : {}),
    ...(d.note !== undefined ? { note: d.note } : {}),
    ...(d.url !== undefined ? { url: d.url } : {}),
    ...(d.cause ? { cause: d.cause } : {}),
    onKey: d.onKey,
    source: d.source,
    fingerprint: d.fingerprint,
  };
}

export function diagnosticFromData(data: DiagnosticData): Diagnostic {
  const { fingerprint, ...init } = data;
  const d = new Diagnostic(init);
  // The fingerprint may have been computed from `args`, which a Diagnostic does not keep.
  (d as unknown as { fingerprint: string }).fingerprint = fingerprint;
  return d;
}

export function outcomeToData(o: Outcome): OutcomeData {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticToData) };
}

export function outcomeFromData(o: OutcomeData): Outcome {
  return { ...o, diagnostics: o.diagnostics.map(diagnosticFromData) };
}

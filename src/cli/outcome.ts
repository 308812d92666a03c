/**
 * What compiling one connector gives back, and its plain-data form for crossing a worker
 * boundary. Light on purpose: the main thread of a parallel run loads this, not the compiler.
 */
import { Diagnostic, type DiagnosticInit } from '../core/diagnostic.ts';

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
  /** Set when compiling or writing threw: one line, plus the stack for PLUGBOARD_DEBUG. */
  crash?: { message: string; stack?: string };
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

import type { Diagnostic } from '../../core/diagnostic.ts';
import { defineRule } from '../define-rule.ts';
import { report } from '../reporter.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

/**
 * Reported by plugboard itself, not by a check: the build (src/build/connector.ts, and
 * src/build/pool.ts for a worker thread that died) turns an exception
 * thrown while handling one connector into this diagnostic and go on with the others.
 * No connector written in memory makes plugboard throw (that would be a bug to fix), so the rule
 * is `reportedBy: 'runner'` with no not-ok example; test/hostile/crash.test.ts injects the failure.
 */
const rule = defineRule({
  id: 'connector-internal-error',
  area: 'connector',
  severity: 'error',
  reportedBy: 'runner',
  description: 'plugboard failed on this connector (loading, compiling, checking or writing it threw, or its worker thread died); the run reports it and goes on with the others.',
  rationale:
    'One malformed connector must never stop the check, the build or the site of the other thousand; the failure is a diagnostic on that connector with what plugboard was doing, like `connectors/x/connector.mdx:1:1-1:1: plugboard failed on this connector while compiling: Maximum call stack size exceeded`, and the run exits 1 at the end. No valid or invalid source should cause it: report it as a bug in plugboard, with the stack that PLUGBOARD_DEBUG=1 prints.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [],
  },
});
export default rule;

/** What plugboard was doing with the connector when it failed, as the message words it. */
export type Phase = 'loading' | 'compiling' | 'checking' | 'writing' | 'building the site';

/** The first line of an exception's message, for a one-line diagnostic. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/**
 * The diagnostic for a connector plugboard failed on: on its connector.mdx at 1:1 (the failure has
 * no place in the source), with the phase as the fingerprint's args so that the fingerprint stays
 * the same while the error's wording changes.
 */
export function internalErrorDiagnostic(connectorFile: string, phase: Phase, error: unknown): Diagnostic {
  const start = { line: 1, column: 1 };
  return report({
    ruleId: rule.id,
    message: `plugboard failed on this connector while ${phase}: ${firstLine(error)}`,
    file: connectorFile,
    pointer: '',
    place: { start, end: { ...start } },
    args: [phase],
    source: 'plugboard',
  });
}

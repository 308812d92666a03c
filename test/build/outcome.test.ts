import { describe, expect, it } from 'vitest';
import { Diagnostic } from '../../src/core/diagnostic.ts';
import { diagnosticFromData, diagnosticToData, outcomeFromData, outcomeToData } from '../../src/build/outcome.ts';
import { PARALLEL_THRESHOLD, workerCount } from '../../src/build/pool.ts';

describe('worker results', () => {
  it('round-trips a diagnostic through structured clone, fingerprint included', () => {
    const d = new Diagnostic({
      ruleId: 'frontmatter-unknown-key',
      severity: 'error',
      message: 'Unexpected key `titel`',
      file: 'connectors/a/connector.mdx',
      pointer: '/titel',
      place: { start: { line: 2, column: 1 }, end: { line: 2, column: 6 } },
      onKey: true,
      url: 'https://example.com/r',
      note: 'a note',
      cause: { message: 'first here', file: 'connectors/a/connector.mdx', pointer: '/title' },
      args: ['something else than the message'],
      source: 'compiler',
    });
    const back = diagnosticFromData(structuredClone(diagnosticToData(d)));
    expect(back).toBeInstanceOf(Diagnostic);
    expect(back).toEqual(d);
    expect(String(back)).toBe(String(d));
    expect(back.toJSON()).toEqual(d.toJSON());
    const outcome = { id: 'a', operations: 3, diagnostics: [d] };
    expect(outcomeFromData(structuredClone(outcomeToData(outcome)))).toEqual(outcome);
  });

  it('uses workers only for large runs, or when asked', () => {
    expect(workerCount(PARALLEL_THRESHOLD, 'auto')).toBe(0);
    expect(workerCount(1000, 1)).toBe(0);
    expect(workerCount(3, 2)).toBe(2);
    expect(workerCount(1, 4)).toBe(0);
  });
});

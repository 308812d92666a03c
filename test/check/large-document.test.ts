import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/check/run.ts';
import { compiled } from './helpers.ts';
import { LARGE_DOCUMENT_API, largeDocument } from './large-document.ts';

// How long the checks take over this document is measured by `npm run bench -- --check-speed`, not here.
describe('a large document', () => {
  it('every check passes a realistic 200-operation document', () => {
    expect(runChecks(compiled(largeDocument(200), LARGE_DOCUMENT_API))).toEqual([]);
  });
});

/**
 * How much of an imported connector is sugar (scripts/sugar-share.ts), on the shared corpus and on
 * test/fixtures/forms/ — synthetic Power Platform folders with every real form of dynamic data,
 * triggers and auth that issue 10 names. Every import stays lossless, and no raw count may grow past
 * what was measured when the sugar landed: a change that makes the importer fall back to raw keys
 * more often fails here and says which construct.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSTRUCTS, measureShare, powerPlatformFolders, rawPercent, type Construct } from '../../scripts/sugar-share.ts';

const corpus = ['powerplatform', 'powerplatform-extra'].map((c) => join(import.meta.dirname, '../../../shared/corpus', c));
const forms = join(import.meta.dirname, '../fixtures/forms');

/** Raw nodes measured when the sugar landed (issue 10); the test fails if any grows. */
const MAX_RAW: Record<'corpus' | 'forms', Record<Construct, number>> = {
  corpus: { dynamicValues: 0, dynamicSchema: 0, triggers: 0, auth: 0 },
  forms: { dynamicValues: 0, dynamicSchema: 0, triggers: 0, auth: 0 },
};

describe('sugar share', () => {
  it.skipIf(!corpus.every(existsSync))('shared corpus: lossless, raw share within the recorded counts and ≤ 5 %', () => {
    const report = measureShare(powerPlatformFolders(corpus));
    expect(report.connectors).toHaveLength(35);
    expect(report.connectors.filter((c) => !c.lossless).map((c) => c.dir)).toEqual([]);
    for (const c of CONSTRUCTS) {
      expect(report.total[c].raw, c).toBeLessThanOrEqual(MAX_RAW.corpus[c]);
      expect(rawPercent(report.total[c]), c).toBeLessThanOrEqual(5);
      expect(report.total[c].sugar, c).toBeGreaterThan(0);
    }
  }, 120_000);

  it('synthetic forms: every real form imports as sugar, lossless', () => {
    const folders = powerPlatformFolders([forms]);
    expect(folders.length).toBeGreaterThanOrEqual(11);
    const report = measureShare(folders);
    expect(report.connectors.filter((c) => !c.lossless).map((c) => c.dir)).toEqual([]);
    for (const c of CONSTRUCTS) {
      expect(report.total[c].raw, c).toBeLessThanOrEqual(MAX_RAW.forms[c]);
      expect(report.total[c].sugar, c).toBeGreaterThan(0);
    }
  }, 60_000);
});

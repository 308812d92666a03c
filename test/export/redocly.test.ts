/**
 * An exported OpenAPI document gets no more Redocly errors (recommended rules) than the Swagger it
 * came from, measured on real connectors of the shared corpus imported and exported: the ones with
 * OAuth only in apiProperties, multi-auth, webhooks, a basePath ending in `/` and definition names
 * OpenAPI refuses. `node scripts/export-lint.ts` measures all 35. Skipped where the corpus is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureExportLint } from '../../scripts/export-lint.ts';

const corpus = join(import.meta.dirname, '../../../shared/corpus');
const names = [
  'powerplatform-extra/certified-connectors/SurveyMonkey',
  'powerplatform-extra/certified-connectors/3E Events',
  'powerplatform-extra/certified-connectors/Calendly',
  'powerplatform-extra/independent-publisher-connectors/Notion',
  'powerplatform/certified-connectors/DocuSign',
];
const folders = names.map((n) => join(corpus, n));

describe.skipIf(!folders.every((f) => existsSync(f)))('export and Redocly lint on real connectors', () => {
  it('no exported document has more errors than its Swagger, and each loss is reported', { timeout: 120_000 }, () => {
    const rows = measureExportLint(folders);
    for (const row of rows) expect({ dir: row.dir, newErrors: row.newErrors, more: row.openapi.errors > row.swagger.errors }).toEqual({ dir: row.dir, newErrors: {}, more: false });
    const by = Object.fromEntries(rows.map((r) => [r.dir.split('/').pop(), r]));
    // OAuth declared only in apiProperties (SurveyMonkey) becomes a scheme; DocuSign's provider has no known endpoints: lost, reported.
    expect(by.SurveyMonkey!.report['export-approximated']).toBeGreaterThan(0);
    expect(by.SurveyMonkey!.swagger.errors).toBeGreaterThan(by.SurveyMonkey!.openapi.errors);
    expect(by.DocuSign!.report['export-dropped']).toBe(1);
  });
});

/**
 * Export goldens: each folder of test/fixtures/export/ is a connector; its OpenAPI 3.1 document,
 * its Postman collection and the fidelity report of each (`String(diagnostic)` of the `export-*`
 * rules, positioned in the connector's MDX) are compared with the files beside it. Accept a change
 * with `npx vitest run test/export/golden.test.ts -u` and read the diff.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportConnector, type ExportFormat } from '../../src/export/index.ts';

const root = join(import.meta.dirname, '../fixtures/export');
const cases = readdirSync(root).sort();

describe.each(cases)('%s', (name) => {
  const dir = join(root, name);
  it.each(['openapi3', 'postman'] as ExportFormat[])('to %s: document and fidelity report', async (to) => {
    const result = exportConnector(dir, to, { display: name });
    const report = result.diagnostics.filter((d) => d.ruleId.startsWith('export-')).map(String);
    // The connector itself checks clean: every finding is the export's.
    expect(result.diagnostics.filter((d) => !d.ruleId.startsWith('export-')).map(String)).toEqual([]);
    await expect(result.text).toMatchFileSnapshot(join(dir, 'expected', result.fileName.replace(/^[^.]+/, 'export')));
    await expect(`${report.join('\n')}\nlost: ${result.lost}\n`).toMatchFileSnapshot(join(dir, 'expected', `${to}.report.txt`));
  });
});

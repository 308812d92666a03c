/**
 * Golden folders: test/fixtures/compile/<case>/input is a connector; the compiled documents,
 * readme and diagnostics are compared with the files beside it. Accept a change with `-u`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { loadConnector } from '../src/compiler/load.ts';

const root = join(import.meta.dirname, 'fixtures/compile');
const cases = readdirSync(root).sort();

describe('compile golden folders', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const result = compileAndCheck(loadConnector(join(dir, 'input'), 'input'));
    const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
    await expect(json(result.swagger)).toMatchFileSnapshot(join(dir, 'apiDefinition.swagger.json'));
    await expect(json(result.apiProperties)).toMatchFileSnapshot(join(dir, 'apiProperties.json'));
    await expect(result.readme).toMatchFileSnapshot(join(dir, 'readme.md'));
    const lines = result.diagnostics.map((d) => `${d.severity} ${String(d)}${d.cause ? `\n  ↳ ${d.cause.file}:${d.cause.place?.start.line}:${d.cause.place?.start.column}: ${d.cause.message}` : ''}`);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot(join(dir, 'diagnostics.txt'));
    // Only the error cases may have errors.
    if (!name.startsWith('error-')) expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  });
});

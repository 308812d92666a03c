/**
 * Golden folders for the converting importers: test/fixtures/import/{openapi3,postman}/<case>/
 * holds `input.*` (with any files it `$ref`s), `expected/` the connector folder it becomes and
 * `diagnostics.txt` the fidelity report. Every case must build and check with zero errors.
 * Accept a change with `npx vitest run -u`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { connectorFromFiles } from '../src/compiler/load.ts';
import { importSource } from '../src/import/index.ts';

const root = join(import.meta.dirname, 'fixtures/import');
const cases = ['openapi3', 'postman']
  .filter((format) => existsSync(join(root, format)))
  .flatMap((format) => readdirSync(join(root, format)).map((name) => [format, name] as const));

describe('converting import golden folders', () => {
  it.each(cases)('%s/%s', async (format, name) => {
    const dir = join(root, format, name);
    const input = readdirSync(dir).find((n) => n.startsWith('input.'))!;
    const result = importSource(join(dir, input), { display: `${format}/${name}/${input}` });
    for (const [file, content] of [...result.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (typeof content === 'string') await expect(content).toMatchFileSnapshot(join(dir, 'expected', file));
    }
    await expect(result.diagnostics.map((d) => `${d.severity} ${String(d)}`).join('\n') + '\n').toMatchFileSnapshot(join(dir, 'diagnostics.txt'));
    // No stale files in expected/ (a snapshot update does not delete them).
    const listed = (sub: string): string[] =>
      readdirSync(join(dir, 'expected', sub)).flatMap((n) => (statSync(join(dir, 'expected', sub, n)).isDirectory() ? listed(join(sub, n)) : [join(sub, n)]));
    expect(listed('').sort()).toEqual([...result.files.keys()].sort());
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    // Every diagnostic is positioned in the source file.
    for (const d of result.diagnostics) {
      expect(d.file).toBe(`${format}/${name}/${input}`);
      expect(d.place, String(d)).toBeDefined();
    }
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
    const built = compileAndCheck(connectorFromFiles(result.id, texts));
    expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  });
});

describe('strict', () => {
  it('turns approximations into errors', () => {
    const dir = join(root, 'openapi3/rich-3-1');
    const loose = importSource(join(dir, 'input.yaml'));
    const strict = importSource(join(dir, 'input.yaml'), { strict: true });
    const approximations = loose.diagnostics.filter((d) => d.ruleId === 'import-approximated');
    expect(approximations.length).toBeGreaterThan(0);
    expect(approximations.every((d) => d.severity === 'warning')).toBe(true);
    const strictOnes = strict.diagnostics.filter((d) => d.ruleId === 'import-approximated');
    expect(strictOnes.map((d) => d.message)).toEqual(approximations.map((d) => d.message));
    expect(strictOnes.every((d) => d.severity === 'error')).toBe(true);
  });

  it('`from` forces the format', () => {
    const result = importSource(join(root, 'postman/v2-0-basic/input.json'), { from: 'openapi3' });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['import-source-invalid']);
    expect(result.diagnostics[0]!.message).toMatch(/Expected `openapi: 3\.0\.x`/);
  });
});

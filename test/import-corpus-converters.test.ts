/**
 * Proof on real documents: every OpenAPI 3 and Postman file of ../shared/corpus imports into
 * connectors that compile and check with zero errors; operations out == operations in (for
 * Postman: every request, counted by postman-collection's forEachItem, is an operation or is
 * reported as merged into one); every approximation is in the report. Skipped with a message
 * when the corpus is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { connectorFromFiles } from '../src/compiler/load.ts';
import { importSources } from '../src/import/index.ts';
import { countRequests } from '../src/import/postman/index.ts';
import type { ImportResult } from '../src/import/types.ts';
import { isMethod } from '../src/swagger/index.ts';

const corpus = join(import.meta.dirname, '../../shared/corpus');
const present = existsSync(join(corpus, 'openapi3')) && existsSync(join(corpus, 'postman'));
if (!present) console.warn(`Skipping the converter corpus tests: ${corpus} is absent`);

const files = (dir: string) => (present ? readdirSync(join(corpus, dir)).sort() : []);

/**
 * Every converted connector compiles without errors. The one exception is what the source itself
 * holds: GitHub's collection documents responses with sample secrets (`client_secret`,
 * `webhook_secret`, a PEM private key) that `secret-value` must report wherever they would be
 * published; they are counted, and must sit in response examples, where the converter put them.
 */
function buildClean(results: ImportResult[], secretsInResponseExamples = 0): void {
  let secrets = 0;
  for (const result of results) {
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
    const built = compileAndCheck(connectorFromFiles(result.id, texts));
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    const sourceSecrets = errors.filter((d) => d.ruleId === 'secret-value' && /(?:^|\/)responses\/[^/]+\/(?:examples|schema\/(?:.+\/)?example)\//.test(d.pointer));
    secrets += sourceSecrets.length;
    expect(errors.filter((d) => !sourceSecrets.includes(d)).map(String), result.id).toEqual([]);
    // Converted operations are always written with the sugar, never verbatim.
    expect(result.stats.rawOperations).toBe(0);
  }
  expect(secrets).toBe(secretsInResponseExamples);
}

describe.skipIf(!present)('OpenAPI 3 corpus', () => {
  it.each(files('openapi3'))('%s', (name) => {
    const path = join(corpus, 'openapi3', name);
    const doc = yaml.load(readFileSync(path, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const ops = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).filter(isMethod).length, 0);
    const results = importSources(path);
    buildClean(results);
    expect(results.reduce((n, r) => n + r.stats.operations, 0)).toBe(ops);
    for (const d of results.flatMap((r) => r.diagnostics)) expect(d.place, String(d)).toBeDefined();
  });
});

/** Imports are slow on the 4 MB collection: each source is imported once. */
const cache = new Map<string, ImportResult[]>();
const imported = (path: string) => cache.get(path) ?? cache.set(path, importSources(path)).get(path)!;

describe.skipIf(!present)('Postman corpus', () => {
  it.each(files('postman'))('%s', (name) => {
    const path = join(corpus, 'postman', name);
    const requests = countRequests(JSON.parse(readFileSync(path, 'utf8')));
    const results = imported(path);
    buildClean(results, name === 'github.postman.json' ? 111 : 0);
    const merged = results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'import-approximated' && /they become one operation/.test(d.message)).length;
    expect(results.reduce((n, r) => n + r.stats.operations, 0) + merged).toBe(requests);
    for (const r of results) {
      expect(r.stats.operations).toBeLessThanOrEqual(256);
      for (const d of r.diagnostics) expect(d.place, String(d)).toBeDefined();
    }
  });

  it('github.postman.json (623 requests, 4 MB) is split by folder into connectors within the limits', () => {
    const results = imported(join(corpus, 'postman/github.postman.json'));
    expect(results.length).toBeGreaterThan(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    for (const r of results) expect(r.id).toMatch(/^github-v3-rest-api-/);
    const one = importSources(join(corpus, 'postman/github.postman.json'), { split: false });
    expect(one).toHaveLength(1);
    expect(one[0]!.stats.operations).toBe(results.reduce((n, r) => n + r.stats.operations, 0));
  });
});

/**
 * The proof of the authoring model: every real connector of the shared corpus imports and
 * builds back to the same apiDefinition.swagger.json and apiProperties.json (parsed JSON,
 * key order ignored) and the same readme modulo whitespace.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSON5 from 'json5';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { importSource } from '../../src/import/index.ts';

const corpus = join(import.meta.dirname, '../../../shared/corpus/powerplatform');
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the Power Platform corpus round trip: ${corpus} is absent`);

const folders = present
  ? readdirSync(corpus).flatMap((category) => readdirSync(join(corpus, category)).map((name) => join(corpus, category, name)))
  : [];

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text);
  }
}

const work = mkdtempSync(join(tmpdir(), 'plugboard-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!present)('Power Platform corpus: import → build is lossless', () => {
  it('has the 25 connectors', () => {
    expect(folders.length).toBe(25);
  });

  it.each(folders.map((f) => [f.split('/').slice(-1)[0]!, f]))('%s', (_name, folder) => {
    const result = importSource(folder);
    const lossy = result.diagnostics.filter((d) => d.ruleId === 'import-not-lossless' || d.severity === 'error');
    expect(lossy.map(String)).toEqual([]);

    const dir = join(work, result.id);
    for (const [name, content] of result.files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const built = compileAndCheck(loadConnector(dir, `connectors/${result.id}`), { check: false });
    expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);

    const names = readdirSync(folder);
    const swaggerName = names.find((n) => /^apiDefinition\.swagger\.json$/i.test(n))!;
    const asWritten = (v: unknown) => JSON.parse(JSON.stringify(v));
    expect(asWritten(built.swagger)).toStrictEqual(readJson(join(folder, swaggerName)));
    expect(asWritten(built.apiProperties)).toStrictEqual(readJson(join(folder, "apiProperties.json")));

    const readme = names.find((n) => /^readme\.md$/i.test(n));
    const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(normalize(built.readme)).toBe(readme ? normalize(readFileSync(join(folder, readme), 'utf8')) : '');

    // Other files (icon, intro.md, settings.json) travel with the package.
    for (const n of names) {
      if (n === swaggerName || n === 'apiProperties.json' || n === readme) continue;
      expect(built.assets.get(n)?.equals(readFileSync(join(folder, n))), n).toBe(true);
    }
  });
});

/**
 * Golden folders for the importers: test/fixtures/import/<format>/<case>/ holds the source
 * (`input.*`, or the folder itself for Power Platform) and `expected/` the connector folder
 * it becomes, plus `diagnostics.txt`. Every case is also built back and compared with its
 * source. Accept a change with `-u`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { connectorFromFiles } from '../src/compiler/load.ts';
import { importSource } from '../src/import/index.ts';

const root = join(import.meta.dirname, 'fixtures/import');
// OpenAPI 3, Postman and sample imports convert rather than carry: test/import-converters.test.ts.
const LOSSLESS = new Set(['powerplatform', 'swagger2']);
const cases = readdirSync(root)
  .filter((format) => LOSSLESS.has(format))
  .flatMap((format) => readdirSync(join(root, format)).map((name) => [format, name] as const));

function sourceOf(dir: string, format: string): string {
  if (format === 'powerplatform') return dir;
  return join(dir, readdirSync(dir).find((n) => n.startsWith('input'))!);
}

describe('import golden folders', () => {
  it.each(cases)('%s/%s', async (format, name) => {
    const dir = join(root, format, name);
    const source = sourceOf(dir, format);
    const result = importSource(source, { display: `${format}/${name}/${source === dir ? '' : source.split('/').pop()}` });
    for (const [file, content] of [...result.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (typeof content === 'string') await expect(content).toMatchFileSnapshot(join(dir, 'expected', file));
    }
    await expect(result.diagnostics.map((d) => `${d.severity} ${String(d)}`).join('\n') + '\n').toMatchFileSnapshot(join(dir, 'diagnostics.txt'));

    // Built back, the connector is the source.
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string') as Array<[string, string]>);
    const built = compileAndCheck(connectorFromFiles(result.id, texts), { check: false });
    const swaggerPath = format === 'powerplatform' ? join(dir, 'apiDefinition.swagger.json') : source;
    const text = readFileSync(swaggerPath, 'utf8').replace(/^\uFEFF/, '');
    const original = /\.ya?ml$/.test(swaggerPath) ? yaml.load(text, { schema: yaml.CORE_SCHEMA }) : JSON5.parse(text);
    // Compared as written: JSON has no -0, so both sides go through JSON.stringify.
    expect(JSON.parse(JSON.stringify(built.swagger))).toStrictEqual(JSON.parse(JSON.stringify(original)));
    if (format === 'powerplatform') expect(built.apiProperties).toStrictEqual(JSON.parse(readFileSync(join(dir, 'apiProperties.json'), 'utf8')));
    expect(result.diagnostics.filter((d) => d.ruleId === 'import-not-lossless')).toEqual([]);
  });
});

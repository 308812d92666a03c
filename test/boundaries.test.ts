/** The tooling runs under plain Node: only the site's views and content config may import astro. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');
const VIEWS = /^(pages|components|layouts)\/|^content\.config\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.(ts|mts|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

describe('boundaries', () => {
  it('no module outside the site views imports astro', () => {
    const offenders = sources(SRC)
      .filter((file) => !VIEWS.test(relative(SRC, file).split('\\').join('/')))
      .filter((file) => /\bfrom\s+['"]astro(?:[:/][^'"]*)?['"]|import\(\s*['"]astro/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});

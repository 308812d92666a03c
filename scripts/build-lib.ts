/**
 * Builds the JavaScript plugboard ships (`npm run build:lib`; `prepack` runs it before `npm pack`
 * and `npm publish`): Node strips no types under node_modules, so an installed plugboard runs lib/,
 * never src/. lib/ mirrors src/: the modules compiled by tsc (tsconfig.lib.json, `.ts` specifiers
 * rewritten to `.js`), and the Astro site project (pages, components, layouts, styles) copied with
 * the `.ts` imports of its .astro files rewritten the same way, so Vite builds the site from plain
 * JavaScript inside node_modules. astro.config.mjs picks lib/ as the site's source folder when
 * src/ is not there (the installed package).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const LIB = join(ROOT, 'lib');
/** The folders of the Astro views; their files tsc does not compile (.astro, .css…) are copied. */
const VIEW_FOLDERS = ['pages', 'components', 'layouts', 'styles'];

/** `from '../x.ts'`, `import '../x.ts'` and `import('../x.ts')` of a relative module, to `.js`. */
function rewriteViewImports(text: string): string {
  return text.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.\.?\/[^'"\n]+)\.ts\2/g, '$1$2$3.js$2');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function compile(): void {
  const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.lib.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.lib.json exited with ${result.status ?? result.signal}`);
}

function copyViews(): number {
  let copied = 0;
  const views = VIEW_FOLDERS.flatMap((folder) => filesUnder(join(SRC, folder))).filter((f) => !f.endsWith('.ts'));
  for (const file of views) {
    const target = join(LIB, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.astro')) writeFileSync(target, rewriteViewImports(readFileSync(file, 'utf8')));
    else copyFileSync(file, target);
    copied++;
  }
  return copied;
}

const started = performance.now();
rmSync(LIB, { recursive: true, force: true });
compile();
const views = copyViews();
console.log(`lib/: ${filesUnder(LIB).length} files (${views} site views copied) in ${((performance.now() - started) / 1000).toFixed(1)}s`);

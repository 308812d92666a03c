/**
 * The layer order of src/: each top folder imports only the folders its row of `MAY_IMPORT` names, so
 * nothing imports upward and the code reads from the folder names (each folder's README.md says the
 * same in words). The tooling runs under plain Node: only the Astro views may import astro.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');

/**
 * Each top folder of src/ and the other top folders it may import, lowest layer first:
 * core ← swagger ← model ← compiler ← check ← build ← import, export, site, live ← git ← diff ← cli and the views.
 * `views` is the Astro site (`VIEW_FOLDERS` and `content.config.ts`); it stands on site, and site
 * and cli know nothing of each other.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  swagger: ['core'],
  model: ['core', 'swagger'],
  compiler: ['core', 'swagger', 'model'],
  check: ['core', 'swagger', 'model', 'compiler'],
  build: ['core', 'swagger', 'model', 'compiler', 'check'],
  import: ['core', 'swagger', 'model', 'compiler', 'check', 'build'],
  // Exporting to MDX writes a connector folder with the importer's writer.
  export: ['core', 'swagger', 'model', 'compiler', 'check', 'build', 'import'],
  site: ['core', 'swagger', 'model', 'compiler', 'check', 'build'],
  // Talking to a connector's API: the live test runner and the mock server.
  live: ['core', 'swagger', 'model', 'compiler', 'check', 'build'],
  // Reading a revision from git objects loads connector folders as the compiler and importer do.
  git: ['core', 'swagger', 'model', 'compiler', 'check', 'build', 'import'],
  diff: ['core', 'swagger', 'model', 'compiler', 'check', 'build', 'import', 'git'],
  cli: ['core', 'swagger', 'model', 'compiler', 'check', 'build', 'import', 'export', 'git', 'diff', 'live'],
  views: ['core', 'swagger', 'model', 'compiler', 'check', 'build', 'site'],
};

const VIEW_FOLDERS = new Set(['pages', 'components', 'layouts', 'styles']);

/** An import from one file to another, both relative to src/ with `/` separators. */
interface Edge {
  from: string;
  to: string;
}

/** The layer of a path relative to src/: its top folder, or `views` for the Astro site. */
function layerOf(path: string): string {
  const top = path.split('/')[0]!;
  return VIEW_FOLDERS.has(top) || path === 'content.config.ts' ? 'views' : top;
}

/** Every edge that breaks the layer table, as `src/a/x.ts → src/b/y.ts (a may not import b)`. */
function violations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const source = layerOf(from);
    const target = layerOf(to);
    const arrow = `src/${from} → ${to.startsWith('../') ? to : `src/${to}`}`;
    if (!Object.hasOwn(MAY_IMPORT, source)) out.push(`${arrow} (${source} is not in the layer table of test/boundaries.test.ts)`);
    else if (to.startsWith('../')) out.push(`${arrow} (src/ may not import files outside src/)`);
    else if (source !== target && !MAY_IMPORT[source]!.includes(target)) out.push(`${arrow} (${source} may not import ${target})`);
  }
  return out;
}

/** The script parts of a file: all of a module, the front-matter and `<script>` bodies of an .astro file. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.astro')) return text;
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontMatter, ...scripts].join('\n');
}

/** The module specifiers a file imports: static and type imports, `export … from`, `import('…')`; comments and strings are skipped. */
function specifiersOf(file: string, text: string): string[] {
  return ts.preProcessFile(scriptOf(file, text), true, true).importedFiles.map((f) => f.fileName);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.(ts|mts|js|mjs|astro)$/.test(e.name) ? [full] : [];
  });
}

const slash = (path: string) => path.split('\\').join('/');

/** Every relative import under src/ as an edge between two paths relative to src/. */
function importGraph(): Edge[] {
  return sources(SRC).flatMap((file) => {
    const from = slash(relative(SRC, file));
    return specifiersOf(file, readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('./') || spec.startsWith('../'))
      .map((spec) => ({ from, to: posix.normalize(posix.join(posix.dirname(from), spec)) }));
  });
}

describe('boundaries', () => {
  it('every import under src/ follows the layer table (MAY_IMPORT)', () => {
    const graph = importGraph();
    expect(violations(graph)).toEqual([]);
    // The imports of every layer were read: a graph left empty by a parsing slip would pass anything.
    expect(new Set(graph.map((edge) => layerOf(edge.from)))).toEqual(new Set(Object.keys(MAY_IMPORT)));
  });

  it('the layer check reports upward, sideways and unknown imports', () => {
    const edges: Edge[] = [
      { from: 'compiler/parse.ts', to: 'check/define-rule.ts' },
      { from: 'check/run.ts', to: 'compiler/types.ts' },
      { from: 'core/a.ts', to: 'core/b.ts' },
      { from: 'cli/commands/build.ts', to: 'site/connectors.ts' },
      { from: 'site/nav.ts', to: 'cli/args.ts' },
      { from: 'site/nav.ts', to: 'import/index.ts' },
      { from: 'pages/index.astro', to: 'site/nav.ts' },
      { from: 'content.config.ts', to: 'cli/main.ts' },
      { from: 'swagger/walk.ts', to: '../scripts/bench.ts' },
      { from: 'tools/x.ts', to: 'core/a.ts' },
    ];
    expect(violations(edges)).toEqual([
      'src/compiler/parse.ts → src/check/define-rule.ts (compiler may not import check)',
      'src/cli/commands/build.ts → src/site/connectors.ts (cli may not import site)',
      'src/site/nav.ts → src/cli/args.ts (site may not import cli)',
      'src/site/nav.ts → src/import/index.ts (site may not import import)',
      'src/content.config.ts → src/cli/main.ts (views may not import cli)',
      'src/swagger/walk.ts → ../scripts/bench.ts (src/ may not import files outside src/)',
      'src/tools/x.ts → src/core/a.ts (tools is not in the layer table of test/boundaries.test.ts)',
    ]);
  });

  it('reads static, type, re-exported and dynamic imports, not comments or strings', () => {
    const module = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "export { c } from './c.ts';",
      "export * from './d.ts';",
      "const e = await import('./e.ts');",
      "// import { f } from './f.ts';",
      "const g = \"import('./g.ts')\";",
    ].join('\n');
    expect(specifiersOf('x.ts', module)).toEqual(['./a.ts', '../b/b.ts', './c.ts', './d.ts', './e.ts']);
    const view = "---\nimport Nav from '../site/nav.ts';\n---\n<p>Don't import './nope.ts'</p>\n<script>import('./client.ts');</script>\n";
    expect(specifiersOf('x.astro', view)).toEqual(['../site/nav.ts', './client.ts']);
  });

  it('every top folder of src/ is in the layer table and the table names only folders of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => layerOf(e.name));
    expect([...new Set(folders)].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it('every top folder of the tooling has a README.md', () => {
    const missing = Object.keys(MAY_IMPORT)
      .filter((folder) => folder !== 'views')
      .filter((folder) => !readdirSync(join(SRC, folder)).includes('README.md'));
    expect(missing).toEqual([]);
  });

  it('no module outside the site views imports astro', () => {
    const offenders = sources(SRC)
      .map((file) => slash(relative(SRC, file)))
      .filter((path) => layerOf(path) !== 'views')
      .filter((path) => specifiersOf(path, readFileSync(join(SRC, path), 'utf8')).some((spec) => /^astro(?:[:/]|$)/.test(spec)));
    expect(offenders).toEqual([]);
  });
});

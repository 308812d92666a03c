/**
 * Site build at scale: imports ../shared/corpus/powerplatform with the importer, replicates the
 * connectors to about N (default 1000), builds the site (astro build + Pagefind) into a temporary
 * folder and reports wall time, peak RSS, output size and the median connector page size.
 *
 *   npm run bench:site [-- --connectors 1000] [--keep]
 *
 * Peak RSS comes from GNU time (/usr/bin/time -v) when present, else from the children's
 * process.resourceUsage-style rusage (largest child).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importSource } from '../src/import/index.ts';

const { values } = parseArgs({ options: { connectors: { type: 'string', default: '1000' }, 'ops-per-copy': { type: 'string', default: '28' }, keep: { type: 'boolean', default: false }, corpus: { type: 'string', default: '../shared/corpus/powerplatform' } } });
const target = Number(values.connectors);
const corpus = resolve(values.corpus!);
if (!existsSync(corpus)) {
  process.stderr.write(`bench-site: no corpus at ${corpus}\n`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'plugboard-bench-site-'));
const sources = join(work, 'connectors');
const out = join(work, 'dist');
mkdirSync(sources, { recursive: true });

// 1. Import every connector folder of the corpus (folders holding an apiDefinition.swagger.json).
const folders: string[] = [];
const walk = (dir: string, depth: number) => {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (!statSync(full).isDirectory()) continue;
    if (readdirSync(full).some((f) => f.toLowerCase() === 'apidefinition.swagger.json')) folders.push(full);
    else if (depth < 3) walk(full, depth + 1);
  }
};
walk(corpus, 0);
const imported: Array<{ id: string; files: Map<string, string | Buffer> }> = [];
for (const dir of folders) {
  try {
    const result = importSource(dir, { display: relative(process.cwd(), dir) });
    imported.push({ id: result.id, files: result.files });
  } catch (error) {
    process.stderr.write(`bench-site: skipped ${dir}: ${(error as Error).message}\n`);
  }
}
const write = (id: string, files: Map<string, string | Buffer>) => {
  for (const [rel, content] of files) {
    const file = join(sources, id, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
};
// 2. Replicate to about `target` connectors; copies keep their first `ops-per-copy` operations
//    (about 15,600 operations at 1,000 connectors from this corpus).
const perCopy = Number(values['ops-per-copy']);
const trim = (files: Map<string, string | Buffer>) => {
  const ops = [...files.keys()].filter((k) => /^(actions|triggers)\//.test(k)).sort();
  const dropped = new Set(ops.slice(perCopy));
  return new Map([...files].filter(([k]) => !dropped.has(k)));
};
let count = 0;
let operations = 0;
for (let copy = 0; count < target; copy++) {
  for (const c of imported) {
    if (count >= target) break;
    const id = copy === 0 ? c.id : `${c.id}-${String(copy).padStart(3, '0')}`;
    const files = copy === 0 ? c.files : trim(c.files);
    write(id, files);
    operations += [...files.keys()].filter((k) => /^(actions|triggers)\//.test(k)).length;
    count++;
  }
}
process.stdout.write(`bench-site: ${imported.length} corpus connectors replicated to ${count} (${operations} operation files) in ${work}\n`);

// 3. Build.
const env = { ...process.env, PLUGBOARD_CONNECTORS: sources, PLUGBOARD_SITE_OUT: out, CI: '1' };
const gnuTime = existsSync('/usr/bin/time');
const log = join(work, 'build.log');
const started = performance.now();
const run = gnuTime
  ? spawnSync('/usr/bin/time', ['-v', 'npm', 'run', 'build', '--silent'], { env, encoding: 'utf8', maxBuffer: 1 << 30 })
  : spawnSync('npm', ['run', 'build', '--silent'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
const wall = (performance.now() - started) / 1000;
writeFileSync(log, `${run.stdout}\n${run.stderr}`);
let peakKb = 0;
if (gnuTime) peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? 0);
else peakKb = process.resourceUsage().maxRSS; // children are not included here: a lower bound

// 4. Output size and page sizes.
let bytes = 0;
let files = 0;
const sizeOf = (dir: string) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) sizeOf(full);
    else {
      bytes += statSync(full).size;
      files++;
    }
  }
};
if (existsSync(out)) sizeOf(out);
const pages = existsSync(join(out, 'connectors'))
  ? readdirSync(join(out, 'connectors')).map((id) => join(out, 'connectors', id, 'index.html')).filter(existsSync).map((f) => statSync(f).size).sort((a, b) => a - b)
  : [];
const median = pages.length ? pages[Math.floor(pages.length / 2)]! : 0;
const htmlPages = Number(/Indexed (\d+) pages/.exec(run.stdout)?.[1] ?? 0);
const summary = /Site: .*/.exec(run.stdout)?.[0] ?? '';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
process.stdout.write(
  [
    `connectors        ${count}`,
    `operation files   ${operations}`,
    `pages indexed     ${htmlPages}`,
    `build exit        ${run.status} (${summary})`,
    `wall time         ${wall.toFixed(1)} s   (target ≤ 90 s)`,
    `peak RSS          ${peakKb ? mb(peakKb * 1024) : 'unknown'}${gnuTime ? '' : ' (this process only)'}   (target ≤ 2 GB)`,
    `output            ${mb(bytes)} in ${files} files   (target ≤ 300 MB)`,
    `median connector  ${(median / 1024).toFixed(1)} KB   (target ≤ 80 KB; max ${((pages[pages.length - 1] ?? 0) / 1024).toFixed(1)} KB)`,
    `log               ${log}`,
    '',
  ].join('\n'),
);
if (!values.keep) rmSync(work, { recursive: true, force: true });

/**
 * Site build at the scale of the public connector repository: draws N connectors (default 1000)
 * from the shared corpus with the real spread of sizes (scripts/connector-sample.ts: operations per
 * connector as in src/PLATFORM.md, definitions following their source connector, the largest real
 * connector and a 250-operation, 280-definition giant always in), imports them, builds the site
 * (astro build + Pagefind) into a temporary folder and reports wall time, peak RSS, output size,
 * pages and page sizes beside the drawn distribution.
 *
 *   npm run bench:site [-- --connectors 1000] [--keep]
 *   npm run bench:site -- --vs-starlight [--connectors 50] [--runs 2] [--max-load 1.5]
 *
 * --vs-starlight builds, for the same K connectors (default 50), both the plugboard site and a
 * throwaway Starlight + starlight-openapi project (scripts/starlight-bench/, copied to a temp dir)
 * fed the same drawn apiDefinition.swagger.json files (one schema entry and base per connector),
 * and reports both side by side with the ratio of connectors per second, and which connectors
 * starlight-openapi made no page for. Its npm install is kept under
 * node_modules/.cache/plugboard-starlight-bench, keyed by its package.json, so reruns are fast.
 *
 * Peak RSS comes from GNU time (/usr/bin/time -v) when present: the largest single process of the
 * build (Astro's), not the sum of the build's processes; without GNU time, this process's own
 * (a lower bound).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importSource } from '../src/import/index.ts';
import { DEFAULT_CORPORA, describeDraw, drawConnectors, readCorpus, writeDrawn } from './connector-sample.ts';

const repo = resolve(import.meta.dirname, '..');
const usage = `Usage: npm run bench:site -- [options]

  --connectors N     connectors to draw and build (default 1000; 50 with --vs-starlight)
  --corpus DIR       corpus folder of <category>/<name>/ connector folders; repeat for several
                     (default ${DEFAULT_CORPORA.join(' and ')})
  --seed N           seed of the draw (default 1)
  --keep             keep the temporary folder (drawn folders, sources, outputs, build logs)
  --vs-starlight     also build the same connectors with Starlight + starlight-openapi
                     (scripts/starlight-bench/) and compare connectors per second
  --starlight-without ID
                     leave the drawn connector ID out of the Starlight build only (repeatable):
                     for one starlight-openapi cannot build; the output names it
  --runs N           build each site N times, alternating, and report medians (default 1)
  --max-load X       before each build wait (at most 10 min) until the 1-minute load average is
                     below X (default: do not wait)
  --help             this text
`;
const { values } = parseArgs({
  options: {
    connectors: { type: 'string' },
    corpus: { type: 'string', multiple: true },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    'vs-starlight': { type: 'boolean', default: false },
    'starlight-without': { type: 'string', multiple: true },
    runs: { type: 'string', default: '1' },
    'max-load': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const vsStarlight = values['vs-starlight']!;
const target = Number(values.connectors ?? (vsStarlight ? 50 : 1000));
const seed = Number(values.seed);
const runs = Math.max(1, Number(values.runs));
const maxLoad = values['max-load'] === undefined ? undefined : Number(values['max-load']);
if (!Number.isInteger(target) || target < 1 || !Number.isInteger(seed)) {
  process.stderr.write(`bench-site: --connectors and --seed take whole numbers (--connectors ≥ 1)\n${usage}`);
  process.exit(2);
}
const corpora = (values.corpus ?? DEFAULT_CORPORA.map((c) => join(repo, c))).map((c) => resolve(c));
const missing = corpora.filter((c) => !existsSync(c));
if (missing.length) {
  process.stderr.write(`bench-site: no corpus at ${missing.join(', ')}\n`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'plugboard-bench-site-'));
const sources = join(work, 'connectors');
mkdirSync(sources, { recursive: true });

// 1. Draw the connectors as Power Platform folders, then import each into MDX.
const corpus = readCorpus(corpora);
for (const dir of corpus.skipped) process.stderr.write(`bench-site: skipped ${dir}: its swagger file does not parse\n`);
const drawn = writeDrawn(drawConnectors(corpus.connectors, target, seed), join(work, 'drawn'));
let operationFiles = 0;
let definitionFiles = 0;
const importErrors: string[] = [];
for (const d of drawn) {
  const result = importSource(d.dir, { display: relative(process.cwd(), d.dir), id: d.id });
  if (result.diagnostics.some((x) => x.severity === 'error')) importErrors.push(d.id);
  for (const [rel, content] of result.files) {
    const file = join(sources, d.id, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (/^(actions|triggers)\//.test(rel)) operationFiles++;
    else if (rel.startsWith('definitions/')) definitionFiles++;
  }
}
const count = drawn.length;
const without = new Set(values['starlight-without'] ?? []);
const unknown = [...without].filter((id) => !drawn.some((d) => d.id === id));
if (unknown.length) {
  process.stderr.write(`bench-site: --starlight-without names no drawn connector: ${unknown.join(', ')}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exit(2);
}
const starlightSet = drawn.filter((d) => !without.has(d.id));
process.stdout.write(
  [
    `bench-site: ${count} connectors drawn (seed ${seed}) from ${corpus.connectors.length} corpus connectors in ${corpora.map((c) => relative(repo, c)).join(', ')}; imported into ${sources}`,
    ...describeDraw(drawn),
    `imported                   ${operationFiles} operation files, ${definitionFiles} definition files${importErrors.length ? `; imports with errors: ${importErrors.join(', ')}` : ''}`,
    '',
  ].join('\n'),
);

// Helpers: a bounded, timed child process with GNU time's peak RSS; output sizes.
const gnuTime = existsSync('/usr/bin/time');
interface Measured {
  status: number | null;
  wall: number;
  /** User + system CPU seconds of the build and its processes (GNU time), 0 when unknown: less moved by other work on the machine than the wall time. */
  cpu: number;
  peakKb: number;
  stdout: string;
  stderr: string;
}
const measure = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string; timeoutMs: number }): Measured => {
  const started = performance.now();
  const spawnOptions = { cwd: options.cwd, env: options.env, encoding: 'utf8' as const, maxBuffer: 1 << 30, timeout: options.timeoutMs, killSignal: 'SIGKILL' as const };
  const run = gnuTime ? spawnSync('/usr/bin/time', ['-v', command, ...args], spawnOptions) : spawnSync(command, args, spawnOptions);
  const wall = (performance.now() - started) / 1000;
  writeFileSync(options.log, `${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error ? `spawn error: ${run.error.message}\n` : ''}`);
  const timeOf = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(run.stderr ?? '')?.[1] ?? 0);
  const cpu = timeOf('User') + timeOf('System');
  const peakKb = gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '')?.[1] ?? 0) : process.resourceUsage().maxRSS;
  return { status: run.status, wall, cpu, peakKb, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
};

interface Page {
  path: string;
  bytes: number;
}
interface Output {
  bytes: number;
  files: number;
  /** Every .html page. */
  pages: Page[];
  /** connectors/<id>/index.html */
  connectorPages: Page[];
  /** connectors/<id>/<operation>/index.html */
  operationPages: Page[];
  /** Pages under connectors/<id>/definitions/ (one page of all, or one per definition). */
  definitionPages: Page[];
  /** Connector ids with a connectors/<id>/index.html. */
  withPage: Set<string>;
}
const outputOf = (out: string): Output => {
  const result: Output = { bytes: 0, files: 0, pages: [], connectorPages: [], operationPages: [], definitionPages: [], withPage: new Set() };
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        visit(full);
        continue;
      }
      const bytes = statSync(full).size;
      result.bytes += bytes;
      result.files++;
      if (!e.name.endsWith('.html')) continue;
      const page = { path: relative(out, full), bytes };
      result.pages.push(page);
      const parts = page.path.split(/[\\/]/);
      if (parts[0] !== 'connectors' || parts.at(-1) !== 'index.html') continue;
      if (parts.length === 3) {
        result.connectorPages.push(page);
        result.withPage.add(parts[1]!);
      } else if (parts[2] === 'definitions' || parts.length > 4) result.definitionPages.push(page);
      else result.operationPages.push(page);
    }
  };
  if (existsSync(out)) visit(out);
  return result;
};
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const largest = (pages: Page[]) => pages.reduce<Page | undefined>((a, p) => (!a || p.bytes > a.bytes ? p : a), undefined);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const page = (p: Page | undefined) => (p ? `${kb(p.bytes)} (${p.path})` : 'none');
const waitQuiet = (label: string) => {
  if (maxLoad === undefined) return;
  const deadline = Date.now() + 10 * 60_000;
  let said = false;
  while (loadavg()[0]! >= maxLoad && Date.now() < deadline) {
    if (!said) process.stdout.write(`bench-site: load ${loadavg()[0]!.toFixed(2)} ≥ ${maxLoad}, waiting before ${label}…\n`);
    said = true;
    spawnSync('sleep', ['15']);
  }
  if (loadavg()[0]! >= maxLoad) process.stdout.write(`bench-site: load still ${loadavg()[0]!.toFixed(2)} after 10 min; building ${label} anyway\n`);
};

interface Result extends Measured, Output {
  load: number;
  loadAfter: number;
  log: string;
}

// 2. Build the plugboard site, as a user does: `plugboard site --connectors <dir> --out <dir>`.
const buildPlugboard = (run: number): Result => {
  const out = join(work, `dist-plugboard-${run}`);
  const log = join(work, `build-plugboard-${run}.log`);
  waitQuiet('the plugboard build');
  const load = loadavg()[0]!;
  const m = measure(process.execPath, [join(repo, 'src', 'cli', 'main.ts'), 'site', '--connectors', sources, '--out', out], { cwd: repo, env: { ...process.env, CI: '1' }, log, timeoutMs: 30 * 60_000 });
  const o = outputOf(out);
  if (!values.keep) rmSync(out, { recursive: true, force: true });
  return { ...m, ...o, load, loadAfter: loadavg()[0]!, log };
};

// 3. The Starlight + starlight-openapi project: install once into the cache, then per run a fresh
//    copy in the temp folder with node_modules hard-linked from the cache (a symlinked node_modules
//    breaks Astro's compile metadata for .astro files outside the root).
const template = join(repo, 'scripts', 'starlight-bench');
const starlightProject = (): string => {
  const pkg = readFileSync(join(template, 'package.json'));
  const key = createHash('sha256').update(pkg).digest('hex').slice(0, 12);
  const cacheRoot = join(repo, 'node_modules', '.cache', 'plugboard-starlight-bench');
  const installed = join(cacheRoot, key);
  if (!existsSync(join(installed, '.install-ok'))) {
    rmSync(installed, { recursive: true, force: true });
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'package.json'), pkg);
    process.stdout.write(`bench-site: installing the Starlight project into ${relative(repo, installed)} (once)…\n`);
    const env = {
      ...process.env,
      PATH: `${join(repo, 'node_modules', '.bin')}:${process.env.PATH}`,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      PUPPETEER_SKIP_DOWNLOAD: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    };
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--cache', join(cacheRoot, 'npm-cache')], { cwd: installed, env, encoding: 'utf8', timeout: 10 * 60_000, killSignal: 'SIGKILL', maxBuffer: 1 << 26 });
    if (npm.status !== 0) {
      process.stderr.write(`bench-site: npm install of the Starlight project failed (${npm.status ?? npm.error?.message})\n${npm.stdout}\n${npm.stderr}\n`);
      process.exit(1);
    }
    writeFileSync(join(installed, '.install-ok'), new Date().toISOString());
  }
  const project = join(work, 'starlight');
  rmSync(project, { recursive: true, force: true });
  cpSync(template, project, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|\.astro)$/.test(src) });
  const link = spawnSync('cp', ['-al', join(installed, 'node_modules'), join(project, 'node_modules')]);
  if (link.status !== 0) cpSync(join(installed, 'node_modules'), join(project, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  cpSync(join(installed, 'package-lock.json'), join(project, 'package-lock.json'));
  // One schema entry per connector: the drawn apiDefinition.swagger.json plugboard imported.
  const schemaDir = join(project, 'schemas');
  mkdirSync(schemaDir, { recursive: true });
  const entries = starlightSet.map((d) => {
    cpSync(join(d.dir, 'apiDefinition.swagger.json'), join(schemaDir, `${d.id}.json`));
    return { base: `connectors/${d.id}`, schema: `./schemas/${d.id}.json` };
  });
  writeFileSync(join(project, 'schemas.json'), `${JSON.stringify(entries, null, 2)}\n`);
  process.stdout.write(`bench-site: Starlight project in ${project} (${entries.length} schemas; install cache ${relative(repo, installed)})\n`);
  return project;
};
const starlightVersions = (project: string) =>
  ['astro', '@astrojs/starlight', 'starlight-openapi']
    .map((name) => {
      try {
        return `${name}@${(JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;
      } catch {
        return `${name}@?`;
      }
    })
    .join(', ');
const buildStarlight = (project: string, run: number): Result => {
  const out = join(work, `dist-starlight-${run}`);
  const log = join(work, `build-starlight-${run}.log`);
  rmSync(join(project, '.astro'), { recursive: true, force: true });
  rmSync(join(project, 'node_modules', '.astro'), { recursive: true, force: true });
  rmSync(join(project, 'node_modules', '.vite'), { recursive: true, force: true });
  waitQuiet('the Starlight build');
  const load = loadavg()[0]!;
  const env = {
    ...process.env,
    PATH: `${join(repo, 'node_modules', '.bin')}:${process.env.PATH}`,
    STARLIGHT_BENCH_OUT: out,
    ASTRO_TELEMETRY_DISABLED: '1',
    CI: '1',
  };
  const m = measure('npx', ['--no-install', 'astro', 'build'], { cwd: project, env, log, timeoutMs: 30 * 60_000 });
  const o = outputOf(out);
  if (!values.keep) rmSync(out, { recursive: true, force: true });
  return { ...m, ...o, load, loadAfter: loadavg()[0]!, log };
};

// 4. Run (alternating when comparing) and report.
const plugboardRuns: Result[] = [];
const starlightRuns: Result[] = [];
const project = vsStarlight ? starlightProject() : '';
process.stdout.write(`bench-site: load before building ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min)\n`);
for (let run = 1; run <= runs; run++) {
  plugboardRuns.push(buildPlugboard(run));
  const p = plugboardRuns.at(-1)!;
  process.stdout.write(`bench-site: run ${run} plugboard  ${p.wall.toFixed(1)} s, ${mb(p.peakKb * 1024)}, exit ${p.status}, load ${p.load.toFixed(2)}\n`);
  if (vsStarlight) {
    starlightRuns.push(buildStarlight(project, run));
    const s = starlightRuns.at(-1)!;
    process.stdout.write(`bench-site: run ${run} starlight  ${s.wall.toFixed(1)} s, ${mb(s.peakKb * 1024)}, exit ${s.status}, load ${s.load.toFixed(2)}\n`);
  }
}

const suffix = runs > 1 ? ` (median of ${runs})` : '';
const loads = (rs: Result[]) => rs.map((r) => `${r.load.toFixed(2)}→${r.loadAfter.toFixed(2)}`).join(', ');
const p = plugboardRuns.at(-1)!;
const pWall = median(plugboardRuns.map((r) => r.wall));
const pPeak = median(plugboardRuns.map((r) => r.peakKb));
const cpuOf = (rs: Result[]) => (gnuTime ? `${median(rs.map((r) => r.cpu)).toFixed(1)} s` : 'unknown');
const noPage = (r: Result) => drawn.filter((d) => !r.withPage.has(d.id)).map((d) => d.id);
const gone = noPage(p);
// Exit 1: the site is written and some connectors have errors (the real ones carry their own).
if (p.status !== 0 && p.status !== 1) process.stderr.write(`bench-site: the plugboard build failed; tail of ${p.log}:\n${`${p.stdout}\n${p.stderr}`.split('\n').slice(-30).join('\n')}\n`);

if (!vsStarlight) {
  const indexed = Number(/Indexed (\d+) pages/.exec(p.stdout)?.[1] ?? 0);
  process.stdout.write(
    [
      '',
      `connectors          ${count} (${count - gone.length} with a page${gone.length ? `; none for ${gone.join(', ')}` : ''})`,
      `build exit          ${p.status} (${/Site: .*/.exec(p.stdout)?.[0] ?? 'no summary line'})`,
      `wall time           ${pWall.toFixed(1)} s${suffix}   (target ≤ 90 s)`,
      `connectors/second   ${(count / pWall).toFixed(1)}`,
      `CPU time            ${cpuOf(plugboardRuns)}${suffix} (user + system, every process of the build)`,
      `peak RSS            ${pPeak ? mb(pPeak * 1024) : 'unknown'}${gnuTime ? '' : ' (this process only)'}${suffix}   (target ≤ 2 GB)`,
      `output              ${mb(p.bytes)} in ${p.files} files   (target ≤ 300 MB)`,
      `HTML pages          ${p.pages.length} (${p.connectorPages.length} connector, ${p.operationPages.length} operation, ${p.definitionPages.length} definition pages; Pagefind indexed ${indexed})`,
      `connector page      median ${kb(median(p.connectorPages.map((x) => x.bytes)))} (target ≤ 50 KB), largest ${page(largest(p.connectorPages))} (target ≤ 300 KB)`,
      `operation page      median ${kb(median(p.operationPages.map((x) => x.bytes)))}, largest ${page(largest(p.operationPages))}`,
      ...(p.definitionPages.length ? [`definition page     median ${kb(median(p.definitionPages.map((x) => x.bytes)))}, largest ${page(largest(p.definitionPages))}`] : []),
      `load before → after ${loads(plugboardRuns)}`,
      `log                 ${p.log}`,
      '',
    ].join('\n'),
  );
} else {
  const s = starlightRuns.at(-1)!;
  const sWall = median(starlightRuns.map((r) => r.wall));
  const sPeak = median(starlightRuns.map((r) => r.peakKb));
  const pRate = count / pWall;
  const sCount = starlightSet.length;
  const sRate = sCount / sWall;
  const sGone = starlightSet.filter((d) => !s.withPage.has(d.id)).map((d) => d.id);
  const sFailed = starlightRuns.find((r) => r.status !== 0);
  const outOfMemory = sFailed && /heap out of memory/.test(`${sFailed.stdout}\n${sFailed.stderr}`);
  const cpuRatio = gnuTime ? `; by CPU time per connector ${(median(starlightRuns.map((r) => r.cpu)) / sCount / (median(plugboardRuns.map((r) => r.cpu)) / count)).toFixed(1)}×` : '';
  const row = (label: string, a: string, b: string) => `${label.padEnd(26)}${a.padEnd(34)}${b}`;
  const walls = (rs: Result[]) => rs.map((r) => r.wall.toFixed(1)).join(', ');
  process.stdout.write(
    [
      '',
      row('', 'plugboard', `starlight-openapi (${starlightVersions(project)})`),
      row('connectors', String(count), String(sCount)),
      row('connectors with a page', String(count - gone.length), String(sCount - sGone.length)),
      row('build exit', `${p.status}`, `${s.status}`),
      row('wall time' + suffix, `${pWall.toFixed(1)} s`, `${sWall.toFixed(1)} s`),
      row('  each run', walls(plugboardRuns), walls(starlightRuns)),
      row('connectors / second', pRate.toFixed(2), sRate.toFixed(2)),
      row('CPU time' + suffix, cpuOf(plugboardRuns), cpuOf(starlightRuns)),
      row('peak RSS' + suffix, mb(pPeak * 1024), mb(sPeak * 1024)),
      row('output', `${mb(p.bytes)} / ${p.files} files`, `${mb(s.bytes)} / ${s.files} files`),
      row('HTML pages', String(p.pages.length), String(s.pages.length)),
      row('median connector page', kb(median(p.connectorPages.map((x) => x.bytes))), kb(median(s.connectorPages.map((x) => x.bytes)))),
      row('largest connector page', kb(largest(p.connectorPages)?.bytes ?? 0), kb(largest(s.connectorPages)?.bytes ?? 0)),
      row('median HTML page', kb(median(p.pages.map((x) => x.bytes))), kb(median(s.pages.map((x) => x.bytes)))),
      row('largest HTML page', kb(largest(p.pages)?.bytes ?? 0), kb(largest(s.pages)?.bytes ?? 0)),
      row('load before → after', loads(plugboardRuns), loads(starlightRuns)),
      '',
      ...(without.size ? [`left out of the starlight-openapi build (--starlight-without): ${[...without].join(', ')} (plugboard's side builds all ${count})`] : []),
      sFailed
        ? `no ratio: the starlight-openapi build failed (exit ${sFailed.status}${outOfMemory ? ', JavaScript heap out of memory' : ''}); leave out the connector it cannot build with --starlight-without <id>`
        : `connectors/second ratio (plugboard ÷ starlight-openapi): ${(pRate / sRate).toFixed(1)}×   (target ≥ 10×)${cpuRatio}`,
      ...(sGone.length ? [`starlight-openapi made no page for ${sGone.length} of ${sCount}: ${sGone.join(', ')} (see ${s.log})`] : []),
      `largest plugboard pages: connector ${page(largest(p.connectorPages))}, operation ${page(largest(p.operationPages))}`,
      `logs: ${p.log}  ${s.log}`,
      '',
    ].join('\n'),
  );
  if (s.status !== 0) process.stderr.write(`bench-site: the Starlight build failed; tail of ${s.log}:\n${`${s.stdout}\n${s.stderr}`.split('\n').slice(-30).join('\n')}\n`);
}
if (values.keep) process.stdout.write(`kept ${work}\n`);
else rmSync(work, { recursive: true, force: true });

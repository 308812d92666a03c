/**
 * Site build at scale: imports ../shared/corpus/powerplatform with the importer, replicates the
 * connectors to about N (default 1000), builds the site (astro build + Pagefind) into a temporary
 * folder and reports wall time, peak RSS, output size and the median connector page size.
 *
 *   npm run bench:site [-- --connectors 1000] [--keep]
 *   npm run bench:site -- --vs-starlight [--connectors 50] [--runs 2] [--max-load 1.5]
 *
 * --vs-starlight builds, for the same K connectors (default 50), both the plugboard site and a
 * throwaway Starlight + starlight-openapi project (scripts/starlight-bench/, copied to a temp dir)
 * fed the same connectors' apiDefinition.swagger.json (one schema entry and base per connector;
 * copies get the same operations as plugboard's trimmed copies), and reports both side by side with
 * the ratio of connectors per second. The Starlight project's npm install is kept under
 * node_modules/.cache/plugboard-starlight-bench, keyed by its package.json, so reruns are fast.
 *
 * Peak RSS comes from GNU time (/usr/bin/time -v) when present, else from the children's
 * process.resourceUsage-style rusage (largest child).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import JSON5 from 'json5';
import { importSource } from '../src/import/index.ts';
import { isMethod } from '../src/swagger/index.ts';

const usage = `Usage: npm run bench:site -- [options]

  --connectors N     connectors to build (default 1000; 50 with --vs-starlight). The corpus
                     connectors come first, then copies trimmed to --ops-per-copy operations.
  --ops-per-copy N   operations kept in each copy (default 28)
  --corpus DIR       corpus folder (default ../shared/corpus/powerplatform)
  --keep             keep the temporary folder (sources, outputs, build logs)
  --vs-starlight     also build the same connectors with Starlight + starlight-openapi
                     (scripts/starlight-bench/) and compare connectors per second
  --runs N           build each site N times, alternating, and report medians (default 1)
  --max-load X       before each build wait (at most 10 min) until the 1-minute load average is
                     below X (default: do not wait)
  --help             this text
`;
const { values } = parseArgs({
  options: {
    connectors: { type: 'string' },
    'ops-per-copy': { type: 'string', default: '28' },
    keep: { type: 'boolean', default: false },
    corpus: { type: 'string', default: '../shared/corpus/powerplatform' },
    'vs-starlight': { type: 'boolean', default: false },
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
const runs = Math.max(1, Number(values.runs));
const maxLoad = values['max-load'] === undefined ? undefined : Number(values['max-load']);
const corpus = resolve(values.corpus!);
if (!existsSync(corpus)) {
  process.stderr.write(`bench-site: no corpus at ${corpus}\n`);
  process.exit(2);
}
const repo = resolve(import.meta.dirname, '..');

const work = mkdtempSync(join(tmpdir(), 'plugboard-bench-site-'));
const sources = join(work, 'connectors');
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
const imported: Array<{ id: string; dir: string; files: Map<string, string | Buffer> }> = [];
for (const dir of folders) {
  try {
    const result = importSource(dir, { display: relative(process.cwd(), dir) });
    imported.push({ id: result.id, dir, files: result.files });
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
const isOperation = (k: string) => /^(actions|triggers)\//.test(k);
const trim = (files: Map<string, string | Buffer>) => {
  const ops = [...files.keys()].filter(isOperation).sort();
  const dropped = new Set(ops.slice(perCopy));
  return new Map([...files].filter(([k]) => !dropped.has(k)));
};
const chosen: Array<{ id: string; dir: string; files: Map<string, string | Buffer>; copy: number }> = [];
let operations = 0;
for (let copy = 0; chosen.length < target && imported.length; copy++) {
  for (const c of imported) {
    if (chosen.length >= target) break;
    const id = copy === 0 ? c.id : `${c.id}-${String(copy).padStart(3, '0')}`;
    const files = copy === 0 ? c.files : trim(c.files);
    write(id, files);
    operations += [...files.keys()].filter(isOperation).length;
    chosen.push({ id, dir: c.dir, files, copy });
  }
}
const count = chosen.length;
process.stdout.write(`bench-site: ${imported.length} corpus connectors replicated to ${count} (${operations} operation files) in ${work}\n`);

// Helpers: a bounded, timed child process with GNU time's peak RSS; output sizes.
const gnuTime = existsSync('/usr/bin/time');
interface Measured {
  status: number | null;
  wall: number;
  peakKb: number;
  stdout: string;
  stderr: string;
}
const measure = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string; timeoutMs: number }): Measured => {
  const started = performance.now();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: options.timeoutMs, killSignal: 'SIGKILL' })
    : spawnSync(command, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 1 << 30, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
  const wall = (performance.now() - started) / 1000;
  writeFileSync(options.log, `${run.stdout ?? ''}\n${run.stderr ?? ''}\n${run.error ? `spawn error: ${run.error.message}\n` : ''}`);
  let peakKb = 0;
  if (gnuTime) peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '')?.[1] ?? 0);
  else peakKb = process.resourceUsage().maxRSS; // children are not included here: a lower bound
  return { status: run.status, wall, peakKb, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
};
interface Output {
  bytes: number;
  files: number;
  htmlPages: number;
  /** connectors/<id>/index.html sizes, sorted */
  connectorPages: number[];
  /** every .html page, sorted */
  allPages: number[];
}
const outputOf = (out: string): Output => {
  const result: Output = { bytes: 0, files: 0, htmlPages: 0, connectorPages: [], allPages: [] };
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) visit(full);
      else {
        const size = statSync(full).size;
        result.bytes += size;
        result.files++;
        if (e.name.endsWith('.html')) result.allPages.push(size);
      }
    }
  };
  if (existsSync(out)) visit(out);
  result.htmlPages = result.allPages.length;
  result.allPages.sort((a, b) => a - b);
  result.connectorPages = existsSync(join(out, 'connectors'))
    ? readdirSync(join(out, 'connectors')).map((id) => join(out, 'connectors', id, 'index.html')).filter(existsSync).map((f) => statSync(f).size).sort((a, b) => a - b)
    : [];
  return result;
};
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
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

// 3. Build the plugboard site.
const buildPlugboard = (run: number): Result => {
  const out = join(work, `dist-plugboard-${run}`);
  const log = join(work, `build-plugboard-${run}.log`);
  waitQuiet('the plugboard build');
  const load = loadavg()[0]!;
  const env = { ...process.env, PLUGBOARD_CONNECTORS: sources, PLUGBOARD_SITE_OUT: out, CI: '1' };
  const m = measure('npm', ['run', 'build', '--silent'], { cwd: repo, env, log, timeoutMs: 30 * 60_000 });
  const o = outputOf(out);
  if (!values.keep) rmSync(out, { recursive: true, force: true });
  return { ...m, ...o, load, loadAfter: loadavg()[0]!, log };
};

// 4. The Starlight + starlight-openapi project: install once into the cache, then per run a fresh
//    copy in the temp folder with node_modules hard-linked from the cache (a symlinked node_modules
//    breaks Astro's compile metadata for .astro files outside the root).
const template = join(repo, 'scripts', 'starlight-bench');
const starlightProject = (): string => {
  const pkg = readFileSync(join(template, 'package.json'));
  const key = createHash('sha256').update(pkg).digest('hex').slice(0, 12);
  const cacheRoot = join(repo, 'node_modules', '.cache', 'plugboard-starlight-bench');
  const installed = join(cacheRoot, key);
  const ok = join(installed, '.install-ok');
  if (!existsSync(ok)) {
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
    writeFileSync(ok, new Date().toISOString());
  }
  const project = join(work, 'starlight');
  rmSync(project, { recursive: true, force: true });
  cpSync(template, project, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|\.astro)$/.test(src) });
  const link = spawnSync('cp', ['-al', join(installed, 'node_modules'), join(project, 'node_modules')]);
  if (link.status !== 0) cpSync(join(installed, 'node_modules'), join(project, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  cpSync(join(installed, 'package-lock.json'), join(project, 'package-lock.json'));
  // One schema entry per connector: the original apiDefinition.swagger.json; a copy keeps the
  // operations its plugboard copy keeps (matched by `request: METHOD /path`).
  const schemaDir = join(project, 'schemas');
  mkdirSync(schemaDir, { recursive: true });
  const entries: Array<{ base: string; schema: string }> = [];
  let slOperations = 0;
  for (const c of chosen) {
    const file = readdirSync(c.dir).find((f) => f.toLowerCase() === 'apidefinition.swagger.json')!;
    const text = readFileSync(join(c.dir, file), 'utf8');
    const swagger = JSON5.parse(text.replace(/^\uFEFF/, '')) as { paths?: Record<string, Record<string, unknown>> };
    if (c.copy > 0 && swagger.paths) {
      const keep = new Set<string>();
      for (const [k, v] of c.files) {
        if (!isOperation(k)) continue;
        const m = /^request:\s*['"]?(\w+)\s+([^'"\n]+?)['"]?\s*$/m.exec(String(v));
        if (m) keep.add(`${m[1]!.toLowerCase()} ${m[2]}`);
      }
      for (const [path, item] of Object.entries(swagger.paths)) {
        for (const method of Object.keys(item)) if (isMethod(method.toLowerCase()) && !keep.has(`${method.toLowerCase()} ${path}`)) delete item[method];
        if (!Object.keys(item).some((m) => isMethod(m.toLowerCase()))) delete swagger.paths[path];
      }
    }
    for (const item of Object.values(swagger.paths ?? {})) slOperations += Object.keys(item).filter((m) => isMethod(m.toLowerCase())).length;
    writeFileSync(join(schemaDir, `${c.id}.json`), c.copy > 0 ? JSON.stringify(swagger, null, 2) : text);
    entries.push({ base: `connectors/${c.id}`, schema: `./schemas/${c.id}.json` });
  }
  writeFileSync(join(project, 'schemas.json'), `${JSON.stringify(entries, null, 2)}\n`);
  process.stdout.write(`bench-site: Starlight project in ${project} (${entries.length} schemas, ${slOperations} operations; install cache ${relative(repo, installed)})\n`);
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

// 5. Run (alternating when comparing) and report.
const plugboardRuns: Result[] = [];
const starlightRuns: Result[] = [];
const project = vsStarlight ? starlightProject() : '';
for (let run = 1; run <= runs; run++) {
  plugboardRuns.push(buildPlugboard(run));
  const p = plugboardRuns.at(-1)!;
  if (runs > 1 || vsStarlight) process.stdout.write(`bench-site: run ${run} plugboard  ${p.wall.toFixed(1)} s, ${mb(p.peakKb * 1024)}, exit ${p.status}, load ${p.load.toFixed(2)}\n`);
  if (vsStarlight) {
    starlightRuns.push(buildStarlight(project, run));
    const s = starlightRuns.at(-1)!;
    process.stdout.write(`bench-site: run ${run} starlight  ${s.wall.toFixed(1)} s, ${mb(s.peakKb * 1024)}, exit ${s.status}, load ${s.load.toFixed(2)}\n`);
  }
}

const p = plugboardRuns.at(-1)!;
const pWall = median(plugboardRuns.map((r) => r.wall));
const pPeak = median(plugboardRuns.map((r) => r.peakKb));
const htmlPages = Number(/Indexed (\d+) pages/.exec(p.stdout)?.[1] ?? 0);
const summary = /Site: .*/.exec(p.stdout)?.[0] ?? '';
const med = median(p.connectorPages);
const suffix = runs > 1 ? ` (median of ${runs})` : '';

if (!vsStarlight) {
  process.stdout.write(
    [
      `connectors        ${count}`,
      `operation files   ${operations}`,
      `pages indexed     ${htmlPages}`,
      `build exit        ${p.status} (${summary})`,
      `wall time         ${pWall.toFixed(1)} s${suffix}   (target ≤ 90 s)`,
      `peak RSS          ${pPeak ? mb(pPeak * 1024) : 'unknown'}${gnuTime ? '' : ' (this process only)'}${suffix}   (target ≤ 2 GB)`,
      `output            ${mb(p.bytes)} in ${p.files} files   (target ≤ 300 MB)`,
      `median connector  ${kb(med)}   (target ≤ 80 KB; max ${kb(p.connectorPages.at(-1) ?? 0)})`,
      `log               ${p.log}`,
      '',
    ].join('\n'),
  );
} else {
  const s = starlightRuns.at(-1)!;
  const sWall = median(starlightRuns.map((r) => r.wall));
  const sPeak = median(starlightRuns.map((r) => r.peakKb));
  const pRate = count / pWall;
  const sRate = count / sWall;
  const row = (label: string, a: string, b: string) => `${label.padEnd(26)}${a.padEnd(26)}${b}`;
  const walls = (rs: Result[]) => rs.map((r) => r.wall.toFixed(1)).join(', ');
  process.stdout.write(
    [
      '',
      row('', 'plugboard', `starlight-openapi (${starlightVersions(project)})`),
      row('connectors', String(count), String(count)),
      row('build exit', `${p.status}`, `${s.status}`),
      row('wall time' + suffix, `${pWall.toFixed(1)} s`, `${sWall.toFixed(1)} s`),
      row('  each run', walls(plugboardRuns), walls(starlightRuns)),
      row('connectors / second', pRate.toFixed(2), sRate.toFixed(2)),
      row('peak RSS' + suffix, mb(pPeak * 1024), mb(sPeak * 1024)),
      row('output', `${mb(p.bytes)} / ${p.files} files`, `${mb(s.bytes)} / ${s.files} files`),
      row('HTML pages', String(p.htmlPages), String(s.htmlPages)),
      row('median connector page', kb(median(p.connectorPages)), kb(median(s.connectorPages))),
      row('median HTML page', kb(median(p.allPages)), kb(median(s.allPages))),
      row('load before → after', plugboardRuns.map((r) => `${r.load.toFixed(2)}→${r.loadAfter.toFixed(2)}`).join(', '), starlightRuns.map((r) => `${r.load.toFixed(2)}→${r.loadAfter.toFixed(2)}`).join(', ')),
      '',
      `connectors/second ratio (plugboard ÷ starlight-openapi): ${(pRate / sRate).toFixed(1)}×   (target ≥ 10×)`,
      `logs: ${p.log}  ${s.log}`,
      '',
    ].join('\n'),
  );
  if (s.status !== 0) process.stderr.write(`bench-site: the Starlight build failed; tail of ${s.log}:\n${`${s.stdout}\n${s.stderr}`.split('\n').slice(-30).join('\n')}\n`);
}
if (!values.keep) rmSync(work, { recursive: true, force: true });

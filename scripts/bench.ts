#!/usr/bin/env node
/**
 * End-to-end benchmark over a corpus of Power Platform connectors.
 *
 *   npm run bench -- [--corpus <dir>] [--times N] [--jobs 1,2] [--keep]
 *
 * The corpus holds `<category>/<name>/apiDefinition.swagger.json` (+ apiProperties.json).
 * Phases, each in a fresh child process (so that start-up and peak RSS are its own):
 *   1. import every corpus connector into a temporary connectors/ folder, N times (ids `<id>-<k>`),
 *      or with `--shape real` the connectors scripts/connector-sample.ts draws (as `npm run bench:site`);
 *   2. `plugboard build` of all of them into a temporary dist/, once per --jobs value;
 *   3. `plugboard check` of all of them, once per --jobs value, then twice with `--cache` (cold, warm);
 *   4. when @redocly/cli is installed, `redocly lint --format=summary` over the same Swagger files
 *      plugboard imported (copied N times, or the drawn ones), timed the same way.
 *
 *   npm run bench -- --check-speed
 *
 * instead times every check over one synthetic 200-operation document, in this process (no corpus
 * needed): the timing `npm test` does not assert, since a loaded machine would fail it.
 */
import { spawn } from 'node:child_process';
import module from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import JSON5 from 'json5';
import { DEFAULT_CORPORA, describeDraw, drawConnectors, readCorpus, writeDrawn } from './connector-sample.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const DEFAULT_CORPUS = '../shared/corpus/powerplatform';
const SWAGGER = 'apiDefinition.swagger.json';

interface PhaseReport {
  connectors: number;
  operations: number;
  /** Wall time inside the child, from its first line of work. */
  innerMs: number;
  /** process.resourceUsage().maxRSS of the child, in kilobytes. */
  maxRssKb: number;
  exitCode: number;
  note?: string;
}

interface Row {
  phase: string;
  connectors: number;
  operations: number;
  wallMs: number;
  maxRssKb: number | undefined;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Corpus

interface CorpusEntry {
  id: string;
  dir: string;
}

function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'connector';
}

function listCorpus(root: string): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  const seen = new Set<string>();
  for (const category of readdirSync(root).sort()) {
    const catDir = join(root, category);
    if (!statSync(catDir).isDirectory()) continue;
    for (const name of readdirSync(catDir).sort()) {
      const dir = join(catDir, name);
      if (!existsSync(join(dir, SWAGGER))) continue;
      let id = kebab(name);
      for (let i = 2; seen.has(id); i++) id = `${kebab(name)}-${i}`;
      seen.add(id);
      out.push({ id, dir });
    }
  }
  return out;
}

function countOperations(swaggerPath: string): number {
  const text = readFileSync(swaggerPath, 'utf8').replace(/^\uFEFF/, '');
  let doc: { paths?: Record<string, Record<string, unknown>> };
  try {
    doc = JSON.parse(text);
  } catch {
    doc = JSON5.parse(text);
  }
  let n = 0;
  for (const item of Object.values(doc.paths ?? {})) {
    for (const key of Object.keys(item ?? {})) if (/^(get|put|post|delete|options|head|patch)$/.test(key)) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Child side: one phase, then a JSON report.

/** How many copies of each corpus connector the run uses. */
interface PlanEntry extends CorpusEntry {
  copies: number;
}

function replicaIds(entry: PlanEntry): string[] {
  return entry.copies === 1 ? [entry.id] : Array.from({ length: entry.copies }, (_, k) => `${entry.id}-${k + 1}`);
}

async function childImport(planFile: string, target: string): Promise<Omit<PhaseReport, 'innerMs' | 'maxRssKb' | 'exitCode'>> {
  const { writeConnector } = await import('../src/cli/commands/import.ts');
  const { importSource } = await import('../src/import/index.ts');
  const entries = JSON.parse(readFileSync(planFile, 'utf8')) as PlanEntry[];
  mkdirSync(target, { recursive: true });
  let operations = 0;
  let connectors = 0;
  let errors = 0;
  for (const entry of entries) {
    // Import once, write each copy: the copies are identical but for their folder name.
    const result = importSource(entry.dir, { display: relative(process.cwd(), entry.dir) });
    if (result.diagnostics.some((d) => d.severity === 'error')) errors++;
    for (const id of replicaIds(entry)) {
      writeConnector(join(target, id), result.files);
      operations += result.stats.operations;
      connectors++;
    }
  }
  return { connectors, operations, ...(errors ? { note: `${errors} imports with errors` } : {}) };
}

async function childCli(cliArgs: string[]): Promise<Omit<PhaseReport, 'innerMs' | 'maxRssKb'>> {
  // As src/cli/main.ts does for the `plugboard` command.
  process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'plugboard-compile-cache');
  module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
  const { run } = await import('../src/cli/cli.ts');
  const exitCode = await run(cliArgs);
  return { connectors: 0, operations: 0, exitCode };
}

async function child(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { phase: { type: 'string' }, report: { type: 'string' }, plan: { type: 'string' }, target: { type: 'string' } },
    allowPositionals: true,
  });
  const started = performance.now();
  let report: Omit<PhaseReport, 'innerMs' | 'maxRssKb'>;
  if (values.phase === 'import') {
    report = { ...(await childImport(values.plan!, values.target!)), exitCode: 0 };
  } else {
    report = await childCli(positionals);
  }
  const full: PhaseReport = { ...report, innerMs: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS };
  writeFileSync(values.report!, JSON.stringify(full));
}

// ---------------------------------------------------------------------------------------------
// --check-speed

/** What the checks should stay well under on a 200-operation document, on an idle machine. */
const CHECK_BUDGET_MS = 20;

async function checkSpeed(): Promise<number> {
  const { runChecks } = await import('../src/check/run.ts');
  const { compiled } = await import('../test/check/helpers.ts');
  const { LARGE_DOCUMENT_API, largeDocument } = await import('../test/check/large-document.ts');
  const swagger = largeDocument(200);
  // The first run also compiles the Swagger JSON schema, once per process.
  const findings = runChecks(compiled(swagger, LARGE_DOCUMENT_API));
  if (findings.length > 0) {
    process.stderr.write(`bench: the checks found ${findings.length} problems in the synthetic document (see test/check/large-document.test.ts)\n`);
    return 1;
  }
  const runs = 50;
  // Fresh copies, so that nothing memoized per document is reused.
  const times = Array.from({ length: runs }, () => compiled(structuredClone(swagger), LARGE_DOCUMENT_API)).map((connector) => {
    const started = performance.now();
    runChecks(connector);
    return performance.now() - started;
  });
  // The median: other work on the machine moves it less than the mean.
  const sorted = times.sort((a, b) => a - b);
  const median = sorted[runs >> 1]!;
  process.stdout.write(
    `runChecks over 200 operations: median ${median.toFixed(2)} ms (fastest ${sorted[0]!.toFixed(2)} ms, slowest ${sorted[runs - 1]!.toFixed(2)} ms) over ${runs} runs, ${process.version}\n` +
      (median < CHECK_BUDGET_MS ? '' : `over the ${CHECK_BUDGET_MS} ms budget: a slower check, or a busy machine (run it again when idle)\n`),
  );
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Parent side

function runTimed(command: string, args: string[], logFile: string, cwd = ROOT): Promise<{ wallMs: number; exitCode: number }> {
  return new Promise((resolvePromise, reject) => {
    const fd = openSync(logFile, 'w');
    const started = performance.now();
    const p = spawn(command, args, { cwd, stdio: ['ignore', fd, fd], env: { ...process.env, CI: '1' } });
    p.on('error', (e) => {
      closeSync(fd);
      reject(e);
    });
    p.on('close', (code) => {
      closeSync(fd);
      resolvePromise({ wallMs: performance.now() - started, exitCode: code ?? -1 });
    });
  });
}

async function phase(tmp: string, name: string, args: string[]): Promise<PhaseReport & { wallMs: number; log: string }> {
  const slug = name.replace(/\W+/g, '-');
  const report = join(tmp, `${slug}.report.json`);
  const log = join(tmp, `${slug}.log`);
  const { wallMs, exitCode } = await runTimed(process.execPath, [SELF, '--child', '--report', report, ...args], log);
  if (!existsSync(report)) throw new Error(`phase ${name} failed (exit ${exitCode}); see ${log}:\n${readFileSync(log, 'utf8').slice(-2000)}`);
  return { ...(JSON.parse(readFileSync(report, 'utf8')) as PhaseReport), wallMs, log };
}

/** `Built 1000 connectors (12345 operations) …` → counts. */
function summaryCounts(log: string): { connectors: number; operations: number } {
  const m = /(?:Built|Checked) (\d+) connectors? \((\d+) operations?\)/.exec(readFileSync(log, 'utf8'));
  return m ? { connectors: Number(m[1]), operations: Number(m[2]) } : { connectors: 0, operations: 0 };
}

function fmtRow(r: Row): string {
  const secs = r.wallMs / 1000;
  const opsPerSec = secs > 0 ? Math.round(r.operations / secs) : 0;
  const rss = r.maxRssKb === undefined ? 'n/a' : `${Math.round(r.maxRssKb / 1024)} MB`;
  return [
    r.phase.padEnd(24),
    String(r.connectors).padStart(10),
    String(r.operations).padStart(11),
    secs.toFixed(2).padStart(8),
    String(opsPerSec).padStart(9),
    rss.padStart(9),
    r.note ? ` ${r.note}` : '',
  ].join(' ').trimEnd();
}

function header(): string {
  return ['phase'.padEnd(24), 'connectors'.padStart(10), 'operations'.padStart(11), 'wall s'.padStart(8), 'ops/s'.padStart(9), 'peak RSS'.padStart(9)].join(' ');
}

const usage = `Usage: npm run bench -- [--corpus <dir>] [--times N | --shape real [--size N]] [--jobs 1,2] [--keep]
       npm run bench -- --check-speed

  --corpus <dir>   Corpus of <category>/<name>/apiDefinition.swagger.json (default ${DEFAULT_CORPUS};
                   with --shape real, ${DEFAULT_CORPORA.join(' and ')})
  --times <N>      Replicate the corpus N times, ids <id>-<k> (default 1)
  --shape real     Instead, draw --size connectors (default 1000) with the spread of sizes of the
                   ~1,000 public connectors, as npm run bench:site does (scripts/connector-sample.ts)
  --jobs <list>    Thread settings to compare for build and check, like 1,2 or auto (default 1,2)
  --keep           Keep the temporary folder
  --check-speed    Only time every check over a synthetic 200-operation document (median of 50 runs)
`;

async function parent(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { corpus: { type: 'string' }, times: { type: 'string' }, shape: { type: 'string' }, size: { type: 'string' }, jobs: { type: 'string' }, keep: { type: 'boolean' }, 'check-speed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message.split('\n')[0]}\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (values['check-speed']) return checkSpeed();
  const shape = values.shape === 'real' ? 'real' : 'uniform';
  if (values.shape !== undefined && values.shape !== 'real' && values.shape !== 'uniform') {
    process.stderr.write(`bench: --shape takes real or uniform\n`);
    return 2;
  }
  const times = Number(values.times ?? 1);
  if (!Number.isInteger(times) || times < 1) {
    process.stderr.write(`bench: --times expects a positive integer\n`);
    return 2;
  }
  const size = Number(values.size ?? 1000);
  if (!Number.isInteger(size) || size < 1) {
    process.stderr.write(`bench: --size expects a positive integer\n`);
    return 2;
  }
  const jobsList = (values.jobs ?? '1,2').split(',').map((s) => s.trim()).filter(Boolean);
  const corpora = values.corpus !== undefined ? [resolve(values.corpus)] : shape === 'real' ? DEFAULT_CORPORA.map((c) => join(ROOT, c)) : [join(ROOT, DEFAULT_CORPUS)];
  const absent = corpora.find((c) => !existsSync(c));
  if (absent !== undefined) {
    process.stdout.write(`bench: skipped, no corpus at ${absent} (pass --corpus <dir>)\n`);
    return 0;
  }
  const entries = shape === 'uniform' ? listCorpus(corpora[0]!) : [];
  const corpus = shape === 'real' ? readCorpus(corpora) : undefined;
  if (shape === 'uniform' ? entries.length === 0 : corpus!.connectors.length === 0) {
    process.stdout.write(`bench: skipped, no <category>/<name>/${SWAGGER} under ${corpora.join(', ')}\n`);
    return 0;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'plugboard-bench-'));
  let chosen: PlanEntry[];
  let drawnLines: string[] = [];
  if (corpus) {
    const drawn = writeDrawn(drawConnectors(corpus.connectors, size), join(tmp, 'drawn'));
    chosen = drawn.map((d) => ({ id: d.id, dir: d.dir, copies: 1 }));
    drawnLines = describeDraw(drawn);
  } else {
    chosen = entries.map((e) => ({ ...e, copies: times }));
  }
  const total = chosen.reduce((n, e) => n + e.copies, 0);
  const planFile = join(tmp, 'plan.json');
  writeFileSync(planFile, JSON.stringify(chosen));
  const connectorsDir = join(tmp, 'connectors');
  const rows: Row[] = [];
  const print = (r: Row) => {
    rows.push(r);
    process.stdout.write(fmtRow(r) + '\n');
  };
  try {
    process.stdout.write(
      `plugboard bench: ${corpus ? `${total} connectors drawn from ${corpus.connectors.length} corpus connectors with the real-world spread of sizes` : `${entries.length} corpus connectors × ${times} = ${total} connectors`}, ${process.version}, temp ${tmp}\n${drawnLines.map((l) => `${l}\n`).join('')}\n${header()}\n`,
    );

    const imp = await phase(tmp, 'import', ['--phase', 'import', '--plan', planFile, '--target', connectorsDir]);
    print({ phase: 'import', connectors: imp.connectors, operations: imp.operations, wallMs: imp.wallMs, maxRssKb: imp.maxRssKb, ...(imp.note ? { note: imp.note } : {}) });

    const checks: Row[] = [];
    for (const command of ['build', 'check'] as const) {
      for (const jobs of jobsList) {
        const out = join(tmp, 'dist');
        const args = [command, '--connectors', connectorsDir, '--jobs', jobs, ...(command === 'build' ? ['--out', out] : [])];
        const r = await phase(tmp, `${command}-${jobs}`, ['--', ...args]);
        const counts = summaryCounts(r.log);
        const label = jobs === '1' ? '1 thread' : jobs === 'auto' ? 'auto' : `${jobs} workers`;
        // Exit 0 or 1 is a run (1: some connector has errors); 2 is a crash or bad usage.
        const crash = r.exitCode > 1 ? readFileSync(r.log, 'utf8').split('\n').find((l) => l.startsWith('plugboard')) : undefined;
        const row: Row = {
          phase: `${command} (${label})`,
          ...counts,
          wallMs: r.wallMs,
          maxRssKb: r.maxRssKb,
          note: `exit ${r.exitCode}${crash ? `: ${crash}` : ''}`,
        };
        print(row);
        if (command === 'check' && r.exitCode <= 1) checks.push(row);
      }
    }

    // `--cache`: a first run fills the cache (cold), a second finds every connector in it (warm),
    // as a CI job that restores its cache on a pull request that changed no connector.
    const cacheDir = join(tmp, 'cache');
    for (const state of ['cold', 'warm'] as const) {
      const r = await phase(tmp, `check-cache-${state}`, ['--', 'check', '--connectors', connectorsDir, '--cache-location', cacheDir]);
      print({ phase: `check (--cache, ${state})`, ...summaryCounts(r.log), wallMs: r.wallMs, maxRssKb: r.maxRssKb, note: `exit ${r.exitCode}` });
    }

    const redocly = join(ROOT, 'node_modules', '@redocly', 'cli', 'package.json');
    let redoclyRow: Row | undefined;
    if (!existsSync(redocly)) {
      process.stdout.write(`\nredocly: skipped, @redocly/cli is not installed (npm install -D @redocly/cli@2.77.0)\n`);
    } else {
      // The same Swagger files plugboard imported, one copy per replica.
      const files: string[] = [];
      let operations = 0;
      for (const entry of chosen) {
        const ops = countOperations(join(entry.dir, SWAGGER));
        for (const id of replicaIds(entry)) {
          const file = join(tmp, 'redocly', id, SWAGGER);
          mkdirSync(dirname(file), { recursive: true });
          cpSync(join(entry.dir, SWAGGER), file);
          files.push(file);
          operations += ops;
        }
      }
      const log = join(tmp, 'redocly.log');
      const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
      const rssFile = join(tmp, 'redocly.rss');
      const cmd = ['npx', '--no-install', 'redocly', 'lint', '--format=summary', ...files];
      const { wallMs, exitCode } = timeBin
        ? await runTimed(timeBin, ['-o', rssFile, '-f', '%M', ...cmd], log)
        : await runTimed(cmd[0]!, cmd.slice(1), log);
      const validated = (readFileSync(log, 'utf8').match(/: validated in /g) ?? []).length;
      const rss = timeBin && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : undefined;
      redoclyRow = {
        phase: 'redocly lint',
        connectors: validated,
        operations,
        wallMs,
        maxRssKb: Number.isFinite(rss) ? rss : undefined,
        note: `exit ${exitCode}${validated !== files.length ? `, validated ${validated} of ${files.length}` : ''}`,
      };
      process.stdout.write('\n');
      print(redoclyRow);
    }

    process.stdout.write('\n');
    const bestCheck = checks.reduce<Row | undefined>((best, r) => (!best || r.wallMs < best.wallMs ? r : best), undefined);
    if (redoclyRow && bestCheck) {
      process.stdout.write(`Redocly lint / plugboard ${bestCheck.phase}: ${(redoclyRow.wallMs / bestCheck.wallMs).toFixed(2)}× the time\n`);
    }
    process.stdout.write(
      'Wall time includes process start-up. Peak RSS is process.resourceUsage().maxRSS of each phase\'s own process:\n' +
        'with worker threads it covers the main thread and every worker together. Redocly\'s is from /usr/bin/time (npx and its child).\n',
    );
    return 0;
  } finally {
    if (values.keep) process.stdout.write(`kept ${tmp}\n`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv.slice(1));
else process.exitCode = await parent(argv);

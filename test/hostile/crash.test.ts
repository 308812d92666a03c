/**
 * One connector never stops the others: a connector plugboard fails on (in any phase, in the main
 * thread or a worker thread, or by killing its worker) becomes a connector-internal-error on it and
 * the run goes on; `build --out` deletes only what it wrote itself.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/build/connector.ts';
import type { Job } from '../../src/build/connectors.ts';
import { buildConnectors, type BuildOptions } from '../../src/build/index.ts';
import { MANIFEST } from '../../src/build/out-folder.ts';
import type { Outcome } from '../../src/build/outcome.ts';
import { exitStatus } from '../../src/cli/commands/build.ts';
import { json } from '../../src/cli/formatters/json.ts';
import { stylish } from '../../src/cli/formatters/stylish.ts';
import { compileConnectors } from '../../src/site/compile-all.ts';
import { actionMdx, cli, connectorMdx, readTree, tempDir, writeFiles } from '../cli/helpers.ts';
import crashView from './fixtures/crash-view.ts';

const WORKER_STEPS = new URL('./fixtures/crash-steps.ts', import.meta.url).href;
const CRASH_VIEW = new URL('./fixtures/crash-view.ts', import.meta.url).href;

/** The outcomes of building `jobs` (what `build`/`check` and the site run). */
async function compileAll(jobs: readonly Job[], options: BuildOptions<never>): Promise<Outcome[]> {
  return (await buildConnectors(jobs, options)).outcomes;
}

/** Connectors `ids` under `<cwd>/connectors`, one action each; returns their jobs. */
function project(ids: readonly string[], cwd = tempDir()): { cwd: string; jobs: Job[] } {
  for (const id of ids) {
    writeFiles(join(cwd, 'connectors', id), { 'connector.mdx': connectorMdx(id), 'actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service') });
  }
  return { cwd, jobs: ids.map((id) => ({ id, dir: join(cwd, 'connectors', id), display: `connectors/${id}` })) };
}

const boom = (id: string) => (name: string) => {
  if (name === id) throw new Error('boom\nat a second line');
};

describe('a connector that throws, in the main thread', () => {
  it('is a connector-internal-error on its connector.mdx; the others are compiled; exit status 1', async () => {
    const { jobs } = project(['alpha', 'beta', 'gamma']);
    const fail = boom('beta');
    const outcomes = await compileAll(jobs, {
      threads: 1,
      steps: { compile: (source, checks) => (fail(source.id), STEPS.compile(source, checks)) },
    });
    expect(outcomes.map((o) => [o.id, o.operations, !!o.crash])).toEqual([['alpha', 1, false], ['beta', 0, true], ['gamma', 1, false]]);
    const diagnostics = outcomes.flatMap((o) => o.diagnostics);
    expect(diagnostics.map(String)).toEqual([
      'connectors/beta/connector.mdx:1:1-1:1: plugboard failed on this connector while compiling: boom (connector-internal-error)',
    ]);
    expect(diagnostics[0]!.url).toMatch(/#connector-internal-error$/);
    expect(exitStatus(outcomes)).toBe(1);
    expect(exitStatus(outcomes.filter((o) => o.id !== 'beta'))).toBe(0);

    const report = JSON.parse(json(diagnostics, { color: false })) as Array<{ ruleId: string; severity: string; file: string; place: unknown }>;
    expect(report).toEqual([
      expect.objectContaining({ ruleId: 'connector-internal-error', severity: 'error', file: 'connectors/beta/connector.mdx', place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }),
    ]);
    expect(stylish(diagnostics, { color: false })).toContain('connectors/beta/connector.mdx:1:1  error  plugboard failed on this connector while compiling: boom  connector-internal-error');
  });

  it('names the phase, and keeps the fingerprint when the wording of the error changes', async () => {
    const { jobs } = project(['loads', 'checks', 'writes']);
    const out = join(tempDir(), 'out');
    const run = (message: string) =>
      compileAll(jobs, {
        out: { dir: out, prune: false },
        threads: 1,
        steps: {
          load: (job) => (job.id === 'loads' ? (() => { throw new Error(message); })() : STEPS.load(job)),
          check: (connector) => {
            if ((connector.swagger.info as { title?: string }).title === 'checks') throw new RangeError(message);
            return STEPS.check(connector);
          },
          write: (result, target, previous) => (result.id === 'writes' ? (() => { throw new Error(message); })() : STEPS.write(result, target, previous)),
        },
      });
    const first = await run('first wording');
    expect(first.map((o) => o.crash?.phase)).toEqual(['loading', 'checking', 'writing']);
    expect(first.flatMap((o) => o.diagnostics).map((d) => d.message)).toEqual([
      'plugboard failed on this connector while loading: first wording',
      'plugboard failed on this connector while checking: first wording',
      'plugboard failed on this connector while writing: first wording',
    ]);
    const second = await run('other wording');
    expect(second.flatMap((o) => o.diagnostics).map((d) => d.fingerprint)).toEqual(first.flatMap((o) => o.diagnostics).map((d) => d.fingerprint));
  });

  it('survives a stack overflow in one connector', async () => {
    const { jobs } = project(['deep', 'fine']);
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const outcomes = await compileAll(jobs, { threads: 1, steps: { compile: (s, c) => (s.id === 'deep' ? (recurse(0), STEPS.compile(s, c)) : STEPS.compile(s, c)) } });
    expect(outcomes[0]!.diagnostics.map((d) => d.message)).toEqual(['plugboard failed on this connector while compiling: Maximum call stack size exceeded']);
    expect(outcomes[1]!.crash).toBeUndefined();
  });
});

describe('worker threads', () => {
  it('report a connector that throws, and survive workers that exit or die of an uncaught error', async () => {
    const ids = ['alpha', 'exits', 'throws', 'uncaught', 'zeta', 'omega'];
    const { jobs } = project(ids);
    const outcomes = await compileAll(jobs, { threads: 2, workerSteps: WORKER_STEPS });
    expect(outcomes.map((o) => o.id)).toEqual(ids);
    expect(outcomes.filter((o) => !o.crash).map((o) => o.id)).toEqual(['alpha', 'uncaught', 'zeta', 'omega']);
    expect(outcomes.flatMap((o) => o.diagnostics).map(String)).toEqual([
      'connectors/exits/connector.mdx:1:1-1:1: plugboard failed on this connector while compiling: the worker thread stopped (exit code 7) (connector-internal-error)',
      'connectors/throws/connector.mdx:1:1-1:1: plugboard failed on this connector while compiling: boom in a worker (connector-internal-error)',
    ]);
    expect(exitStatus(outcomes)).toBe(1);
  });

  it('end when every worker dies, each connector reported once', async () => {
    const ids = ['exits-a', 'exits-b', 'exits-c', 'exits-d', 'exits-e'];
    const { jobs } = project(ids);
    const outcomes = await compileAll(jobs, { threads: 2, workerSteps: WORKER_STEPS });
    expect(outcomes.map((o) => o.diagnostics.map((d) => d.message))).toEqual(ids.map(() => ['plugboard failed on this connector while compiling: the worker thread stopped (exit code 7)']));
  });

  it('end when no worker can even start', async () => {
    const { jobs } = project(['alpha', 'beta', 'gamma']);
    const outcomes = await compileAll(jobs, { threads: 2, workerSteps: new URL('./fixtures/no-such-module.ts', import.meta.url).href });
    for (const o of outcomes) expect(o.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^plugboard failed on this connector while compiling: .*(worker thread failed: Cannot find module|no worker thread was left)/)]);
  });
});

describe('plugboard build on the command line', () => {
  it('prints the internal error in the JSON report, counts the failed connector and exits 1', () => {
    const { cwd } = project(['alpha', 'beta', 'gamma']);
    // A file where beta's package folder goes: writing it throws EEXIST.
    writeFiles(cwd, { 'packages/beta': 'not a folder' });
    for (const jobs of ['1', '2']) {
      const r = cli(['build', '--format', 'json', '--jobs', jobs], cwd);
      const report = JSON.parse(r.stdout) as Array<{ ruleId: string; file: string; message: string }>;
      expect(report).toEqual([
        expect.objectContaining({ ruleId: 'connector-internal-error', file: 'connectors/beta/connector.mdx', message: expect.stringMatching(/^plugboard failed on this connector while writing: EEXIST/) }),
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Built 3 connectors \(2 operations\) into packages in [\d.]+s: 1 error, 0 warnings, 1 connector failed\n$/);
    }
    expect(readFileSync(join(cwd, 'packages/beta'), 'utf8')).toBe('not a folder');
  });
});

describe('build --out', () => {
  // --out shared with files plugboard did not write, like a site's pages beside the packages.
  const build = (args: string[], cwd: string) => cli(['build', '--out', 'dist/connectors', ...args], cwd);
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000e6000000e60806000000', 'hex');

  it('removes the packages of deleted connectors, and nothing it did not write', () => {
    const { cwd } = project(['alpha', 'beta', 'gamma']);
    writeFiles(join(cwd, 'connectors'), { 'alpha/icon.png': PNG, 'alpha/docs/notes.txt': 'nested asset\n' });
    const out = join(cwd, 'dist/connectors');
    expect(build([], cwd).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).packages.beta).toEqual(['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md']);

    // What plugboard did not write: site pages beside packages, a foreign folder, symlinks, a file beside --out.
    const outside = join(cwd, 'outside');
    writeFiles(outside, { 'apiDefinition.swagger.json': 'outside\n', 'apiProperties.json': 'outside\n', 'readme.md': 'outside\n' });
    writeFiles(cwd, {
      'dist/index.html': 'site home\n',
      'dist/connectors/alpha/index.html': 'site page\n',
      'dist/connectors/beta/index.html': 'site page\n',
      'dist/connectors/foreign/apiDefinition.swagger.json': '{}\n',
      'dist/connectors/foreign/apiProperties.json': '{}\n',
    });
    symlinkSync(outside, join(out, 'linked'));
    // A manifest that claims more than plugboard wrote: a symlinked folder, paths leaving --out.
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
    manifest.packages.linked = ['apiDefinition.swagger.json', 'readme.md'];
    manifest.packages['..'] = ['outside/readme.md'];
    manifest.packages.foreign2 = ['../outside/readme.md', '/etc/hostname'];
    writeFileSync(join(out, MANIFEST), JSON.stringify(manifest));

    rmSync(join(cwd, 'connectors/beta'), { recursive: true });
    rmSync(join(cwd, 'connectors/gamma'), { recursive: true });
    rmSync(join(cwd, 'connectors/alpha/docs'), { recursive: true });
    const r = build([], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 1 connector \(1 operation\) into dist\/connectors in [\d.]+s: no problems; removed the packages of 2 deleted connectors\n$/);
    expect([...readTree(join(cwd, 'dist')).keys()].filter((f) => !f.startsWith('connectors/linked/'))).toEqual([
      `connectors/${MANIFEST}`,
      'connectors/alpha/apiDefinition.swagger.json',
      'connectors/alpha/apiProperties.json',
      'connectors/alpha/icon.png',
      'connectors/alpha/index.html',
      'connectors/alpha/readme.md',
      'connectors/beta/index.html',
      'connectors/foreign/apiDefinition.swagger.json',
      'connectors/foreign/apiProperties.json',
      'index.html',
    ]);
    expect(existsSync(join(out, 'gamma'))).toBe(false);
    expect(lstatSync(join(out, 'linked')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(out, 'linked'))).toBe(outside);
    expect([...readTree(outside).values()].map(String)).toEqual(['outside\n', 'outside\n', 'outside\n']);
    expect(Object.keys(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).packages)).toEqual(['alpha']);
  });

  it('removes nothing when ids are given, or when no connector is left', () => {
    const { cwd } = project(['alpha', 'beta']);
    expect(build([], cwd).code).toBe(0);
    rmSync(join(cwd, 'connectors/beta'), { recursive: true });
    expect(build(['alpha'], cwd).code).toBe(0);
    expect(existsSync(join(cwd, 'dist/connectors/beta/apiProperties.json'))).toBe(true);
    rmSync(join(cwd, 'connectors/alpha'), { recursive: true });
    expect(build([], cwd)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^plugboard build: no connector in connectors\/: /) });
    expect(existsSync(join(cwd, 'dist/connectors/alpha/apiProperties.json'))).toBe(true);
    expect(build([], project(['gamma'], cwd).cwd).stdout).toContain('removed the packages of 2 deleted connectors');
    expect(existsSync(join(cwd, 'dist/connectors/beta'))).toBe(false);
  });

  it('writes through no symlink: a link in a package is replaced, a linked package folder refused', () => {
    const { cwd } = project(['alpha', 'beta']);
    const target = join(cwd, 'target.txt');
    writeFileSync(target, 'untouched\n');
    mkdirSync(join(cwd, 'dist/connectors/alpha'), { recursive: true });
    symlinkSync(target, join(cwd, 'dist/connectors/alpha/readme.md'));
    mkdirSync(join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'dist/connectors/beta'));
    const r = build(['--format', 'json'], cwd);
    expect(r.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(lstatSync(join(cwd, 'dist/connectors/alpha/readme.md')).isFile()).toBe(true);
    expect(readTree(join(cwd, 'elsewhere')).size).toBe(0);
    const report = JSON.parse(r.stdout) as Array<{ ruleId: string; file: string; message: string }>;
    expect(report).toEqual([
      expect.objectContaining({ ruleId: 'connector-internal-error', file: 'connectors/beta/connector.mdx', message: expect.stringMatching(/while writing: .*beta is a symbolic link or not a folder/) }),
    ]);
  });
});

describe('the site compile', () => {
  const view = { view: crashView, module: CRASH_VIEW };

  it('gives a failed entry for a connector whose page data throws, and builds the others', async () => {
    const { cwd, jobs } = project(['alpha', 'throws', 'gamma']);
    for (const threads of [1, 2]) {
      const { connectors } = await compileConnectors(jobs, join(cwd, `packages-${threads}`), { all: true, threads, view });
      expect(connectors.map((c) => [c.id, c.title, c.operations.length, c.validation])).toEqual([
        ['alpha', 'alpha', 1, 'valid'],
        ['gamma', 'gamma', 1, 'valid'],
        ['throws', 'throws', 0, 'errors'],
      ]);
      expect(connectors[2]!.diagnostics.map((d) => d.text)).toEqual([
        'connectors/throws/connector.mdx:1:1-1:1: plugboard failed on this connector while building the site: boom in the page data (connector-internal-error)',
      ]);
      expect(connectors[2]!.packageFiles).toEqual([]);
    }
  });

  it('survives a worker thread that exits', async () => {
    const { cwd, jobs } = project(['alpha', 'beta', 'exits', 'gamma', 'omega']);
    const { connectors } = await compileConnectors(jobs, join(cwd, 'packages'), { all: true, threads: 2, view });
    expect(connectors).toHaveLength(5);
    expect(connectors.filter((c) => c.errors > 0).map((c) => [c.id, c.diagnostics.map((d) => d.message)])).toEqual([
      ['exits', ['plugboard failed on this connector while compiling: the worker thread stopped (exit code 3)']],
    ]);
    expect(connectors.filter((c) => c.errors === 0).map((c) => c.packageFiles.length)).toEqual([3, 3, 3, 3]);
  });
});

/**
 * The package as a connector repository gets it: `npm pack` (prepack builds lib/), the tarball
 * installed with `npm i -D` into a scratch git repository holding two connectors, then the
 * installed `plugboard` run there with this Node: check, build, site under a base path, init. The
 * tarball holds the built code and nothing of the repository's tests or tooling, and on a Node
 * older than engines.node the command says so in one line and exits 2. npm runs offline from the
 * cache this repository's `npm ci` filled; without it the installing tests are skipped, saying why.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/connectors');
const CONNECTORS = ['github-issues', 'open-meteo'];
const REMOTE = 'git@github.com:acme/power-connectors.git';
/** Packing compiles lib/ and installing may fetch from the cache: minutes on a busy 2-core machine. */
const SLOW = 10 * 60_000;

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'plugboard-install-')));
const repo = join(tmp, 'repo');
const timings: Record<string, number> = {};

/** npm's own script, run by this Node (npm on PATH may run on an older system Node). */
function npmCli(): string {
  if (process.env.npm_execpath?.endsWith('.js')) return process.env.npm_execpath;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const npm = join(dir, 'npm');
    if (existsSync(npm)) return realpathSync(npm);
  }
  throw new Error('npm is not on PATH');
}

/** This environment without what would steer the children: npm's run-script variables, plugboard's and CI's settings. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_(?!config_(cache|registry)$)|PLUGBOARD_|GITHUB_)/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function timed(label: string, command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf8', timeout: SLOW, maxBuffer: 64 * 1024 * 1024 });
  timings[label] = (performance.now() - started) / 1000;
  return result;
}

function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n${r.stdout}\n${r.stderr}`;
}

/** npm failing for want of a network, not of the package: the installing tests are skipped then. */
const OFFLINE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network/i;

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

let packed: Packed;
let tarball: string;
let bin: string;
let skipReason: string | undefined;

function plugboard(label: string, args: readonly string[], cwd = repo): SpawnSyncReturns<string> {
  return timed(label, process.execPath, [bin, ...args], cwd);
}

beforeAll(() => {
  const pack = timed('pack', process.execPath, [npmCli(), 'pack', '--json', '--pack-destination', tmp], ROOT);
  if (pack.status !== 0) throw new Error(`npm pack failed: ${output(pack)}`);
  // prepack's own output comes first on stdout.
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Packed[])[0]!;
  tarball = join(tmp, packed.filename);

  mkdirSync(join(repo, 'connectors'), { recursive: true });
  for (const id of CONNECTORS) cpSync(join(FIXTURES, id), join(repo, 'connectors', id), { recursive: true });
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'scratch-connectors', private: true }, null, 2) + '\n');
  for (const args of [['init', '-q', '-b', 'main'], ['remote', 'add', 'origin', REMOTE]]) {
    const git = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    if (git.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${output(git)}`);
  }
  const install = timed('install', process.execPath, [npmCli(), 'i', '-D', tarball, '--prefer-offline', '--no-audit', '--no-fund'], repo);
  if (install.status !== 0) {
    if (OFFLINE.test(install.stderr)) skipReason = `npm could not install offline (${install.stderr.split('\n').find((l) => OFFLINE.test(l))?.trim()})`;
    else throw new Error(`npm i -D ${packed.filename} failed: ${output(install)}`);
  }
  bin = join(repo, 'node_modules', 'plugboard', 'lib', 'cli', 'bin.js');
}, SLOW);

afterAll(() => {
  const figures = Object.entries(timings).map(([label, s]) => `${label} ${s.toFixed(1)} s`);
  if (packed) figures.unshift(`tarball ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.entryCount} files`);
  console.info(`plugboard package: ${figures.join('; ')}`);
  rmSync(tmp, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the built code, the editor schemas and the site config, and nothing of the tests or tooling', () => {
    const paths = packed.files.map((f) => f.path);
    const allowed = /^(package\.json|README\.md|astro\.config\.mjs|lib\/.+\.(js|astro|css)|src\/model\/json-schema\/[a-z]+\.schema\.json)$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|tests|fixtures|scripts|dist|\.astro|node_modules)(\/|$)/.test(p))).toEqual([]);
    expect(paths).toContain('lib/cli/bin.js');
    expect(paths).toContain('lib/content.config.js');
    expect(paths).toContain('lib/pages/index.astro');
    // Node strips no types under node_modules: a .ts left in lib/ (or imported from an .astro view) could not run.
    for (const view of paths.filter((p) => p.endsWith('.astro'))) {
      expect(readFileSync(join(ROOT, view), 'utf8'), view).not.toMatch(/from\s*['"]\.{1,2}\/[^'"]+\.ts['"]/);
    }
  });

  it('on a Node older than engines.node, says which Node it found and what it needs, in one line, and exits 2', (ctx) => {
    const system = '/usr/bin/node';
    const version = existsSync(system) ? spawnSync(system, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
    const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
    if (!version || major > 22 || (major === 22 && minor >= 12)) return ctx.skip(`no Node older than 22.12 at ${system}`);
    // The launcher of this checkout's lib/ (just built by the pack), as the installed copy is.
    const r = spawnSync(system, [join(ROOT, 'lib/cli/bin.js'), 'check'], { cwd: tmp, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`plugboard needs Node.js 22.12 or newer; this is Node.js ${version.slice(1)} (${system}).\n`);
  });
});

describe('installed into a connector repository', () => {
  it('checks the connectors', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const r = plugboard('check', ['check']);
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout).toMatch(/Checked 2 connectors/);
  });

  it('builds their packages', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const r = plugboard('build', ['build']);
    expect(r.status, output(r)).toBe(0);
    for (const id of CONNECTORS) {
      expect(existsSync(join(repo, 'packages', id, 'apiDefinition.swagger.json')), id).toBe(true);
      expect(existsSync(join(repo, 'packages', id, 'apiProperties.json')), id).toBe(true);
    }
  });

  it('builds the site under a base path, with edit links into the repository', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const out = join(tmp, 'site');
    const before = readdirSync(repo).sort();
    const r = plugboard('site', ['site', '--out', out, '--base', '/docs/']);
    expect(r.status, output(r)).toBe(0);
    // Nothing written into the repository but under node_modules (Astro's caches).
    expect(readdirSync(repo).sort()).toEqual(before);
    expect(existsSync(join(out, 'pagefind', 'pagefind.js'))).toBe(true);

    const home = readFileSync(join(out, 'index.html'), 'utf8');
    const page = readFileSync(join(out, 'connectors', 'github-issues', 'index.html'), 'utf8');
    for (const [name, html] of [['index.html', home], ['connectors/github-issues/index.html', page]] as const) {
      const rooted = [...html.matchAll(/\b(?:href|src|action)="(\/[^"]*)"/g)].map((m) => m[1]!);
      expect(rooted.length, name).toBeGreaterThan(0);
      expect(rooted.filter((u) => !u.startsWith('/docs/')), name).toEqual([]);
    }
    expect(home).toContain('href="/docs/connectors/github-issues/"');
    expect(home).toContain('"/docs/"'); // the base the search script loads Pagefind from

    const edits = [...page.matchAll(/<a href="([^"]+)"[^>]*>Edit this file<\/a>/g)].map((m) => m[1]!);
    expect(edits).toEqual(['https://github.com/acme/power-connectors/edit/main/connectors/github-issues/connector.mdx']);
    const operation = readFileSync(join(out, 'connectors', 'github-issues', 'CreateIssue', 'index.html'), 'utf8');
    expect(operation).toContain('href="https://github.com/acme/power-connectors/edit/main/connectors/github-issues/actions/CreateIssue.mdx"');
    expect(operation).not.toMatch(/\/edit\/[^"]*\.\./);
  });

  it('scaffolds, imports and exports connectors, linking the editor schemas it ships', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const made = plugboard('new', ['new', 'demo-thing', '--connectors', join(tmp, 'more')]);
    expect(made.status, output(made)).toBe(0);
    const schema = /\$schema=(\S+)/.exec(readFileSync(join(tmp, 'more', 'demo-thing', 'connector.mdx'), 'utf8'))?.[1];
    expect(schema && existsSync(join(tmp, 'more', 'demo-thing', schema)), schema).toBe(true);
    const imported = plugboard('import', ['import', join(repo, 'packages', 'github-issues'), '--connectors', join(tmp, 'imported')]);
    expect(imported.status, output(imported)).toBe(0);
    expect(existsSync(join(tmp, 'imported', 'github-issues', 'connector.mdx'))).toBe(true);
    const exported = plugboard('export', ['export', 'open-meteo', '--to', 'openapi3', '--out', join(tmp, 'open-meteo.json')]);
    expect(exported.status, output(exported)).toBe(0);
    expect((JSON.parse(readFileSync(join(tmp, 'open-meteo.json'), 'utf8')) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });

  it('makes a new connector repository with init', (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const fresh = join(tmp, 'fresh');
    mkdirSync(fresh);
    const r = plugboard('init', ['init'], fresh);
    expect(r.status, output(r)).toBe(0);
    const pkg = JSON.parse(readFileSync(join(fresh, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    expect(Object.keys(pkg.devDependencies ?? {})).toContain('plugboard');
    expect(existsSync(join(fresh, 'connectors'))).toBe(true);
    expect(existsSync(join(fresh, '.gitignore'))).toBe(true);
  });
});

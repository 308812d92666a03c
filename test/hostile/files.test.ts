/**
 * Files of a connector folder from a hostile pull request: only regular files inside the folder are
 * read or copied. Every symlink, FIFO and device below is made by the test at run time; for each,
 * the expected diagnostic (rule id, file), and nothing of its target appears in the compile result,
 * in what `plugboard build` writes or in what it prints. The same for a downloaded Power Platform
 * folder given to `import`, and for the cache key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { ConnectorCache } from '../../src/build/cache.ts';
import { listConnectorDirs } from '../../src/build/connectors.ts';
import { compile, type CompileResult } from '../../src/compiler/index.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { LIMITS } from '../../src/core/safe-fs.ts';
import { importSource } from '../../src/import/index.ts';
import { buildSiteConnector, connectorPackage } from '../../src/site/connectors.ts';
import { assetNames, packageFile, zipResponse } from '../../src/site/endpoints.ts';
import { readSwaggerFile } from '../../src/import/powerplatform.ts';
import { MAIN, actionMdx, connectorMdx, readTree, tempDir, writeFiles } from '../cli/helpers.ts';

/** Set in the environment of the CLI runs: a link to /proc/self/environ would carry it out. */
const SECRET = 'PLUGBOARD_TEST_SECRET_7f3a9c1e';
/** A line of /etc/passwd (every Linux has root), and the text of files outside the folder. */
const PASSWD_LINE = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
const OUTSIDE = 'OUTSIDE_THE_FOLDER_5d2b';

/** What must appear nowhere: the secret, the passwd line, the outside marker. */
const LEAKS = [SECRET, PASSWD_LINE, OUTSIDE];

function expectNoLeak(text: string, where: string): void {
  for (const leak of LEAKS) expect(text.includes(leak), `${leak} in ${where}`).toBe(false);
}

/** The CLI with a secret in its environment, killed (and failed) after 60 s instead of hanging. */
function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1', PLUGBOARD_TEST_SECRET: SECRET };
  delete env.PLUGBOARD_DEBUG;
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  expect(r.error, 'the CLI finished in time').toBeUndefined();
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything a compile result holds, as one text: documents, readme, assets, diagnostics. */
function resultText(result: CompileResult): string {
  return [
    JSON.stringify(result.swagger),
    JSON.stringify(result.apiProperties),
    result.readme,
    ...[...result.assets].map(([name, bytes]) => `${name}\n${bytes.toString('latin1')}`),
    ...result.diagnostics.map((d) => JSON.stringify(d)),
  ].join('\n');
}

const found = (result: CompileResult) => result.diagnostics.map((d) => `${d.ruleId} ${d.file} ${d.range}`);

/**
 * A project whose connector `evil` holds every kind of hostile entry beside good files, a connector
 * `links` whose `actions/` folder is a symlink, the connector folders `etc -> /etc` and `borrowed`
 * (a symlink to a connector outside the project), and a clean connector `good`.
 */
function project(): string {
  const cwd = tempDir();
  const outside = join(cwd, 'outside');
  writeFiles(outside, {
    'secret.txt': `${OUTSIDE}\n`,
    'actions/Exfiltrate.mdx': actionMdx('GET /steal', `Steal ${OUTSIDE}`),
    'connector/connector.mdx': connectorMdx(`Borrowed ${OUTSIDE}`),
  });
  const evil = join(cwd, 'connectors/evil');
  writeFiles(evil, {
    'connector.mdx': connectorMdx('Evil'),
    'actions/GetItem.mdx': actionMdx('GET /items/{id}', 'Get an item'),
    'icon.png': Buffer.from('89504e470d0a1a0a0000000d49484452000000e6000000e60806000000', 'hex'),
    'script.csx': 'public class Script : ScriptBase {}\n',
    'sub/notes.txt': 'kept\n',
    'page.html': '<script>alert(document.domain)</script>\n',
    'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n',
    'sub/x.html': '<script>alert(2)</script>\n',
  });
  symlinkSync('/proc/self/environ', join(evil, 'env.txt'));
  symlinkSync('/etc/passwd', join(evil, 'passwd.txt'));
  symlinkSync(outside, join(evil, 'folder'));
  symlinkSync(join(outside, 'actions/Exfiltrate.mdx'), join(evil, 'actions/Exfiltrate.mdx'));
  symlinkSync('/dev/zero', join(evil, 'z.png'));
  symlinkSync('..', join(evil, 'sub/up'));
  symlinkSync('self.txt', join(evil, 'self.txt'));
  execFileSync('mkfifo', [join(evil, 'pipe.txt')]);
  writeFileSync(join(evil, 'big.png'), '');
  truncateSync(join(evil, 'big.png'), LIMITS.assetBytes + 1);

  const links = join(cwd, 'connectors/links');
  writeFiles(links, { 'connector.mdx': connectorMdx('Links') });
  symlinkSync(join(outside, 'actions'), join(links, 'actions'));

  symlinkSync('/etc', join(cwd, 'connectors/etc'));
  symlinkSync(join(outside, 'connector'), join(cwd, 'connectors/borrowed'));
  writeFiles(join(cwd, 'connectors/good'), { 'connector.mdx': connectorMdx('Good'), 'actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service') });
  return cwd;
}

const EVIL_EXPECTED = [
  'connector-file-unsafe connectors/evil/actions/Exfiltrate.mdx 1:1-1:1',
  'connector-file-unsafe connectors/evil/env.txt 1:1-1:1',
  'connector-file-unsafe connectors/evil/folder 1:1-1:1',
  'connector-file-unsafe connectors/evil/passwd.txt 1:1-1:1',
  'connector-file-unsafe connectors/evil/pipe.txt 1:1-1:1',
  'connector-file-unsafe connectors/evil/self.txt 1:1-1:1',
  'connector-file-unsafe connectors/evil/sub/up 1:1-1:1',
  'connector-file-unsafe connectors/evil/z.png 1:1-1:1',
  'source-limit connectors/evil/big.png 1:1-1:1',
  'connector-asset-type connectors/evil/logo.svg 1:1-1:1',
  'connector-asset-type connectors/evil/page.html 1:1-1:1',
  'connector-asset-type connectors/evil/sub/x.html 1:1-1:1',
];

describe('a connector folder with symlinks, a FIFO, /dev/zero, a loop, a large file and active assets', () => {
  const cwd = project();

  it('reports each entry where it is, keeps the good files, and reads nothing of the targets, in bounded time and memory', () => {
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const result = compileAndCheck(loadConnector(join(cwd, 'connectors/evil'), 'connectors/evil'));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 1024 * 1024);
    expect(found(result).sort()).toEqual([...EVIL_EXPECTED].sort());
    // The loop neither nests the folder nor drops the other assets.
    expect([...result.assets.keys()].sort()).toEqual(['icon.png', 'script.csx', 'sub/notes.txt']);
    expect(Object.keys(result.swagger.paths ?? {})).toEqual(['/items/{id}']);
    expect(resultText(result)).not.toContain('Steal');
    expectNoLeak(resultText(result), 'the compile result');
    // /proc/self/environ of this process: none of its values reach the result either.
    for (const value of readFileSync('/proc/self/environ', 'latin1').split('\0').map((e) => e.slice(e.indexOf('=') + 1)).filter((v) => v.length > 12)) {
      expect(resultText(result).includes(value), 'an environment value in the result').toBe(false);
    }
  });

  it('reports a symlinked actions/ folder and reads none of its actions', () => {
    const result = compileAndCheck(loadConnector(join(cwd, 'connectors/links'), 'connectors/links'));
    expect(found(result).filter((f) => /^(connector-file-unsafe|connector-asset-type|source-limit) /.test(f))).toEqual(['connector-file-unsafe connectors/links/actions 1:1-1:1']);
    expect(result.swagger.paths).toBeUndefined();
    expectNoLeak(resultText(result), 'the compile result');
  });

  it('lists a symlinked connector folder and reports it instead of reading it', () => {
    expect(listConnectorDirs(join(cwd, 'connectors'))).toEqual(['borrowed', 'etc', 'evil', 'good', 'links']);
    for (const id of ['etc', 'borrowed']) {
      const result = compileAndCheck(loadConnector(join(cwd, 'connectors', id), `connectors/${id}`));
      expect(found(result)).toEqual([`connector-file-unsafe connectors/${id} 1:1-1:1`]);
      expect(result.diagnostics[0]!.message).toMatch(/symbolic link/);
      expectNoLeak(resultText(result), 'the compile result');
    }
  });

  it('the site publishes only the package files: the inert assets and the three documents', async () => {
    const c = buildSiteConnector(join(cwd, 'connectors/evil'), 'connectors/evil', join(cwd, 'site-packages'));
    expect(c.packageFiles).toEqual(['apiDefinition.swagger.json', 'apiProperties.json', 'icon.png', 'readme.md', 'script.csx', 'sub/notes.txt']);
    expect(assetNames(c)).toEqual(['icon.png', 'script.csx', 'sub/notes.txt']);
    for (const name of ['page.html', 'logo.svg', 'sub/x.html', 'env.txt', '../evil/connector.mdx']) expect(packageFile(c, name).status, name).toBe(404);
    const icon = packageFile(c, 'icon.png');
    expect(icon.headers.get('Content-Type')).toBe('image/png');
    expect(icon.headers.get('X-Content-Type-Options')).toBe('nosniff');
    for (const f of connectorPackage(c)) expectNoLeak(Buffer.from(f.base64, 'base64').toString('latin1'), f.name);
    expect(await zipResponse(c).arrayBuffer().then((b) => Buffer.from(b).toString('latin1'))).not.toContain('<script>');
  });

  it('`plugboard build` writes only the good files, reports every entry, and leaks nothing; `check --cache` agrees', () => {
    const built = run(['build', '--format', 'json'], cwd);
    expect(built.code).toBe(1);
    expectNoLeak(built.stdout + built.stderr, 'the build output');
    const reported = (JSON.parse(built.stdout) as Array<{ ruleId: string; file: string }>).map((d) => `${d.ruleId} ${d.file}`);
    for (const line of EVIL_EXPECTED) expect(reported).toContain(line.replace(/ \S+$/, ''));
    expect(reported).toEqual(expect.arrayContaining(['connector-file-unsafe connectors/links/actions', 'connector-file-unsafe connectors/etc', 'connector-file-unsafe connectors/borrowed']));

    const tree = readTree(join(cwd, 'packages'));
    expect([...tree.keys()].filter((k) => k.startsWith('evil/')).sort()).toEqual([
      'evil/apiDefinition.swagger.json',
      'evil/apiProperties.json',
      'evil/icon.png',
      'evil/readme.md',
      'evil/script.csx',
      'evil/sub/notes.txt',
    ]);
    for (const [name, bytes] of tree) expectNoLeak(bytes.toString('latin1'), `packages/${name}`);
    expect(existsSync(join(cwd, 'packages/good/apiDefinition.swagger.json'))).toBe(true);

    const plain = run(['check', '--format', 'json'], cwd);
    const cold = run(['check', '--cache', '--format', 'json'], cwd);
    const warm = run(['check', '--cache', '--format', 'json'], cwd);
    expect(JSON.parse(cold.stdout)).toEqual(JSON.parse(plain.stdout));
    expect(JSON.parse(warm.stdout)).toEqual(JSON.parse(plain.stdout));
    for (const [name, bytes] of readTree(join(cwd, 'node_modules/.cache/plugboard'))) expectNoLeak(bytes.toString('latin1'), `the cache entry ${name}`);
  });
});

describe('a connector folder over the entry and depth limits', () => {
  it('reads its sources first, then stops at the limit with a diagnostic', () => {
    const cwd = tempDir();
    const dir = join(cwd, 'connectors/many');
    writeFiles(dir, { 'connector.mdx': connectorMdx('Many'), 'triggers/Ping.mdx': actionMdx('GET /ping', 'Ping') });
    // `assets/` sorts before `connector.mdx`: the sources must still be read before the limit.
    mkdirSync(join(dir, 'assets'));
    for (let i = 0; i < LIMITS.folderEntries + 10; i++) writeFileSync(join(dir, 'assets', `f${i}.txt`), 'x');
    const started = performance.now();
    const source = loadConnector(dir, 'connectors/many');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(source.connector?.path).toBe('connectors/many/connector.mdx');
    expect(source.triggers.map((f) => f.path)).toEqual(['connectors/many/triggers/Ping.mdx']);
    const limits = source.findings.map((d) => `${d.ruleId} ${d.file}`);
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatch(/^source-limit connectors\/many\/assets\/f\d+\.txt$/);
    expect(source.assets.size).toBeLessThan(LIMITS.folderEntries);

    writeFiles(join(cwd, 'connectors/deep'), { 'connector.mdx': connectorMdx('Deep') });
    const nested = Array.from({ length: LIMITS.folderDepth + 1 }, (_, i) => `d${i}`);
    writeFiles(join(cwd, 'connectors/deep', ...nested), { 'x.txt': 'deep\n' });
    const deep = loadConnector(join(cwd, 'connectors/deep'), 'connectors/deep');
    expect(deep.findings.map((d) => `${d.ruleId} ${d.file}`)).toEqual([`source-limit connectors/deep/${nested.join('/')}`]);
    expect(deep.assets.size).toBe(0);
  });
});

describe('the cache key of a hostile folder', () => {
  it('never opens /dev/zero or a FIFO, and changes when a link is retargeted', () => {
    const cwd = tempDir();
    const dir = join(cwd, 'connectors/c');
    writeFiles(dir, { 'connector.mdx': connectorMdx('C') });
    symlinkSync('/dev/zero', join(dir, 'z.png'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/etc/passwd', join(dir, 'link.txt'));
    const cache = new ConnectorCache({ dir: join(cwd, 'cache'), command: 'check', code: 'test' });
    const job = { id: 'c', dir, display: 'connectors/c' };
    const started = performance.now();
    const before = cache.key(job);
    expect(performance.now() - started).toBeLessThan(5000);
    execFileSync('ln', ['-sfn', '/etc/hostname', join(dir, 'link.txt')]);
    expect(cache.key(job)).not.toBe(before);
  });
});

const SWAGGER = JSON.stringify({
  swagger: '2.0',
  info: { title: 'Downloaded', description: 'A downloaded connector.', version: '1.0' },
  host: 'api.example.com',
  basePath: '/',
  schemes: ['https'],
  paths: { '/ping': { get: { operationId: 'Ping', summary: 'Ping', description: 'Pings.', responses: { 200: { description: 'OK' } } } } },
});

describe('a downloaded Power Platform folder', () => {
  it('leaves out a symlinked icon.png and script.csx, a FIFO and active files, with their diagnostics', () => {
    const cwd = tempDir();
    const input = join(cwd, 'input');
    writeFiles(input, { 'apiDefinition.swagger.json': SWAGGER, 'intro.md': 'Hello\n', 'page.html': '<script></script>\n' });
    symlinkSync('/etc/passwd', join(input, 'icon.png'));
    symlinkSync('/proc/self/environ', join(input, 'script.csx'));
    symlinkSync('/etc/passwd', join(input, 'apiProperties.json'));
    execFileSync('mkfifo', [join(input, 'settings.json')]);
    const result = importSource(input, { display: 'input' });
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('connector-')).map((d) => `${d.ruleId} ${d.file}`).sort()).toEqual([
      'connector-asset-type input/page.html',
      'connector-file-unsafe input/apiProperties.json',
      'connector-file-unsafe input/icon.png',
      'connector-file-unsafe input/script.csx',
      'connector-file-unsafe input/settings.json',
    ]);
    expect([...result.files.keys()].sort()).toEqual(expect.arrayContaining(['connector.mdx', 'intro.md']));
    for (const name of ['icon.png', 'script.csx', 'settings.json', 'page.html']) expect(result.files.has(name), name).toBe(false);
    for (const content of result.files.values()) expectNoLeak(content.toString(), 'the imported files');
  });

  it('refuses a symlinked apiDefinition.swagger.json, and a named Swagger file that is a FIFO is not opened', () => {
    const cwd = tempDir();
    const input = join(cwd, 'input');
    mkdirSync(input);
    symlinkSync('/etc/passwd', join(input, 'apiDefinition.swagger.json'));
    const folder = importSource(input, { display: 'input' });
    expect(folder.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toEqual(['connector-file-unsafe input/apiDefinition.swagger.json']);
    expect(folder.files.size).toBe(0);

    execFileSync('mkfifo', [join(cwd, 'pipe.swagger.json')]);
    const started = performance.now();
    const named = readSwaggerFile(join(cwd, 'pipe.swagger.json'), 'pipe.swagger.json');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(named.swaggerFile.text).toBe('');
    expect(named.swaggerFile.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toEqual(['connector-file-unsafe pipe.swagger.json']);
  });

  it('`plugboard import` writes nothing of a link target into the new connector', () => {
    const cwd = tempDir();
    const input = join(cwd, 'download');
    writeFiles(input, { 'apiDefinition.swagger.json': SWAGGER });
    symlinkSync('/proc/self/environ', join(input, 'icon.png'));
    symlinkSync('/etc/passwd', join(input, 'script.csx'));
    const r = run(['import', 'download'], cwd);
    expectNoLeak(r.stdout + r.stderr, 'the import output');
    expect(r.stdout + r.stderr).toContain('connector-file-unsafe');
    if (existsSync(join(cwd, 'connectors'))) {
      const tree = readTree(join(cwd, 'connectors'));
      expect([...tree.keys()].some((k) => /icon\.png|script\.csx/.test(k))).toBe(false);
      for (const [name, bytes] of tree) expectNoLeak(bytes.toString('latin1'), name);
    }
  });
});

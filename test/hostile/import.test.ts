/**
 * Hostile sources for `plugboard import`: an imported document cannot read the importer's disk
 * (external `$ref`s stay under the source's folder or `--ref-root`), huge sources are refused or
 * imported in bounded time, `--force` replaces a connector atomically, and `export` and `import`
 * take only plain connector ids. Every file is made by the test in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeConnector } from '../../src/cli/commands/import.ts';
import { LIMITS } from '../../src/core/safe-fs.ts';
import { importSource, importSources, type ImportResult } from '../../src/import/index.ts';
import { IMPORT_LIMITS } from '../../src/import/limits.ts';
import { MAIN, readTree } from '../cli/helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'plugboard-hostile-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SECRET = `TOPSECRET-${process.pid}-${Date.now()}`;

function write(rel: string, content: string | Buffer): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

function mkfifo(path: string): boolean {
  return spawnSync('mkfifo', [path]).status === 0;
}

/** The CLI in a child process, killed after `timeout` ms (a FIFO read would block a worker for good). */
function cli(args: string[], cwd: string, timeout = 30_000) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

/** Everything an import produced, as one string: file contents and diagnostics. */
function everything(results: ImportResult[]): string {
  return results.map((r) => [...r.files.values()].map(String).join('\n') + r.diagnostics.map(String).join('\n')).join('\n');
}

/** An OpenAPI 3 document with one operation per `$ref`, each ref as the response schema; `lines[i]` is the line of ref i. */
function openapi(refs: string[]): { text: string; lines: number[] } {
  const out = ['openapi: 3.0.3', 'info:', '  title: Hostile', "  version: '1'", 'servers:', '  - url: https://api.example.com', 'paths:'];
  const lines: number[] = [];
  refs.forEach((ref, i) => {
    out.push(`  /r${i}:`, '    get:', `      operationId: Op${i}`, '      responses:', "        '200':", '          description: OK', '          content:', '            application/json:', '              schema:');
    out.push(`                $ref: '${ref}'`);
    lines.push(out.length);
  });
  return { text: out.join('\n') + '\n', lines };
}

// The secret sits outside the source folder, as a YAML schema that would import cleanly.
const secretFile = write('outside/secret.yaml', `type: string\ndescription: ${SECRET}\n`);
write('shared/common.yaml', 'components:\n  schemas:\n    Common:\n      type: object\n      properties:\n        id: { type: string }\n');
write('src/schemas.yaml', 'components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: { type: string }\n');
write('src/big.yaml', `type: string\ndescription: ${'x'.repeat(LIMITS.sourceBytes)}\n`);
symlinkSync(secretFile, join(root, 'src/link.yaml'));
symlinkSync(join(root, 'outside'), join(root, 'src/linked-dir'));
symlinkSync('/dev/zero', join(root, 'src/zero.yaml'));
const hasFifo = mkfifo(join(root, 'src/pipe.yaml'));

const REFUSED = [
  { what: 'an absolute path', ref: `${secretFile}#/`, reason: /absolute paths are not followed/ },
  { what: 'a ../ escape', ref: '../outside/secret.yaml', reason: /leads outside the document's folder/ },
  { what: 'a deep ../../.. escape', ref: '../../../../../../../../../../../../etc/passwd', reason: /leads outside/ },
  { what: 'a symlink inside the folder pointing outside', ref: './link.yaml', reason: /symbolic link/ },
  { what: 'a path through a symlinked folder', ref: 'linked-dir/secret.yaml', reason: /passes through `linked-dir`/ },
  { what: '/dev/zero', ref: '/dev/zero', reason: /absolute paths/ },
  { what: 'a symlink to /dev/zero', ref: 'zero.yaml', reason: /symbolic link/ },
  { what: 'an http URL (never fetched)', ref: 'http://127.0.0.1:1/x', reason: /URLs are not fetched/ },
  { what: 'a file: URL', ref: `file://${secretFile}`, reason: /URLs are not fetched/ },
  { what: 'a file over the size limit', ref: 'big.yaml', reason: /the limit is 4,194,304 bytes/ },
  ...(hasFifo ? [{ what: 'a FIFO', ref: 'pipe.yaml', reason: /FIFO/ }] : []),
];

describe('external $refs stay under the source folder', () => {
  const legit = './schemas.yaml#/components/schemas/Pet';
  const doc = openapi([...REFUSED.map((c) => c.ref), legit]);
  const source = write('src/api.yaml', doc.text);
  const started = Date.now();
  const results = importSources(source, { display: 'api.yaml' });
  const elapsed = Date.now() - started;
  const refused = results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'import-ref-refused');

  it.each(REFUSED.map((c, i) => [c.what, c, i] as const))('refuses %s, at its line', (_what, c, i) => {
    const found = refused.filter((d) => d.place?.start.line === doc.lines[i]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.file).toBe('api.yaml');
    expect(found[0]!.message).toContain(`\`${c.ref}\` is refused`);
    expect(found[0]!.message).toMatch(c.reason);
  });

  it('writes nothing of them, and is quick (nothing blocks on /dev/zero or a FIFO)', () => {
    expect(refused).toHaveLength(REFUSED.length);
    expect(everything(results)).not.toContain(SECRET);
    expect(everything(results)).not.toContain('xxxxxxxxxx');
    expect(elapsed).toBeLessThan(10_000);
  });

  it('still follows a legitimate relative $ref', () => {
    const files = results[0]!.files;
    expect(String(files.get('definitions/Pet.mdx'))).toContain('name:');
  });

  it('the fingerprint does not depend on the wording', () => {
    const again = importSources(source, { display: 'api.yaml' }).flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'import-ref-refused');
    expect(again.map((d) => d.fingerprint)).toEqual(refused.map((d) => d.fingerprint));
    expect(new Set(refused.map((d) => d.fingerprint)).size).toBe(refused.length);
  });
});

describe('--ref-root', () => {
  const doc = openapi(['../shared/common.yaml#/components/schemas/Common']);
  const source = write('api/api.yaml', doc.text);

  it('a sibling folder is refused without it', () => {
    const [result] = importSources(source, { display: 'api.yaml' });
    const refused = result!.diagnostics.filter((d) => d.ruleId === 'import-ref-refused');
    expect(refused.map((d) => d.place?.start.line)).toEqual([doc.lines[0]]);
  });

  it('and allowed with it, while what lies outside it stays refused', () => {
    const [result] = importSources(source, { display: 'api.yaml', refRoot: root });
    expect(result!.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    expect(String(result!.files.get('definitions/Common.mdx'))).toContain('id:');
    const escape = write('api/escape.yaml', openapi([`../../${root.split('/').pop()}-elsewhere/x.yaml`]).text);
    const [escaped] = importSources(escape, { display: 'escape.yaml', refRoot: root });
    expect(escaped!.diagnostics.map((d) => d.ruleId)).toContain('import-ref-refused');
  });

  it('is a flag of plugboard import, and the CLI writes nothing of a refused file', () => {
    const cwd = mkdtempSync(join(root, 'cli-'));
    const withRoot = cli(['import', source, '--id', 'with-root', '--ref-root', root], cwd);
    expect(withRoot.code).toBe(0);
    const hostile = cli(['import', join(root, 'src/api.yaml'), '--id', 'hostile'], cwd);
    expect(hostile.code).toBe(1);
    expect(hostile.stdout).toContain('import-ref-refused');
    for (const [, bytes] of readTree(join(cwd, 'connectors'))) expect(bytes.toString('utf8')).not.toContain(SECRET);
    expect(cli(['import', '--help'], cwd).stdout).toContain('--ref-root <dir>');
  });
});

describe('the main source is a regular file', () => {
  it('/dev/zero is refused at once', () => {
    const started = Date.now();
    const [result] = importSources('/dev/zero', { display: '/dev/zero' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result!.files.size).toBe(0);
    expect(result!.diagnostics.map(String)).toEqual(['/dev/zero:1:1-1:1: Cannot import `/dev/zero`: it is a character device; only regular files are read (import-source-invalid)']);
  });

  it.skipIf(!hasFifo)('a FIFO is refused at once by the CLI, never read', () => {
    const fifo = join(root, 'source.fifo');
    mkfifo(fifo);
    const r = cli(['import', fifo], root, 20_000);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('it is a FIFO (named pipe); only regular files are read');
  });
});

describe('a downloaded Power Platform folder', () => {
  it('leaves out symlinked assets, and says so in the import result', () => {
    const folder = join(root, 'pp');
    mkdirSync(folder);
    writeFileSync(join(folder, 'apiDefinition.swagger.json'), JSON.stringify({ swagger: '2.0', info: { title: 'PP', version: '1' }, host: 'x.com', paths: {} }));
    writeFileSync(join(folder, 'apiProperties.json'), '{ "properties": { "connectionParameters": {} } }');
    symlinkSync(secretFile, join(folder, 'icon.png'));
    symlinkSync('/dev/zero', join(folder, 'script.csx'));
    const [result] = importSources(folder, { display: 'pp' });
    expect([...result!.files.keys()]).not.toContain('icon.png');
    expect([...result!.files.keys()]).not.toContain('script.csx');
    const leftOut = result!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file);
    expect(leftOut).toEqual(expect.arrayContaining(['pp/icon.png', 'pp/script.csx']));
    expect(everything([result!])).not.toContain(SECRET);
  });
});

describe('huge sources are bounded', () => {
  const N = 100_000;
  /** Every operation with the same operationId: numbering them was quadratic. */
  const swagger = () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < N; i++) paths[`/r${i}`] = { get: { operationId: 'Op', responses: { 200: { description: 'OK' } } } };
    return JSON.stringify({ swagger: '2.0', info: { title: 'Big', version: '1' }, host: 'x.com', paths });
  };
  const openapi3 = (n: number) => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) paths[`/r${i}`] = { get: { operationId: 'Op', responses: { 200: { description: 'OK' } } } };
    return JSON.stringify({ openapi: '3.0.3', info: { title: 'Big', version: '1' }, servers: [{ url: 'https://x.com' }], paths });
  };
  const postman = () => {
    const item = Array.from({ length: N }, (_, i) => ({ name: 'Req', request: { method: 'GET', url: `https://x.com/r${i}` } }));
    return JSON.stringify({ info: { name: 'Big', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item });
  };

  it.each([
    ['a 100,000-operation Swagger 2.0', 'big.swagger.json', swagger, '/paths', 'operations'],
    ['an OpenAPI 3 with 100,000 paths', 'big.openapi.json', () => openapi3(N), '/paths', 'operations'],
    ['a Postman collection with 100,000 requests', 'big.postman.json', postman, '/item', 'requests'],
  ] as const)('%s is refused quickly with source-limit', (_what, name, make, pointer, word) => {
    const path = write(name, make());
    const started = Date.now();
    const results = importSources(path, { display: name });
    const elapsed = Date.now() - started;
    expect(results).toHaveLength(1);
    expect(results[0]!.files.size).toBe(0);
    const limit = results[0]!.diagnostics.filter((d) => d.ruleId === 'source-limit');
    expect(limit.map((d) => [d.severity, d.pointer, d.message])).toEqual([
      ['error', pointer, `The source has 100,000 ${word}; sources over 10,000 are not imported (the platform takes 256 per connector)`],
    ]);
    // Parsing 6 MB takes a second; the generous bound is for a loaded machine.
    expect(elapsed).toBeLessThan(20_000);
  });

  it(`${IMPORT_LIMITS.operations.toLocaleString('en-US')} operations with one operationId import, split, in bounded time`, () => {
    const path = write('limit.openapi.json', openapi3(IMPORT_LIMITS.operations));
    const started = Date.now();
    const results = importSources(path, { display: 'limit.openapi.json' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(results).toHaveLength(Math.ceil(IMPORT_LIMITS.operations / 256));
    expect(results.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error')).toEqual([]);
  }, 120_000);
});

describe('import --force is atomic', () => {
  const OLD = new Map<string, string>([['connector.mdx', 'old connector\n'], ['actions/A.mdx', 'old A\n'], ['icon.png', 'old icon']]);
  const NEW = new Map<string, string>([['connector.mdx', 'new connector\n'], ['actions/B.mdx', 'new B\n'], ['actions/C.mdx', 'new C\n'], ['definitions/D.mdx', 'new D\n']]);
  const tree = (dir: string) => Object.fromEntries([...readTree(dir)].map(([k, v]) => [k, v.toString('utf8')]));
  const failingAfter = (n: number) => {
    let written = 0;
    return (path: string, content: string | Buffer) => {
      if (written++ === n) throw new Error('disk full');
      writeFileSync(path, content);
    };
  };
  /** A pid that is not running: a child that has exited. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  it('a write failing halfway leaves the old connector whole, and no temporary folder', () => {
    const connectors = mkdtempSync(join(root, 'force-'));
    const dir = join(connectors, 'pets');
    writeConnector(dir, OLD);
    const before = tree(dir);
    for (let n = 0; n < NEW.size; n++) {
      expect(() => writeConnector(dir, NEW, failingAfter(n))).toThrow('disk full');
      expect(tree(dir)).toEqual(before);
      expect(readdirSync(connectors)).toEqual(['pets']);
    }
    writeConnector(dir, NEW);
    expect(tree(dir)).toEqual(Object.fromEntries(NEW));
    expect(readdirSync(connectors)).toEqual(['pets']);
  });

  it('what an interrupted run left is cleaned up; a run still going on is left alone', () => {
    const connectors = mkdtempSync(join(root, 'leftover-'));
    // Killed between the two renames: the old folder aside, the new one complete, no `pets`.
    const pid = deadPid();
    writeConnector(join(connectors, `.pets.plugboard-old-${pid}`), OLD);
    writeConnector(join(connectors, `.pets.plugboard-tmp-${pid}`), NEW);
    writeConnector(join(connectors, `.pets.plugboard-tmp-${process.ppid}`), NEW);
    writeConnector(join(connectors, 'other'), NEW);
    writeConnector(join(connectors, 'pets'), new Map([['connector.mdx', 'newest\n']]));
    expect(readdirSync(connectors).sort()).toEqual([`.pets.plugboard-tmp-${process.ppid}`, 'other', 'pets']);
    expect(tree(join(connectors, 'pets'))).toEqual({ 'connector.mdx': 'newest\n' });
    expect(tree(join(connectors, 'other'))).toEqual(Object.fromEntries(NEW));
  });

  it('the next run after an interruption restores, then replaces', () => {
    const connectors = mkdtempSync(join(root, 'restore-'));
    const pid = deadPid();
    writeConnector(join(connectors, `.pets.plugboard-old-${pid}`), OLD);
    writeConnector(join(connectors, `.pets.plugboard-tmp-${pid}`), NEW);
    const failed = () => writeConnector(join(connectors, 'pets'), NEW, failingAfter(1));
    expect(failed).toThrow('disk full');
    // The failed run still recovered the old connector before writing.
    expect(tree(join(connectors, 'pets'))).toEqual(Object.fromEntries(OLD));
    expect(readdirSync(connectors)).toEqual(['pets']);
  });
});

describe('connector ids on the command line are plain folder names', () => {
  const cwd = mkdtempSync(join(root, 'ids-'));
  writeFileSync(join(cwd, 'petstore.json'), JSON.stringify({ swagger: '2.0', info: { title: 'Pets', version: '1' }, host: 'x.com', paths: {} }));
  mkdirSync(join(root, 'elsewhere'), { recursive: true });
  writeFileSync(join(root, 'elsewhere/connector.mdx'), `---\ntitle: ${SECRET}\n---\n`);
  mkdirSync(join(cwd, 'connectors'), { recursive: true });
  symlinkSync(join(root, 'elsewhere'), join(cwd, 'connectors/linked'));

  it.each([['../x'], ['../../etc'], ['/etc'], ['.'], ['..']])('export %s exits 2', (id) => {
    const r = cli(['export', id, '--to', 'openapi3'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a folder name under --connectors');
  });

  it('export of a symlinked connector folder exits 2 and reads nothing', () => {
    const r = cli(['export', 'linked', '--to', 'openapi3', '--out', '-'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('plugboard export: connectors/linked is a symbolic link; a connector folder is used only when it is a real folder\n');
    expect(r.stdout).not.toContain(SECRET);
  });

  it('import --id and --into take only plain names', () => {
    expect(cli(['import', 'petstore.json', '--id', '../x'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('must be kebab-case') });
    expect(cli(['import', '--sample', 'petstore.json', '--into', '../x', '--operation', 'A'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a folder name') });
    expect(cli(['import', '--sample', 'petstore.json', '--into', 'linked', '--operation', 'A'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('symbolic link') });
  });
});

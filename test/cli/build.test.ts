import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorJobs } from '../../src/build/connectors.ts';
import { DEFAULT_OUT } from '../../src/cli/commands/build.ts';
import { compileConnectors } from '../../src/site/compile-all.ts';
import { siteOutDir } from '../../src/site/config.ts';
import { connectorPackage } from '../../src/site/connectors.ts';
import { packageZip } from '../../src/site/package.ts';
import { NO_STACK, actionMdx, cli, connectorMdx, readTree, tempDir, writeFiles } from './helpers.ts';

/** A PNG header of 230×230 pixels (the icon size certification asks for; icon-size reads only the header). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000e6000000e608060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3c6b1a80000000049454e44ae426082', 'hex');

function project(): string {
  const cwd = tempDir();
  writeFiles(join(cwd, 'connectors'), {
    'alpha/connector.mdx': connectorMdx('Alpha'),
    'alpha/actions/ListItems.mdx': actionMdx('GET /items', 'List items'),
    'alpha/actions/GetItem.mdx': actionMdx('GET /items/{itemId}', 'Get an item'),
    'alpha/icon.png': PNG,
    'alpha/script.csx': 'public class Script : ScriptBase { }\n',
    'alpha/docs/notes.txt': 'nested asset\n',
    'beta/connector.mdx': connectorMdx('Beta'),
    'beta/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service'),
    // An error (unknown key) still produces a package.
    'gamma/connector.mdx': connectorMdx('Gamma', 'titel: oops\n'),
    'gamma/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service'),
  });
  return cwd;
}

describe('plugboard build', () => {
  it('writes every package, deterministically', () => {
    const cwd = project();
    const first = cli(['build'], cwd);
    expect(first.code).toBe(1); // gamma has an error
    expect(first.stdout).toContain('connectors/gamma/connector.mdx');
    expect(first.stdout).toMatch(/Built 3 connectors \(4 operations\) into packages in [\d.]+s: 1 error/);
    const tree = readTree(join(cwd, 'packages'));
    expect([...tree.keys()]).toEqual([
      '.plugboard-build.json',
      'alpha/apiDefinition.swagger.json',
      'alpha/apiProperties.json',
      'alpha/docs/notes.txt',
      'alpha/icon.png',
      'alpha/readme.md',
      'alpha/script.csx',
      'beta/apiDefinition.swagger.json',
      'beta/apiProperties.json',
      'beta/readme.md',
      'gamma/apiDefinition.swagger.json',
      'gamma/apiProperties.json',
      'gamma/readme.md',
    ]);
    expect(tree.get('alpha/icon.png')).toEqual(PNG);
    const swagger = tree.get('alpha/apiDefinition.swagger.json')!.toString();
    expect(swagger).toBe(JSON.stringify(JSON.parse(swagger), null, 2) + '\n');
    expect(JSON.parse(swagger).paths['/items/{itemId}'].get.operationId).toBe('GetItem');

    const second = cli(['build'], cwd);
    expect(second.code).toBe(1);
    expect(readTree(join(cwd, 'packages'))).toEqual(tree);
  });

  it('builds only the ids given, into --out, and removes stale files', () => {
    const cwd = project();
    // A file an earlier build wrote that the connector no longer has (out/.plugboard-build.json lists it).
    writeFiles(cwd, { 'connectors/beta/stale.txt': 'old' });
    expect(cli(['build', 'beta', '--out', 'out'], cwd).code).toBe(0);
    expect(existsSync(join(cwd, 'out/beta/stale.txt'))).toBe(true);
    rmSync(join(cwd, 'connectors/beta/stale.txt'));
    const r = cli(['build', 'beta', 'connectors/alpha', '--out', 'out'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Built 2 connectors \(3 operations\) into out in [\d.]+s: no problems\n$/);
    expect(existsSync(join(cwd, 'out/beta/stale.txt'))).toBe(false);
    expect(existsSync(join(cwd, 'out/gamma'))).toBe(false);
  });

  it('gives the same files and report on worker threads as in the main thread', () => {
    const cwd = project();
    const serial = cli(['build', '--jobs', '1', '--out', 'serial', '--format', 'json'], cwd);
    const parallel = cli(['build', '--jobs', '2', '--out', 'parallel', '--format', 'json'], cwd);
    expect(parallel.code).toBe(serial.code);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(JSON.parse(serial.stdout)).toHaveLength(1);
    expect(readTree(join(cwd, 'parallel'))).toEqual(readTree(join(cwd, 'serial')));
  });
});

describe('plugboard check', () => {
  it('exits 0 when clean, 1 on errors, 2 on an unknown id, and writes nothing', () => {
    const cwd = project();
    expect(cli(['check', 'alpha', 'beta'], cwd)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Checked 2 connectors \(3 operations\) in [\d.]+s: no problems\n$/) });
    const bad = cli(['check', '--format', 'json'], cwd);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as Array<{ ruleId: string; file: string; place: unknown }>;
    expect(report).toEqual([expect.objectContaining({ ruleId: 'frontmatter-unknown-key', file: 'connectors/gamma/connector.mdx' })]);
    expect(bad.stderr).toMatch(/^Checked 3 connectors/);
    const unknown = cli(['check', 'omega'], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no connector `omega` in connectors (expected connectors/omega/connector.mdx)\n');
    expect(cli(['check', 'alpah'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('no connector `alpah` in connectors (expected connectors/alpah/connector.mdx). Did you mean `alpha`?\n') });
    expect(existsSync(join(cwd, 'packages'))).toBe(false);
  });

  it('exits 2 when the connectors folder holds no connector, saying what one looks like', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'empty/.keep': '', 'mixed/notes/readme.txt': 'x', 'mixed/legacy/apiDefinition.swagger.json': '{}' });
    for (const command of ['check', 'build']) {
      const r = cli([command, '--connectors', 'empty'], cwd);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toBe(
        `plugboard ${command}: no connector in empty/: a connector is a folder empty/<id>/ holding a connector.mdx (actions/, triggers/ and definitions/ beside it)\n` +
          '  Make a connector with `plugboard new <id>` or `plugboard import <source>`, or point --connectors at the folder that holds them\n' +
          `Run \`plugboard ${command} --help\` for usage.\n`,
      );
    }
    const mixed = cli(['check', '--connectors', 'mixed'], cwd);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('  mixed/ holds 2 folders without connector.mdx: legacy, notes\n');
    expect(mixed.stderr).toContain('  legacy is a Power Platform connector folder: check it as it is with `plugboard check mixed/legacy`, or convert it with `plugboard import mixed/legacy`\n');
    expect(existsSync(join(cwd, 'packages'))).toBe(false);
  });

  it('positions invalid YAML and exits 1 without a stack trace', () => {
    const cwd = tempDir();
    writeFiles(join(cwd, 'connectors'), {
      'broken/connector.mdx': '---\ntitle: Broken\ndescription: [unclosed\nversion: "1.0"\n---\n',
    });
    const r = cli(['check'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\nconnectors\/broken\/connector\.mdx:4:\d+ {2}error {2}Invalid YAML: .+ {2}frontmatter-yaml\n/);
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
    const json = JSON.parse(cli(['check', '--format', 'json'], cwd).stdout) as Array<{ place: { start: { line: number } } }>;
    expect(json[0]!.place.start.line).toBe(4);
  });

  it('reports an internal failure as an error on the connector, goes on, and exits 1', () => {
    const cwd = project();
    // A file where beta's package folder goes makes writing it throw.
    writeFiles(cwd, { 'packages/beta': 'not a folder' });
    const r = cli(['build'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\nconnectors\/beta\/connector\.mdx:1:1 {2}error {2}plugboard failed on this connector while writing: EEXIST[^\n]* {2}connector-internal-error\n/);
    expect(r.stdout).toMatch(/\nBuilt 3 connectors \(3 operations\) into packages in [\d.]+s: 2 errors, 0 warnings, 1 connector failed\n$/);
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toContain('connectors/gamma/connector.mdx'); // the others are still reported
    expect(existsSync(join(cwd, 'packages/gamma/apiProperties.json'))).toBe(true);
    const debug = cli(['build', 'beta'], cwd, { PLUGBOARD_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^plugboard build: failed on connector beta while writing: Error: EEXIST/);
    expect(debug.stderr).toMatch(NO_STACK);
  });
});

describe('plugboard build beside the site', () => {
  it('leaves the pages and zips of `npm run build` in dist/ intact, and writes outside dist/', async () => {
    const cwd = project();
    // What `npm run build` leaves: the site's packages (src/build through the site's compile),
    // served with pages and a zip under dist/connectors/<id>/.
    const jobs = connectorJobs(['connectors'], cwd);
    const { connectors } = await compileConnectors(jobs, join(cwd, 'node_modules/.astro/plugboard-packages/test'), { all: true, threads: 1 });
    const site: Record<string, string | Buffer> = { 'index.html': 'catalogue\n', 'diagnostics.json': '{}\n' };
    for (const c of connectors) {
      const files = connectorPackage(c);
      site[`connectors/${c.id}/index.html`] = `page of ${c.id}\n`;
      site[`connectors/${c.id}/${c.id}.zip`] = packageZip(c.id, files);
      for (const f of files) site[`connectors/${c.id}/${f.name}`] = Buffer.from(f.base64, 'base64');
    }
    writeFiles(join(cwd, 'dist'), site);
    const before = readTree(join(cwd, 'dist'));
    expect(before.has('connectors/alpha/alpha.zip')).toBe(true);

    expect(cli(['build'], cwd).stdout).toMatch(/Built 3 connectors \(4 operations\) into packages in /);
    expect(existsSync(join(cwd, 'packages/alpha/apiDefinition.swagger.json'))).toBe(true);
    // A connector deleted since the site was built: `build` removes its package, not the site's copy.
    rmSync(join(cwd, 'connectors/beta'), { recursive: true });
    expect(cli(['build'], cwd).stdout).toContain('removed the packages of 1 deleted connector');
    expect(existsSync(join(cwd, 'packages/beta'))).toBe(false);
    expect(readTree(join(cwd, 'dist'))).toEqual(before);
    // And the site's build, which empties its output folder, never holds the CLI's packages.
    expect(relative(siteOutDir({}), resolve(DEFAULT_OUT))).toMatch(/^\.\./);
  });
});

/**
 * `plugboard check <Power Platform folder>...`: the command itself (runCheckPowerPlatform, output
 * captured) and through the CLI (`check` hands Power Platform folders over to it).
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPowerPlatformFolderArg, runCheckPowerPlatform } from '../../src/cli/commands/check-powerplatform.ts';
import { cli, connectorMdx, tempDir, writeFiles } from './helpers.ts';

const SWAGGER = JSON.stringify(
  {
    swagger: '2.0',
    info: { title: 'Contoso', version: '1.0', description: 'Items and lists of the Contoso service.' },
    host: 'api.contoso.com',
    basePath: '/',
    schemes: ['https'],
    paths: { '/items': { get: { operationId: 'ListItems', summary: 'List items', responses: { '200': { description: 'OK' } } } } },
  },
  null,
  2,
);
const API_PROPERTIES = '{\n  "properties": {}\n}\n';

/**
 * A working folder with `good/` (clean), `bad/` (an x-ms-value error: `x-ms-safe-operation: "yes"`), `lenient/` (a warning, and
 * no readme: an info), `broken/` (invalid JSON).
 */
function project(): string {
  const cwd = tempDir();
  writeFiles(cwd, {
    'good/apiDefinition.swagger.json': SWAGGER,
    'good/apiProperties.json': API_PROPERTIES,
    'good/readme.md': '# Contoso\n',
    'bad/apiDefinition.swagger.json': SWAGGER.replace('"summary": "List items",', '"summary": "List items",\n          "x-ms-safe-operation": "yes",'),
    'bad/apiProperties.json': API_PROPERTIES,
    'bad/readme.md': '# Contoso\n',
    'lenient/apiDefinition.swagger.json': SWAGGER.replace('"basePath": "/",', '"basePath": "/", // the root'),
    'broken/apiDefinition.swagger.json': SWAGGER.replace('"basePath": "/",', '"basePath": "/"'),
    'broken/readme.md': '# Contoso\n',
    'connectors/alpha/connector.mdx': connectorMdx('Alpha'),
  });
  return cwd;
}

/** Runs the command with stdout and stderr captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCheckPowerPlatform(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());


/** A stylish line: `path:line:col`, padding, the severity, padding, the message's start. */
function finding(location: string, severity: string, message: string): RegExp {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\n)${esc(location)} +${severity} +${esc(message)}`);
}
describe('runCheckPowerPlatform', () => {
  it('tells a Power Platform folder from anything else, never through a link', () => {
    const cwd = project();
    symlinkSync(join(cwd, 'good'), join(cwd, 'linked'));
    expect(isPowerPlatformFolderArg(join(cwd, 'good'))).toBe(true);
    expect(isPowerPlatformFolderArg(join(cwd, 'linked'))).toBe(false);
    expect(isPowerPlatformFolderArg(join(cwd, 'connectors/alpha'))).toBe(false);
    expect(isPowerPlatformFolderArg(join(cwd, 'good/apiDefinition.swagger.json'))).toBe(false);
    expect(isPowerPlatformFolderArg('alpha')).toBe(false);
  });

  it('checks each folder, prints stylish diagnostics and a summary, and exits 1 on errors', async () => {
    const cwd = project();
    const clean = await run([join(cwd, 'good')]);
    expect(clean).toMatchObject({ code: 0, stderr: '' });
    expect(clean.stdout).toMatch(/^Checked 1 Power Platform folder \(1 operation\) in [\d.]+s: no problems\n$/);

    const { code, stdout } = await run([join(cwd, 'good'), join(cwd, 'bad'), join(cwd, 'lenient'), join(cwd, 'broken')]);
    expect(code).toBe(1);
    // Each line starts with the clickable path:line:col, then the severity and message (aligned within a file).
    expect(stdout).toMatch(finding(`${join(cwd, 'bad')}/apiDefinition.swagger.json:18:34`, 'error', 'Expected `x-ms-safe-operation` to be `true` or `false`, not `yes`'));
    expect(stdout).toMatch(finding(`${join(cwd, 'lenient')}/apiDefinition.swagger.json:1:1`, 'info', 'The folder has no readme (certification requires one)'));
    expect(stdout).toMatch(finding(`${join(cwd, 'lenient')}/apiDefinition.swagger.json:9:20`, 'warning', 'Not strict JSON'));
    expect(stdout).toMatch(finding(`${join(cwd, 'broken')}/apiDefinition.swagger.json:10:3`, 'error', 'Invalid JSON'));
    expect(stdout).toMatch(/Checked 4 Power Platform folders \(3 operations\) in [\d.]+s: 2 errors, 1 warning, 1 info\n$/);
  });

  it('writes the JSON report alone on stdout with --format json', async () => {
    const cwd = project();
    const { code, stdout, stderr } = await run(['--format', 'json', join(cwd, 'bad'), join(cwd, 'good')]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(report).toEqual([
      {
        ruleId: 'x-ms-value',
        severity: 'error',
        message: 'Expected `x-ms-safe-operation` to be `true` or `false`, not `yes`',
        file: `${join(cwd, 'bad')}/apiDefinition.swagger.json`,
        place: { start: { line: 18, column: 34 }, end: { line: 18, column: 39 } },
        pointer: '/paths/~1items/get/x-ms-safe-operation',
        url: 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#x-ms-value',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      },
    ]);
    expect(stderr).toMatch(/^Checked 2 Power Platform folders/);
  });

  it('refuses connector ids mixed with folders, links, and the options of MDX checks', async () => {
    const cwd = project();
    symlinkSync(join(cwd, 'good'), join(cwd, 'linked'));
    await expect(run([join(cwd, 'good'), 'alpha'])).rejects.toMatchObject({
      name: 'UsageError',
      command: 'check',
      message: '`alpha` is not a Power Platform folder; connector ids and Power Platform folders cannot be checked together',
    });
    await expect(run([join(cwd, 'good'), join(cwd, 'linked')])).rejects.toThrow(/is a symbolic link, which is not followed/);
    await expect(run([join(cwd, 'good'), join(cwd, 'connectors')])).rejects.toThrow(/holds no apiDefinition\.swagger\.json/);
    await expect(run([join(cwd, 'good'), '--jobs', '2', '--cache'])).rejects.toThrow('--jobs, --cache apply to MDX connectors, not to Power Platform folders');
    await expect(run([join(cwd, 'good'), '--format', 'xml'])).rejects.toThrow(/unknown format `xml`/);
  });
});

describe('plugboard check <Power Platform folder>', () => {
  it('checks folders named relative to the working directory', () => {
    const cwd = project();
    const r = cli(['check', 'good', 'bad/', 'broken'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(finding('bad/apiDefinition.swagger.json:18:34', 'error', 'Expected `x-ms-safe-operation`'));
    expect(r.stdout).toMatch(finding('broken/apiDefinition.swagger.json:10:3', 'error', 'Invalid JSON'));
    expect(r.stdout).toMatch(/Checked 3 Power Platform folders \(2 operations\) in [\d.]+s: 2 errors, 0 warnings\n$/);
    expect(cli(['check', 'good', 'lenient'], cwd)).toMatchObject({ code: 0 });
  });

  it('exits 2 when connector ids and folders are mixed', () => {
    const cwd = project();
    const r = cli(['check', 'good', 'alpha'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plugboard check: `alpha` is not a Power Platform folder; connector ids and Power Platform folders cannot be checked together');
    expect(r.stdout).toBe('');
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, NO_STACK, REPO, cli, tempDir } from './helpers.ts';

describe('plugboard (usage)', () => {
  const cwd = tempDir();

  it('prints the version', () => {
    const r = cli(['--version'], cwd);
    const pkg = JSON.parse(readFileSync(REPO + 'package.json', 'utf8')) as { version: string };
    expect(r).toMatchObject({ code: 0, stdout: pkg.version + '\n' });
  });

  it('prints help for the tool and each command', () => {
    expect(cli(['--help'], cwd)).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: plugboard <command>') });
    for (const command of ['build', 'check', 'new', 'import', 'export', 'init', 'site']) {
      const r = cli([command, '--help'], cwd);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: plugboard ${command}`);
    }
  });

  it('rejects an unknown command, flag or format with exit 2 and no stack trace', () => {
    for (const [args, message] of [
      [['frob'], 'plugboard: unknown command `frob`\n'],
      [['--frob'], 'plugboard: unknown option `--frob`\n'],
      [['build', '--frob'], 'plugboard build: unknown option `--frob`\n'],
      [['check', '--format', 'xml'], 'plugboard check: unknown format `xml`'],
      [['check', '--connectors'], 'plugboard check: option --connectors needs a value'],
      [['build', '--jobs', 'many'], 'plugboard build: --jobs expects a positive number or auto'],
      [['check', '--connectors', 'nowhere'], 'plugboard check: no connectors folder at nowhere'],
    ] as const) {
      const r = cli([...args], cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });

  it('suggests the command or flag a typo was meant to be, for every command', () => {
    for (const [args, message] of [
      [['chek'], 'plugboard: unknown command `chek`. Did you mean `check`?'],
      [['buidl'], 'plugboard: unknown command `buidl`. Did you mean `build`?'],
      [['inti'], 'plugboard: unknown command `inti`. Did you mean `init`?'],
      [['help', 'exprot'], 'plugboard: unknown command `exprot`. Did you mean `export`?'],
      [['--verison'], 'plugboard: unknown option `--verison`. Did you mean `--version`?'],
      [['build', '--conectors', 'x'], 'plugboard build: unknown option `--conectors`. Did you mean `--connectors`?'],
      [['build', '--ot', 'x'], 'plugboard build: unknown option `--ot`. Did you mean `--out`?'],
      [['check', '--fromat', 'json'], 'plugboard check: unknown option `--fromat`. Did you mean `--format`?'],
      [['check', '--wacth'], 'plugboard check: unknown option `--wacth`. Did you mean `--watch`?'],
      [['check', '--cache-locaton=x'], 'plugboard check: unknown option `--cache-locaton`. Did you mean `--cache-location`?'],
      [['check', '--format', 'jsno'], 'plugboard check: unknown format `jsno` (expected stylish, json, github, sarif, markdown or junit). Did you mean `json`?'],
      [['new', 'x', '--titel', 'X'], 'plugboard new: unknown option `--titel`. Did you mean `--title`?'],
      [['import', 'a.json', '--froce'], 'plugboard import: unknown option `--froce`. Did you mean `--force`?'],
      [['import', 'a.json', '--from', 'openapi'], 'plugboard import: --from takes powerplatform, swagger2, openapi3 or postman, not `openapi`. Did you mean `openapi3`?'],
      [['export', 'x', '--to', 'postmen'], 'plugboard export: --to takes openapi3 or postman, not `postmen`. Did you mean `postman`?'],
      [['export', 'x', '--yml'], 'plugboard export: unknown option `--yml`. Did you mean `--yaml`?'],
      [['init', '--hepl'], 'plugboard init: unknown option `--hepl`. Did you mean `--help`?'],
      [['site', '--bsae', '/x/'], 'plugboard site: unknown option `--bsae`. Did you mean `--base`?'],
    ] as const) {
      const r = cli([...args], cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(message);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });

  it('exits 2 with the usage when no command is given', () => {
    const r = cli([], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Commands:');
  });

  it('ends quietly when the reader closes the pipe (plugboard check | head -c 1)', () => {
    // 3,000 unknown front-matter keys: a report far larger than a pipe's buffer, so the writes
    // after head has exited fail with EPIPE.
    const dir = tempDir();
    expect(cli(['new', 'big'], dir).code).toBe(0);
    const file = join(dir, 'connectors', 'big', 'connector.mdx');
    const text = readFileSync(file, 'utf8');
    const keys = Array.from({ length: 3000 }, (_, i) => `unknownKey${i}: 1`).join('\n');
    writeFileSync(file, text.replace(/^---\n/, `---\n${keys}\n`));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${MAIN}" check | head -c 1 > /dev/null; echo "exit \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.stdout).toMatch(/^exit 1$/m);
  });
});

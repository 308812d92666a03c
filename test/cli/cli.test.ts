import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_STACK, REPO, cli, tempDir } from './helpers.ts';

describe('plugboard (usage)', () => {
  const cwd = tempDir();

  it('prints the version', () => {
    const r = cli(['--version'], cwd);
    const pkg = JSON.parse(readFileSync(REPO + 'package.json', 'utf8')) as { version: string };
    expect(r).toMatchObject({ code: 0, stdout: pkg.version + '\n' });
  });

  it('prints help for the tool and each command', () => {
    expect(cli(['--help'], cwd)).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: plugboard <command>') });
    for (const command of ['build', 'check', 'new', 'import']) {
      const r = cli([command, '--help'], cwd);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: plugboard ${command}`);
    }
  });

  it('rejects an unknown command, flag or format with exit 2 and no stack trace', () => {
    for (const [args, message] of [
      [['frob'], 'plugboard: unknown command `frob`'],
      [['--frob'], 'plugboard: unknown option --frob'],
      [['build', '--frob'], 'plugboard build: unknown option --frob'],
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

  it('exits 2 with the usage when no command is given', () => {
    const r = cli([], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Commands:');
  });
});

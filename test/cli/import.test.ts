import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, cli, tempDir, writeFiles } from './helpers.ts';

const SWAGGER = JSON.stringify({
  swagger: '2.0',
  info: { title: 'Petstore', description: 'A small pet store used by the import tests of the CLI.', version: '1.0' },
  host: 'petstore.example.com',
  basePath: '/v1',
  schemes: ['https'],
  paths: {
    '/pets': {
      get: { operationId: 'ListPets', summary: 'List pets', description: 'Lists the pets.', responses: { 200: { description: 'OK' } } },
    },
  },
});

describe('plugboard import (usage)', () => {
  it('exits 2 without a source, with --id and several sources, or with an unknown flag', () => {
    const cwd = tempDir();
    expect(cli(['import'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('missing the source') });
    expect(cli(['import', 'a.json', 'b.json', '--id', 'x'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('--id names one connector') });
    expect(cli(['import', 'a.json', '--frob'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option `--frob`') });
  });

  it('refuses to overwrite a connector folder without --force', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'petstore.json': SWAGGER, 'connectors/pets/connector.mdx': 'mine\n' });
    const r = cli(['import', 'petstore.json', '--id', 'pets'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('plugboard import: connectors/pets already exists; pass --force to replace it\n');
    expect(readFileSync(join(cwd, 'connectors/pets/connector.mdx'), 'utf8')).toBe('mine\n');
  });
});

describe('plugboard import', () => {
  it('imports, refuses a second import of the same id, and replaces it with --force', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'petstore.json': SWAGGER });
    const first = cli(['import', 'petstore.json'], cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^imported petstore\.json → connectors\/(\S+): 1 action, 0 triggers, 0 definitions; 0 warnings\n/);
    const id = /→ connectors\/(\S+):/.exec(first.stdout)![1]!;
    const mdx = join(cwd, 'connectors', id, 'connector.mdx');
    expect(existsSync(mdx)).toBe(true);
    writeFiles(cwd, { [`connectors/${id}/marker.txt`]: 'old' });

    const again = cli(['import', 'petstore.json'], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`connectors/${id} already exists; pass --force`);
    expect(existsSync(join(cwd, 'connectors', id, 'marker.txt'))).toBe(true);

    const forced = cli(['import', 'petstore.json', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(existsSync(join(cwd, 'connectors', id, 'marker.txt'))).toBe(false);
    expect(cli(['check', id], cwd).code).not.toBe(2);
  });

  it('exits 1 when a source cannot be imported, without a stack trace', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'notes.txt': 'not an API description\n' });
    const r = cli(['import', 'notes.txt', '--id', 'notes'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(NO_STACK);
  });
});

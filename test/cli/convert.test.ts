/** import from OpenAPI 3 / Postman, --sample, and export, through the CLI. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_STACK, cli, tempDir, writeFiles } from './helpers.ts';

const OPENAPI = `openapi: 3.0.3
info: { title: Notes, version: '1.0', description: A small notes API for the CLI tests of plugboard. }
servers: [{ url: 'https://notes.example.com/v1' }]
paths:
  /notes:
    get:
      operationId: ListNotes
      summary: List notes
      responses:
        '200': { description: OK, content: { application/json: { schema: { type: array, items: { type: string } } } } }
`;

describe('plugboard import (other formats) and export', () => {
  it('imports OpenAPI 3, sets a response from a sample, and exports it back out', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'notes.yaml': OPENAPI, 'sample.json': JSON.stringify({ id: 'n1', created_at: '2024-05-01T10:00:00Z' }) });
    const imported = cli(['import', 'notes.yaml'], cwd);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported notes.yaml → connectors/notes: 1 action');

    const sample = cli(['import', '--sample', 'sample.json', '--into', 'notes', '--operation', 'ListNotes'], cwd);
    expect(sample.code, sample.stdout + sample.stderr).toBe(0);
    const action = readFileSync(join(cwd, 'connectors/notes/actions/ListNotes.mdx'), 'utf8');
    expect(action).toContain('format: date-time');
    expect(action).toContain('summary: Created at');
    expect(cli(['check'], cwd).code).toBe(0);

    const openapi = cli(['export', 'notes', '--to', 'openapi3', '--out', '-'], cwd);
    expect(openapi.code).toBe(0);
    expect(JSON.parse(openapi.stdout)).toMatchObject({ openapi: '3.1.0', paths: { '/notes': { get: { operationId: 'ListNotes' } } } });
    const postman = cli(['export', 'notes', '--to', 'postman'], cwd);
    expect(postman).toMatchObject({ code: 0, stdout: expect.stringContaining('dist/export/notes.postman_collection.json') });
    const collection = JSON.parse(readFileSync(join(cwd, 'dist/export/notes.postman_collection.json'), 'utf8'));
    expect(collection.info.schema).toContain('v2.1.0');
  });

  it('exits 2 on bad flags and 1 on an unreadable source, without a stack trace', () => {
    const cwd = tempDir();
    writeFiles(cwd, { 'bad.json': '{ "openapi": "3.0.0", ' });
    expect(cli(['import', 'x.yaml', '--from', 'raml'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('--from takes') });
    expect(cli(['import', 'x.yaml', '--into', 'a'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('--into goes with --sample') });
    expect(cli(['export', 'nope'], cwd)).toMatchObject({ code: 2, stderr: expect.stringContaining('--to takes openapi3 or postman') });
    const bad = cli(['import', 'bad.json'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).not.toMatch(NO_STACK);
    expect(bad.stdout).toMatch(/bad\.json/);
  });
});

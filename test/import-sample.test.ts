/** Samples → schema (src/import/sample/infer.ts) and `importSample` into an existing connector. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { splitFrontMatter } from '../src/core/source-file.ts';
import { connectorFromFiles, loadConnector } from '../src/compiler/load.ts';
import { importSample } from '../src/import/sample/index.ts';
import { inferSchema } from '../src/import/sample/infer.ts';

const tmp = mkdtempSync(join(tmpdir(), 'plugboard-sample-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('inferSchema', () => {
  it('infers types, formats, labels and required keys across items', () => {
    const schema = inferSchema([
      [
        { id: '5f1c9a8e-2b3d-4c5e-8f90-123456789abc', created_at: '2024-03-01T10:00:00Z', day: '2024-03-01', email: 'a@b.co', site: 'https://x.com', n: 1, big: 3000000000, ratio: 0.5, ok: true, tags: ['a'], extra: null },
        { id: '6f1c9a8e-2b3d-4c5e-8f90-123456789abc', created_at: '2024-03-02T10:00:00+01:00', day: '2024-03-02', email: 'c@d.co', site: 'https://y.com', n: 2, big: 1, ratio: 1, ok: false, tags: [] },
      ],
    ]);
    expect(schema).toEqual({
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { summary: 'ID', type: 'string', format: 'uuid' },
          created_at: { summary: 'Created at', type: 'string', format: 'date-time' },
          day: { summary: 'Day', type: 'string', format: 'date' },
          email: { summary: 'Email', type: 'string', format: 'email' },
          site: { summary: 'Site', type: 'string', format: 'uri' },
          n: { summary: 'N', type: 'integer', format: 'int32' },
          big: { summary: 'Big', type: 'integer', format: 'int64' },
          ratio: { summary: 'Ratio', type: 'number', format: 'double' },
          ok: { summary: 'Ok', type: 'boolean' },
          tags: { summary: 'Tags', type: 'array', items: { type: 'string' } },
          extra: { summary: 'Extra' },
        },
        required: ['id', 'created_at', 'day', 'email', 'site', 'n', 'big', 'ratio', 'ok', 'tags'],
      },
    });
  });

  it('merges several samples and leaves mixed types open', () => {
    expect(inferSchema([{ a: 1, b: 'x' }, { a: 'one' }], { summaries: false })).toEqual({ type: 'object', properties: { a: {}, b: { type: 'string' } }, required: ['a'] });
    expect(inferSchema([{ userId: 1 }], { summaryKey: 'x-ms-summary' })).toEqual({ type: 'object', properties: { userId: { 'x-ms-summary': 'User ID', type: 'integer', format: 'int32' } } });
  });
});

describe('importSample', () => {
  const fixture = join(import.meta.dirname, 'fixtures/import/openapi3/rich-3-1/expected');

  it('adds a response schema to an action, through the serializer, and the connector still checks clean', () => {
    const dir = join(tmp, 'tickets');
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(join(tmp, 'sample.json'), JSON.stringify({ id: 'a1', uploaded_at: '2024-05-01T12:00:00Z', size: 1024 }));
    const result = importSample(join(tmp, 'sample.json'), { into: dir, operation: 'PostTicketsByTicketIdAttachments', status: 201 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...result.files.keys()]).toEqual(['actions/PostTicketsByTicketIdAttachments.mdx']);
    const text = result.files.get('actions/PostTicketsByTicketIdAttachments.mdx') as string;
    const front = parse(splitFrontMatter(text).yaml);
    expect(Object.keys(front.responses)).toEqual(['201', '204']);
    expect(front.responses['201']).toEqual({
      description: 'Created',
      schema: { type: 'object', properties: { id: { summary: 'ID', type: 'string' }, uploaded_at: { summary: 'Uploaded at', type: 'string', format: 'date-time' }, size: { summary: 'Size', type: 'integer', format: 'int32' } } },
      examples: { 'application/json': { id: 'a1', uploaded_at: '2024-05-01T12:00:00Z', size: 1024 } },
    });
    const source = loadConnector(dir);
    const texts: Record<string, string> = {};
    for (const f of [source.connector!, ...source.actions, ...source.definitions, ...source.parameters]) texts[f.path.slice(source.prefix.length)] = f.text;
    texts['actions/PostTicketsByTicketIdAttachments.mdx'] = text;
    const built = compileAndCheck(connectorFromFiles('tickets', texts));
    expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  });

  it('replaces an existing response, keeping its description', () => {
    writeFileSync(join(tmp, 'list.json'), JSON.stringify([{ title: 'x' }]));
    const result = importSample(join(tmp, 'list.json'), { into: fixture, operation: 'GetTickets' });
    const front = parse(splitFrontMatter(result.files.get('actions/GetTickets.mdx') as string).yaml);
    expect(front.responses['200'].description).toBe('The tickets');
    expect(front.responses['200'].schema).toEqual({ type: 'array', items: { type: 'object', properties: { title: { summary: 'Title', type: 'string' } } } });
    expect(front.responses['200'].headers).toBeDefined();
  });

  it('reports a missing operation, a bad sample and a bad status clearly', () => {
    writeFileSync(join(tmp, 'bad.json'), '{"a": ');
    expect(importSample(join(tmp, 'list.json'), { into: fixture, operation: 'Nope' }).diagnostics.map((d) => d.message)[0]).toMatch(/^No operation `Nope` in/);
    const bad = importSample(join(tmp, 'bad.json'), { into: fixture, operation: 'GetTickets', display: ['bad.json'] });
    expect(bad.diagnostics.map((d) => d.ruleId)).toEqual(['import-json-invalid']);
    expect(bad.diagnostics[0]!.file).toBe('bad.json');
    expect(bad.files.size).toBe(0);
    expect(importSample(join(tmp, 'list.json'), { into: fixture, operation: 'GetTickets', status: 'ok' }).diagnostics[0]!.message).toMatch(/Expected a status code/);
  });
});

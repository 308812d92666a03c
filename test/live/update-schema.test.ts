/**
 * `plugboard test --update-schema` (src/live/update-schema.ts, src/live/infer-schema.ts): the
 * inference from values, the edits on a synthetic connector (an inline action schema, a shared
 * definition reached from two operations, nested objects, arrays of objects, a type change, null →
 * x-nullable, a dynamic schema left alone), idempotence, and the command on a copy of the bundled
 * the-cat-api with hand-written recordings (--replay) and against a local server (--base-url).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveExchange } from '../../src/check/define-rule.ts';
import { CONNECTOR } from '../../src/check/examples.ts';
import { applyEdits, unifiedDiff } from '../../src/check/fix.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { runTest } from '../../src/cli/commands/test.ts';
import { UsageError } from '../../src/cli/util.ts';
import { connectorFromFiles, loadConnector } from '../../src/compiler/load.ts';
import { inferProperties, inferSchema, summaryFromName } from '../../src/live/infer-schema.ts';
import { checkExchanges } from '../../src/live/place.ts';
import { parseRecording, RECORDINGS_FILE, serializeRecording } from '../../src/live/recording.ts';
import { summaryLine, updateSchema, type SchemaUpdate } from '../../src/live/update-schema.ts';
import { capture, json, startServer, type TestServer } from './helpers.ts';

describe('inferSchema', () => {
  it('takes the one type of the values, a date-time format only when every string is one', () => {
    expect(inferSchema('created_at', ['2024-05-01T08:30:00Z', '2024-05-02T10:00:00.123+02:00'])).toEqual({ type: 'string', format: 'date-time', summary: 'Created At' });
    expect(inferSchema('created_at', ['2024-05-01T08:30:00Z', 'yesterday'])).toEqual({ type: 'string', summary: 'Created At' });
    expect(inferSchema('day', ['2024-05-01'])).toEqual({ type: 'string', summary: 'Day' });
    expect(inferSchema('count', [1, 2])).toEqual({ type: 'integer', summary: 'Count' });
    expect(inferSchema('big', [1, 2 ** 40])).toEqual({ type: 'integer', format: 'int64', summary: 'Big' });
    expect(inferSchema('ratio', [1, 2.5])).toEqual({ type: 'number', summary: 'Ratio' });
    expect(inferSchema('ok', [true])).toEqual({ type: 'boolean', summary: 'Ok' });
  });

  it('marks a field seen as null beside typed values nullable, and gives up on nulls alone, mixed types and empty arrays', () => {
    expect(inferSchema('note', ['a', null])).toEqual({ type: 'string', summary: 'Note', 'x-nullable': true });
    expect(inferSchema('note', [null, null])).toBeUndefined();
    expect(inferSchema('mixed', ['a', 1])).toBeUndefined();
    expect(inferSchema('tags', [[], []])).toBeUndefined();
  });

  it('recurses into objects and merges the elements of arrays, within bounds', () => {
    expect(inferSchema('owner', [{ name: 'a' }, { name: 'b', address: { city: 'c' } }])).toEqual({
      type: 'object',
      summary: 'Owner',
      properties: { address: { type: 'object', summary: 'Address', properties: { city: { type: 'string', summary: 'City' } } }, name: { type: 'string', summary: 'Name' } },
    });
    expect(inferSchema('tags', [[{ name: 'a' }], [{ name: 'b', weight: 2 }]])).toEqual({
      type: 'array',
      summary: 'Tags',
      items: { type: 'object', properties: { name: { type: 'string', summary: 'Name' }, weight: { type: 'integer', summary: 'Weight' } } },
    });
    // Only the first 50 elements of an array are read: a string at index 60 does not make the types mixed.
    expect(inferSchema('ids', [[...Array.from({ length: 60 }, (_, i) => i), 'x']])).toEqual({ type: 'array', summary: 'IDs', items: { type: 'integer' } });
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < 10; i++) deep = { next: deep };
    const schema = JSON.stringify(inferSchema('root', [deep]));
    expect(schema.match(/"properties"/g)?.length).toBe(5);
  });

  it('names each field left out, at any depth, so that nothing is dropped unsaid', () => {
    const omitted: string[] = [];
    const schema = inferProperties(
      [{ owner: { login: 'a', extra: null }, tags: [{ name: 'x', any: 1 }, { name: 'y', any: 'z' }], gone: null, mixed: [1, 'a'] }],
      new Set(),
      0,
      omitted,
    );
    expect(Object.keys(schema)).toEqual(['owner', 'tags']);
    expect(omitted.sort()).toEqual(['gone', 'mixed', 'owner.extra', 'tags[].any']);
    const many = Object.fromEntries(Array.from({ length: 52 }, (_, i) => [`f${String(i).padStart(2, '0')}`, i]));
    const over: string[] = [];
    expect(Object.keys(inferProperties([many], new Set(), 0, over))).toHaveLength(50);
    expect(over).toEqual(['f50', 'f51']);
  });

  it('makes a Title Case summary from the field name', () => {
    expect(summaryFromName('reference_image_id')).toBe('Reference Image ID');
    expect(summaryFromName('createdAt')).toBe('Created At');
    expect(summaryFromName('HTTPStatus')).toBe('HTTP Status');
    expect(summaryFromName('wikipedia-url')).toBe('Wikipedia URL');
    expect(summaryFromName('__')).toBe('');
  });
});

const mdx = (lines: string[]) => `---\n${lines.join('\n')}\n---\n`;

const FILES: Record<string, string> = {
  'connector.mdx': CONNECTOR,
  'actions/ListItems.mdx': mdx([
    'request: GET /items',
    'summary: List items',
    'description: Lists the items.',
    'responses:',
    '  200:',
    '    description: The items.',
    '    schema:',
    '      type: object',
    '      properties:',
    '        value:',
    '          type: array',
    '          summary: Items',
    '          items:',
    '            type: object',
    '            properties:',
    '              id: { type: string, summary: Item ID }',
    '              size: { type: integer, format: int32, summary: Size }',
    '              label:',
    '                type: string',
    '                summary: Label',
  ]),
  'actions/GetItem.mdx': mdx([
    'request: GET /items/{id}',
    'summary: Get an item',
    'description: Gets one item.',
    'parameters:',
    '  id: { type: string, summary: Item ID, testValue: "1" }',
    'responses:',
    '  200:',
    '    description: The item.',
    "    schema: { $ref: '#/definitions/Item' }",
  ]),
  'actions/GetOtherItem.mdx': mdx([
    'request: GET /other',
    'summary: Get another item',
    'description: Gets another item.',
    'responses:',
    '  200:',
    '    description: The item.',
    "    schema: { $ref: '#/definitions/Item' }",
  ]),
  'actions/GetDynamic.mdx': mdx([
    'request: GET /dynamic',
    'summary: Get a dynamic thing',
    'description: Gets a thing whose fields the API says.',
    'responses:',
    '  200:',
    '    description: The thing.',
    '    schema:',
    '      type: object',
    '      properties:',
    '        id: { type: string, summary: Thing ID }',
    '      x-ms-dynamic-schema: { operationId: GetOtherItem, parameters: {}, value-path: schema }',
  ]),
  'definitions/Item.mdx': mdx([
    'type: object',
    'description: An item.',
    'properties:',
    '  id: { type: string, summary: Item ID }',
    '  name: { type: string, summary: Item Name }',
    '  colour: { type: string, summary: Colour }',
  ]),
};

const exchange = (operationId: string, body: unknown, status = 200): LiveExchange => ({
  operationId,
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const EXCHANGES: LiveExchange[] = [
  exchange('ListItems', {
    value: [
      { id: '1', size: '10', label: null, created: '2024-05-01T08:30:00Z', tags: [{ name: 'a' }], owner: { name: 'x', address: { city: 'y' } } },
      { id: '2', size: '12', label: 'Two', created: '2024-05-02T08:30:00Z', tags: [], owner: { name: 'z' } },
    ],
    total: 2,
  }),
  exchange('GetItem', { id: '1', name: 'One', extra: true }),
  exchange('GetOtherItem', { id: '2', extra: false }),
  exchange('GetDynamic', { id: 't', whatever: 1 }),
  // Not read: an error status, a failure.
  exchange('GetItem', { id: '1', ignored: 'x' }, 404),
  { operationId: 'GetItem', failure: { kind: 'timeout', message: 'timed out' } },
];

function applied(files: Record<string, string>, update: SchemaUpdate): Record<string, string> {
  const out = { ...files };
  for (const file of new Set(update.edits.map((e) => e.file))) out[file] = applyEdits(out[file]!, update.edits.filter((e) => e.file === file));
  return out;
}

describe('updateSchema on a synthetic connector', () => {
  const load = (files = FILES) => () => connectorFromFiles('contoso', files);
  const update = updateSchema(load(), EXCHANGES);
  const after = applied(FILES, update);

  it('adds undeclared fields inline in the action file: nested objects, arrays of objects, a date-time', () => {
    expect(after['actions/ListItems.mdx']).toBe(
      mdx([
        'request: GET /items',
        'summary: List items',
        'description: Lists the items.',
        'responses:',
        '  200:',
        '    description: The items.',
        '    schema:',
        '      type: object',
        '      properties:',
        '        value:',
        '          type: array',
        '          summary: Items',
        '          items:',
        '            type: object',
        '            properties:',
        '              id: { type: string, summary: Item ID }',
        '              size: { type: string, summary: Size }',
        '              label:',
        '                type: string',
        '                summary: Label',
        '                x-nullable: true',
        '              created: { type: string, format: date-time, summary: Created }',
        '              owner:',
        '                type: object',
        '                summary: Owner',
        '                properties:',
        '                  address:',
        '                    type: object',
        '                    summary: Address',
        '                    properties:',
        '                      city: { type: string, summary: City }',
        '                  name: { type: string, summary: Name }',
        '              tags:',
        '                type: array',
        '                summary: Tags',
        '                items:',
        '                  type: object',
        '                  properties:',
        '                    name: { type: string, summary: Name }',
        '        total: { type: integer, summary: Total }',
      ]),
    );
  });

  it('adds a field of a shared definition once, in the definition file, and lists a declared field not seen', () => {
    expect(after['definitions/Item.mdx']).toBe(
      mdx([
        'type: object',
        'description: An item.',
        'properties:',
        '  id: { type: string, summary: Item ID }',
        '  name: { type: string, summary: Item Name }',
        '  colour: { type: string, summary: Colour }',
        '  extra: { type: boolean, summary: Extra }',
      ]),
    );
    expect(update.edits.filter((e) => e.file === 'definitions/Item.mdx')).toHaveLength(1);
    expect(update.notSeen).toEqual(['definitions/Item.mdx:7: `colour`']);
  });

  it('leaves an operation with a dynamic schema alone, and says so', () => {
    expect(after['actions/GetDynamic.mdx']).toBe(FILES['actions/GetDynamic.mdx']);
    expect(update.notes).toContain('GetDynamic: its response has a dynamic schema (x-ms-dynamic-schema); left as it is');
  });

  it('sums the update up in one line', () => {
    expect(summaryLine(update)).toBe('Updated 2 files: 5 fields added, 1 type changed, 1 field made nullable; 1 field declared, not seen');
    expect(summaryLine(update, true)).toMatch(/^Would update 2 files/);
    expect(update.applied.map((c) => `${c.file}:${c.line}: ${c.description}`)).toEqual([
      'actions/ListItems.mdx:10: Added `total` (integer)',
      'actions/ListItems.mdx:16: Added `created` (string, date-time)',
      'actions/ListItems.mdx:16: Added `owner` (object)',
      'actions/ListItems.mdx:16: Added `tags` (array)',
      'actions/ListItems.mdx:19: Made `label` nullable (`x-nullable: true`)',
      'actions/ListItems.mdx:18: Changed the type of `size` from `integer` to `string` (and dropped its format)',
      'definitions/Item.mdx:4: Added `extra` (boolean)',
    ]);
  });

  it('gives no edits the second time (idempotent), and the updated connector compiles and checks as before', () => {
    const again = updateSchema(load(after), EXCHANGES);
    expect(again.edits).toEqual([]);
    expect(summaryLine(again)).toBe('Schema up to date: nothing to change; 1 field declared, not seen');
    const errors = (files: Record<string, string>) => compileAndCheck(connectorFromFiles('contoso', files)).diagnostics.filter((d) => d.severity === 'error').map(String);
    expect(errors(after)).toEqual(errors(FILES));
    const warnings = (files: Record<string, string>) => new Set(compileAndCheck(connectorFromFiles('contoso', files)).diagnostics.map((d) => d.ruleId));
    expect([...warnings(after)].filter((id) => !warnings(FILES).has(id))).toEqual([]);
  });

  it('leaves no drift, no body or type finding for what it wrote', () => {
    const before = checkExchanges(load(), EXCHANGES).map((d) => d.ruleId);
    expect(before).toContain('live-schema-drift');
    expect(before).toContain('live-body-invalid');
    // What stays is about the exchanges that were not read: the 404 and the timeout, and the dynamic operation (not walked).
    const findings = checkExchanges(load(after), EXCHANGES).filter((d) => d.ruleId === 'live-schema-drift' || d.ruleId === 'live-body-invalid');
    expect(findings.map(String)).toEqual(['actions/GetDynamic.mdx:10:7-10:17: `/whatever` (integer) is returned but not declared (live-schema-drift)']);
  });

  it('writes a flow map in flow style, and drops a format in it', () => {
    const files = {
      ...FILES,
      'definitions/Item.mdx': mdx(['type: object', 'properties: { id: { type: string }, n: { type: string, format: date-time, summary: N } }']),
    };
    const result = updateSchema(load(files), [exchange('GetItem', { id: null, n: 3, extra: { a: 'b' } })]);
    expect(applied(files, result)['definitions/Item.mdx']).toBe(
      mdx(['type: object', 'properties: { id: { type: string, x-nullable: true }, n: { type: integer, summary: N }, extra: { type: object, summary: Extra, properties: { a: { type: string, summary: A } } } }']),
    );
    expect(updateSchema(load(applied(files, result)), [exchange('GetItem', { id: null, n: 3, extra: { a: 'b' } })]).edits).toEqual([]);
  });

  it('keeps a declared type when the values disagree, and says why', () => {
    // `id` is a number once and a string once: not every value disagrees. `name` disagrees every time, but not on one type.
    const result = updateSchema(load(), [exchange('GetItem', { id: 1, name: true, colour: 'red' }), exchange('GetOtherItem', { id: 'b', name: 4, colour: 'blue' })]);
    expect(result.edits).toEqual([]);
    expect(result.notes).toContain('`/definitions/Item/properties/name` left as `string`: returned as boolean and integer');
    // A string returned as an object every time is a change of structure, not of type.
    const structure = updateSchema(load(), [exchange('GetItem', { id: '1', name: { first: 'a' } })]);
    expect(structure.edits).toEqual([]);
    expect(structure.notes).toContain('`/definitions/Item/properties/name` left as `string`: returned as object, a change of structure to make by hand');
  });

  it('marks a shared definition returned as null nullable in its own file', () => {
    const result = updateSchema(load(), [exchange('GetItem', { id: '1', name: 'a', colour: 'red' }), exchange('GetOtherItem', null)]);
    const files = applied(FILES, result);
    expect(files['definitions/Item.mdx']).toBe(
      mdx(['type: object', 'description: An item.', 'properties:', '  id: { type: string, summary: Item ID }', '  name: { type: string, summary: Item Name }', '  colour: { type: string, summary: Colour }', 'x-nullable: true']),
    );
    expect(compileAndCheck(connectorFromFiles('contoso', files)).diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    expect(checkExchanges(load(files), [exchange('GetOtherItem', null)]).map(String)).toEqual([]);
  });

  it('shows its edits as a unified diff of added lines', () => {
    const edits = update.edits.filter((e) => e.file === 'definitions/Item.mdx');
    expect(unifiedDiff('definitions/Item.mdx', FILES['definitions/Item.mdx']!, edits)).toBe(
      [
        '--- a/definitions/Item.mdx',
        '+++ b/definitions/Item.mdx',
        '@@ -5,4 +5,5 @@',
        '   id: { type: string, summary: Item ID }',
        '   name: { type: string, summary: Item Name }',
        '   colour: { type: string, summary: Colour }',
        '+  extra: { type: boolean, summary: Extra }',
        ' ---',
        '',
      ].join('\n'),
    );
  });
});

// ---------------------------------------------------------------------------------------------

const CONNECTORS = join(import.meta.dirname, '../../connectors');

/** The bundled recording of the-cat-api with a breed that grew, changed and lost a value; categories that grew. */
function driftedRecording(): string {
  const recording = parseRecording(readFileSync(join(CONNECTORS, 'the-cat-api', RECORDINGS_FILE), 'utf8'));
  const breed = (b: Record<string, unknown>) => Object.assign(b, { bred_for: 'Hunting', updated_at: '2024-05-01T08:30:00Z', weight: { imperial: 7, metric: '3 - 7' }, alt_names: null });
  for (const e of recording.exchanges) {
    const body = e.response?.json as never;
    if (e.operationId === 'ListBreeds') (body as Record<string, unknown>[]).forEach(breed);
    if (e.operationId === 'GetBreed') breed(body);
    if (e.operationId === 'GetImage') (body as { breeds: Record<string, unknown>[] }).breeds.forEach(breed);
    if (e.operationId === 'SearchImages') (body as Array<{ breeds: Record<string, unknown>[] }>).forEach((i) => i.breeds.forEach(breed));
    if (e.operationId === 'ListFavourites') (body as Array<Record<string, unknown>>).forEach((f) => Object.assign(f, { user_id: 'u1', image: { id: 'id', url: 'url', width: 400 } }));
    if (e.operationId === 'ListCategories') (body as Array<Record<string, unknown>>).forEach((c) => Object.assign(c, { meta: { source: 'x', count: 3 }, aliases: [{ name: 'a', since: 2020 }] }));
  }
  return serializeRecording(recording);
}

describe('plugboard test --update-schema on a copy of the-cat-api', () => {
  let root: string;
  const dir = () => join(root, 'the-cat-api');
  const read = (rel: string) => readFileSync(join(dir(), rel), 'utf8');
  const mdxFiles = ['actions/ListFavourites.mdx', 'definitions/Breed.mdx', 'definitions/Category.mdx', 'definitions/Image.mdx'];
  const snapshot = () => Object.fromEntries(mdxFiles.map((f) => [f, read(f)]));
  const test = (...more: string[]) => capture(() => runTest(['the-cat-api', '--connectors', root, ...more]));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'plugboard-update-schema-'));
    cpSync(join(CONNECTORS, 'the-cat-api'), dir(), { recursive: true });
    writeFileSync(join(dir(), RECORDINGS_FILE), driftedRecording());
    return () => rmSync(root, { recursive: true, force: true });
  });

  it('writes the update from a replay, prints the diff and the summary, and a replay after it finds no drift', async () => {
    const { result, stdout } = await test('--replay', '--update-schema');
    // The run's findings are reported as ever (the type change is a live-body-invalid error).
    expect(result).toBe(1);
    expect(stdout).toContain('--- a/');
    expect(stdout).toContain('+  bred_for: { type: string, summary: Bred For }');
    expect(stdout).toContain('+  updated_at: { type: string, format: date-time, summary: Updated At }');
    expect(stdout).toContain('+          user_id: { type: string, summary: User ID }');
    expect(stdout).toContain('Updated 3 files: 6 fields added, 1 type changed, 1 field made nullable\n');
    expect(stdout).toContain('run `plugboard test the-cat-api --replay` again to check against the updated schema');
    expect(read('definitions/Breed.mdx')).toContain('  alt_names: { type: string, summary: Other Names, description: "Other names of the breed, if any.", x-nullable: true }');
    expect(read('definitions/Breed.mdx')).toContain('      imperial: { type: integer, summary: Weight in Pounds,');
    expect(read('definitions/Category.mdx')).toContain('  aliases:\n    type: array\n    summary: Aliases\n    items:\n      type: object\n      properties:\n');

    const again = await test('--replay');
    expect(again.result).toBe(0);
    expect(again.stdout).not.toContain('live-schema-drift');
    expect(again.stdout).not.toContain('live-body-invalid');
    const idempotent = await test('--replay', '--update-schema');
    expect(idempotent.stdout).toContain('Schema up to date: nothing to change\n');

    const checked = compileAndCheck(loadConnector(dir(), 'the-cat-api'));
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  });

  it('with --dry-run prints the diff and writes nothing', async () => {
    const before = snapshot();
    const { stdout } = await test('--replay', '--update-schema', '--dry-run');
    expect(stdout).toContain('+++ b/');
    expect(stdout).toContain('Would update 3 files: 6 fields added, 1 type changed, 1 field made nullable (nothing written)\n');
    expect(snapshot()).toEqual(before);
  });

  it('refuses --dry-run without --update-schema', async () => {
    await expect(runTest(['the-cat-api', '--connectors', root, '--replay', '--dry-run'])).rejects.toThrow(UsageError);
  });

  describe('against a local server (--base-url)', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer((req, res) => {
        const path = (req.url ?? '').split('?')[0];
        if (path === '/v1/breeds/beng') return json(res, 200, { id: 'beng', name: 'Bengal', colour: 'spotted', weight: { imperial: '6 - 12', metric: '3 - 7' } });
        return json(res, 404, { message: 'not found' });
      });
    });
    afterAll(() => server.close());

    it('adds what the live response returned and lists the declared fields it did not', async () => {
      const { stdout } = await test('--base-url', `${server.url}/v1`, '--operation', 'GetBreed', '--set', 'breed_id=beng', '--timeout', '2', '--update-schema');
      expect(stdout).toContain('+  colour: { type: string, summary: Colour }');
      expect(stdout).toMatch(/the-cat-api\/definitions\/Breed\.mdx:\d+: `temperament` declared, not seen \(kept\)/);
      expect(stdout).toMatch(/Updated 1 file: 1 field added; 27 fields declared, not seen\n/);
      expect(read('definitions/Breed.mdx')).toContain('  colour: { type: string, summary: Colour }\n---');
    });
  });
});

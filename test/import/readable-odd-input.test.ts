/**
 * Issue 10, "imported files that read like hand-written ones" and "import of whole repositories and
 * odd files": block scalars that read back exactly, keys in reading order, format detection by the
 * document's root keys, an apiProperties.json that is not JSON, and sources of one run that give
 * the same id. (The golden case test/fixtures/import/swagger2/readable-order/ shows the order.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { distinctId } from '../../src/cli/commands/import.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { detectFormat, importSource } from '../../src/import/index.ts';
import { toYaml } from '../../src/import/write-mdx.ts';
import { cli, writeFiles } from '../cli/helpers.ts';

const work = mkdtempSync(join(tmpdir(), 'plugboard-d1-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LONG = 'Lists every item of the account that the connection can see, newest first, with paging handled by the service.';

describe('block scalars', () => {
  it('writes a long description folded and a multi-line one literal, other strings on one line', () => {
    const text = toYaml({ summary: 'List items', description: LONG, other: LONG, notes: { description: 'One.\nTwo.\n' } });
    expect(text).toBe(
      [
        'summary: List items',
        'description: >-',
        '  Lists every item of the account that the connection can see, newest first, with paging handled by',
        '  the service.',
        `other: ${LONG}`,
        'notes:',
        '  description: |',
        '    One.',
        '    Two.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['leading spaces', `  ${LONG}`],
    ['trailing spaces', `${LONG}   `],
    ['a carriage return', 'One.\r\nTwo.'],
    ['indented lines', 'One.\n\n  indented\nTwo.\n\n\n'],
    ['a leading newline', `\n${LONG}`],
    ['tabs', LONG.replace(/ /g, '\t')],
    ['YAML punctuation', `# - : '${LONG}' "x" #`],
    ['a line separator', `\u2028${LONG}`],
    ['a list-like text', 'Ok:\n- one\n- two'],
  ])('reads back exactly with %s', (_name, value) => {
    const data = { description: value, summary: value, nested: [{ description: value }], empty: {}, list: [] };
    expect(parse(toYaml(data))).toEqual(data);
  });
});

describe('reading order', () => {
  const swagger = {
    swagger: '2.0',
    info: { title: 'Order', version: '1.0' },
    host: 'api.order.example',
    paths: {
      '/items/{id}': {
        get: {
          responses: { '200': { schema: { type: 'string' }, description: 'OK' } },
          parameters: [{ type: 'string', 'x-ms-summary': 'Item', required: true, in: 'path', name: 'id' }],
          'x-ms-visibility': 'important',
          description: LONG,
          summary: 'Get an item',
          operationId: 'GetItem',
          'x-ms-no-generic-test': true,
        },
      },
      '/items': { get: { responses: { '200': { description: 'OK' } }, parameters: [], summary: 'List items', operationId: 'ListItems', 'x-ms-visibility': 'advanced' } },
    },
  };
  const file = join(work, 'order.json');
  writeFiles(work, { 'order.json': JSON.stringify(swagger) });
  const result = importSource(file, { display: 'order.json' });
  const front = (name: string) => parse(String(result.files.get(name)).split('---\n')[1]!) as Record<string, unknown>;

  it('puts what an operation is first, its inputs, then its responses last', () => {
    expect(Object.keys(front('actions/GetItem.mdx'))).toEqual(['request', 'summary', 'description', 'visibility', 'x-ms-no-generic-test', 'parameters', 'responses']);
    expect(Object.keys((front('actions/GetItem.mdx').parameters as Record<string, object>).id)).toEqual(['in', 'required', 'summary', 'type']);
    expect(Object.keys((front('actions/GetItem.mdx').responses as Record<string, object>)['200'])).toEqual(['description', 'schema']);
    expect(result.diagnostics.map(String)).toEqual([]);
  });

  it('keeps an operation with `parameters: []` in sugar (it was verbatim before)', () => {
    expect(front('actions/ListItems.mdx')).toEqual({ request: 'GET /items', summary: 'List items', visibility: 'advanced', parameters: [], responses: { '200': { description: 'OK' } } });
    expect(result.stats.rawOperations).toBe(0);
  });
});

describe('format detection by root keys', () => {
  /** A 1.5 MB document whose keys are sorted: `components` (huge) before `info`, `openapi` and `paths`. */
  function sortedOpenApi(): string {
    const schemas: string[] = [];
    for (let i = 0, length = 0; length < 1_600_000; i++) {
      schemas.push(`    Schema${String(i).padStart(5, '0')}:\n      description: A schema of the sorted document, number ${i}.\n      type: object\n      properties:\n        id:\n          type: string`);
      length += schemas.at(-1)!.length + 1;
    }
    return `components:\n  schemas:\n${schemas.join('\n')}\ninfo:\n  title: Sorted\n  version: '1.0'\nopenapi: 3.0.3\npaths: {}\n`;
  }

  it('recognises OpenAPI 3 whose `openapi:` stands after 1.5 MB of other keys', () => {
    const text = sortedOpenApi();
    expect(text.length).toBeGreaterThan(1_500_000);
    expect(text.indexOf('openapi:')).toBeGreaterThan(1_500_000);
    expect(detectFormat(text)).toBe('openapi3');
  });

  it('reads JSON root keys too, in any order', () => {
    const definitions = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`D${i}`, { type: 'object', description: 'x'.repeat(30) }]));
    expect(detectFormat(JSON.stringify({ definitions, info: { title: 'T', version: '1' }, paths: {}, swagger: '2.0' }))).toBe('swagger2');
    expect(detectFormat(JSON.stringify({ item: [], info: { name: 'C', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' } }))).toBe('postman');
    expect(detectFormat(JSON.stringify({ info: { name: 'C' }, item: [{ name: 'r', request: 'https://x.example' }] }))).toBe('postman');
    expect(detectFormat(JSON.stringify({ order: [], requests: [] }))).toBe('postman');
  });

  it('falls back to the text for a document that does not parse, and says unknown for anything else', () => {
    expect(detectFormat('{ "swagger": "2.0", "info": { // comment\n } }')).toBe('swagger2');
    expect(detectFormat('openapi: 3.0.0\ninfo: [unclosed\n')).toBe('openapi3');
    expect(detectFormat('hello')).toBe('unknown');
    expect(detectFormat('title: x\nversion: 1\n')).toBe('unknown');
  });
});

describe('an apiProperties.json that is not JSON', () => {
  const SWAGGER = JSON.stringify({
    swagger: '2.0',
    info: { title: 'Broken', description: 'A connector whose properties do not parse.', version: '1.0' },
    host: 'api.broken.example',
    basePath: '/',
    schemes: ['https'],
    paths: { '/items': { get: { operationId: 'ListItems', summary: 'List items', responses: { '200': { description: 'OK' } } } } },
  });
  const cases = {
    'missing-comma': '{\n  "properties": {\n    "iconBrandColor": "#da3b01"\n    "publisher": "Contoso",\n    "stackOwner": "Contoso"\n  }\n}\n',
    truncated: '{\n  "properties": {\n    "iconBrandColor": "#da3b01",\n    "publisher": "Contoso",\n    "capabilities": ["actions"',
  };

  it.each(Object.entries(cases))('%s: keeps what can be read, the original beside, and check reports it where it breaks', (name, properties) => {
    const dir = join(work, name);
    writeFiles(dir, { 'apiDefinition.swagger.json': SWAGGER, 'apiProperties.json': properties, 'readme.md': '# Broken\n' });
    const result = importSource(dir, { display: name });
    const lines = result.diagnostics.map((d) => `${d.severity} ${d.ruleId} ${d.file}`);
    expect(lines).toContain(`error import-json-invalid ${name}/apiProperties.json`);
    expect(lines).toContain(`warning import-approximated ${name}/apiProperties.json`);
    expect(result.diagnostics.filter((d) => d.ruleId === 'import-not-lossless')).toEqual([]);
    // What could be read is carried; the original text stays beside connector.mdx.
    const connector = String(result.files.get('connector.mdx'));
    expect(connector).toContain("brandColor: '#da3b01'");
    expect(connector).toContain('publisher: Contoso');
    expect(result.files.get('apiProperties.original.json')).toBe(properties);

    // `check` on the written folder reports the file at the place the JSON breaks.
    const texts = Object.fromEntries([...result.files].map(([k, v]) => [k, String(v)]));
    const checked = compileAndCheck(connectorFromFiles(name, texts));
    const found = checked.diagnostics.filter((d) => d.ruleId === 'connector-properties-recovered');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.file).toBe('apiProperties.original.json');
    // Where the text stops being JSON: the comma that is missing, or the end of a cut-off file.
    expect(found[0]!.place!.start).toEqual(name === 'truncated' ? { line: 5, column: 31 } : { line: 4, column: 5 });
    // It is never packaged.
    expect(checked.assets.has('apiProperties.original.json')).toBe(false);

    // Fixed and deleted, the connector checks clean of it.
    delete texts['apiProperties.original.json'];
    expect(compileAndCheck(connectorFromFiles(name, texts)).diagnostics.filter((d) => d.ruleId === 'connector-properties-recovered')).toEqual([]);
  });
});

describe('sources of one run that give the same id', () => {
  const SWAGGER = JSON.stringify({
    swagger: '2.0',
    info: { title: 'Twin', version: '1.0' },
    host: 'api.twin.example',
    paths: { '/a': { get: { operationId: 'GetA', summary: 'Get A', responses: { '200': { description: 'OK' } } } } },
  });

  it('get distinct ids after their category folder, reported, and exit 0', () => {
    const cwd = join(work, 'twins');
    writeFiles(cwd, {
      'src/certified-connectors/Twin/apiDefinition.swagger.json': SWAGGER,
      'src/independent-publisher-connectors/Twin/apiDefinition.swagger.json': SWAGGER,
      'src/custom-connectors/Twin/apiDefinition.swagger.json': SWAGGER,
    });
    const r = cli(['import', 'src/certified-connectors/Twin', 'src/independent-publisher-connectors/Twin', 'src/custom-connectors/Twin'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('imported'));
    expect(lines).toEqual([
      'imported src/certified-connectors/Twin → connectors/twin: 1 action, 0 triggers, 0 definitions; 0 warnings',
      'imported src/independent-publisher-connectors/Twin → connectors/twin-independent-publisher (id `twin` is taken by an earlier source of this run): 1 action, 0 triggers, 0 definitions; 0 warnings',
      'imported src/custom-connectors/Twin → connectors/twin-custom (id `twin` is taken by an earlier source of this run): 1 action, 0 triggers, 0 definitions; 0 warnings',
    ]);
    for (const id of ['twin', 'twin-independent-publisher', 'twin-custom']) expect(existsSync(join(cwd, 'connectors', id, 'actions/GetA.mdx'))).toBe(true);
    expect(readFileSync(join(cwd, 'connectors/twin-custom/connector.mdx'), 'utf8')).toContain('title: Twin');
  });

  it('falls back to -2, -3 when the category gives nothing new', () => {
    expect(distinctId('twin', '/src/certified-connectors/Twin', new Set(['twin']))).toBe('twin-certified');
    expect(distinctId('twin', '/src/certified-connectors/Twin', new Set(['twin', 'twin-certified']))).toBe('twin-2');
    expect(distinctId('twin', '/twin/Twin', new Set(['twin', 'twin-2']))).toBe('twin-3');
  });
});

/**
 * Bounded parsing and prototype-safe keys (issue 7): a small hostile input never stops the build
 * (YAML alias bombs, 200,000-deep JSON or YAML are `source-limit` errors in milliseconds), and keys
 * named like Object.prototype members are ordinary keys, reported or carried, never lost.
 * Times are asserted with generous bounds: each case takes milliseconds, the bound is seconds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { PARSE_LIMITS } from '../../src/core/bounded.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import { importSource } from '../../src/import/index.ts';
import { cli, tempDir } from '../cli/helpers.ts';

const CONNECTOR = "---\ntitle: Contoso\nversion: '1.0'\nhost: api.contoso.com\n---\n";
const mdx = (lines: readonly string[]) => `---\n${lines.join('\n')}\n---\n`;

/** `a` holds nine values; each next line nine aliases of the one before: 9^9 values expanded. */
function aliasBomb(indent = ''): string[] {
  const names = 'abcdefghi';
  return [
    `${indent}a: &a [x, x, x, x, x, x, x, x, x]`,
    ...names.slice(1).split('').map((n, i) => `${indent}${n}: &${n} [${Array(9).fill(`*${names[i]}`).join(', ')}]`),
  ];
}

function compileFiles(files: Record<string, string>) {
  return compileAndCheck(connectorFromFiles('example', files));
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

const ids = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.ruleId);

describe('YAML alias expansion is bounded', () => {
  it('an alias bomb in an action file is one source-limit error at the bomb, in milliseconds', () => {
    const action = mdx(['request: GET /items', 'summary: List items', 'x-bomb:', ...aliasBomb('  ')]);
    expect(action.length).toBeLessThan(1536);
    const { result, ms } = timed(() => compileFiles({ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action }));
    expect(ms).toBeLessThan(5000);
    const limit = result.diagnostics.filter((d) => d.ruleId === 'source-limit');
    expect(limit.map(String)).toEqual([expect.stringMatching(/^actions\/ListItems\.mdx:\d+:\d+-\d+:\d+: Aliases expand this YAML to more than 100,000 values/)]);
    expect(limit[0]!.severity).toBe('error');
    // On one of the alias lines (the file's lines 5 to 13).
    expect(limit[0]!.place!.start.line).toBeGreaterThanOrEqual(5);
    expect(limit[0]!.place!.start.line).toBeLessThanOrEqual(13);
  });

  it('an alias bomb in the connector.mdx front-matter stops nothing but that connector', () => {
    const { result, ms } = timed(() => compileFiles({ 'connector.mdx': mdx(["title: Contoso", "version: '1.0'", 'x-bomb:', ...aliasBomb('  ')]) }));
    expect(ms).toBeLessThan(5000);
    expect(ids(result.diagnostics)).toEqual(['source-limit']);
  });

  it('anchors and aliases used as intended still compile, shared values carried', () => {
    const action = mdx([
      'request: GET /items/{id}',
      'summary: Get an item',
      'description: Gets one item by its ID.',
      'parameters:',
      '  id: { type: string, summary: Item ID }',
      'responses:',
      "  '200': { description: OK, schema: &item { type: object, properties: { id: { type: string, summary: ID } } } }",
      "  '201': { description: Created, schema: *item }",
    ]);
    const result = compileFiles({ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': action });
    expect(result.diagnostics.map(String)).toEqual([]);
    const responses = own(result.swagger, 'paths', '/items/{id}', 'get', 'responses');
    expect(own(responses, '201', 'schema')).toEqual(own(responses, '200', 'schema'));
  });

  it('an anchor inside its own alias (a cycle) is a source-limit error, not a hang', () => {
    const { result, ms } = timed(() => compileFiles({ 'connector.mdx': CONNECTOR, 'actions/Loop.mdx': mdx(['request: GET /loop', 'summary: Loop', 'x-loop: &loop [*loop]']) }));
    expect(ms).toBeLessThan(5000);
    expect(ids(result.diagnostics)).toEqual(['source-limit']);
    expect(result.diagnostics[0]!.message).toMatch(/^Nesting deeper than 100 levels/);
  });

  it('an alias bomb in an imported OpenAPI YAML is an error, fast, and nothing is written', () => {
    const dir = tempDir();
    writeTree(dir, { 'api.yaml': ["openapi: 3.0.3", "info: { title: Bomb, version: '1.0' }", 'paths: {}', 'x-bomb:', ...aliasBomb('  ')].join('\n') });
    const { result, ms } = timed(() => importSource(join(dir, 'api.yaml'), { display: 'api.yaml' }));
    expect(ms).toBeLessThan(5000);
    expect(result.files.size).toBe(0);
    const limit = result.diagnostics.filter((d) => d.ruleId === 'source-limit');
    expect(limit).toHaveLength(1);
    expect(limit[0]).toMatchObject({ severity: 'error', file: 'api.yaml' });
    expect(limit[0]!.place!.start.line).toBeGreaterThanOrEqual(6);
  });

  it('an alias bomb in a YAML file an OpenAPI document $refs is an error in that file, and nothing is written', () => {
    const dir = tempDir();
    writeTree(dir, {
      'api.yaml': [
        'openapi: 3.0.3',
        "info: { title: Ref bomb, version: '1.0' }",
        'paths:',
        '  /x:',
        '    get:',
        '      operationId: GetX',
        '      responses:',
        "        '200':",
        '          description: OK',
        '          content:',
        "            application/json: { schema: { $ref: 'schemas/bomb.yaml#/Bomb' } }",
      ].join('\n'),
      'schemas/bomb.yaml': ['Bomb:', '  type: object', '  x-bomb:', ...aliasBomb('    ')].join('\n'),
    });
    const { result, ms } = timed(() => importSource(join(dir, 'api.yaml'), { display: 'api.yaml' }));
    expect(ms).toBeLessThan(5000);
    expect(result.files.size).toBe(0);
    expect(result.diagnostics.filter((d) => d.ruleId === 'source-limit').map((d) => [d.severity, d.file])).toEqual([['error', 'schemas/bomb.yaml']]);
  });
});

describe('nesting depth is bounded', () => {
  const DEEP = 200_000;

  it('a 200,000-deep JSON array in an imported Swagger file is a positioned source-limit error, no RangeError', () => {
    const dir = tempDir();
    const head = '{"swagger": "2.0", "info": {"title": "Deep", "version": "1.0"}, "host": "api.contoso.com", "paths": {}, "x-deep": ';
    writeTree(dir, { 'deep.json': `${head}${'['.repeat(DEEP)}${']'.repeat(DEEP)}}` });
    const { result, ms } = timed(() => importSource(join(dir, 'deep.json'), { display: 'deep.json' }));
    expect(ms).toBeLessThan(5000);
    expect(result.files.size).toBe(0);
    expect(result.diagnostics.map(String)).toEqual([
      // The root object is level 1 and the first `[` level 2: the 100th `[` opens level 101.
      `deep.json:1:${head.length + 100}-1:${head.length + 101}: Nesting deeper than 100 levels (mappings and sequences inside each other); the limit is 100 (source-limit)`,
    ]);
  });

  it('a 200,000-deep JSON file that an OpenAPI document $refs is an error in that file', () => {
    const dir = tempDir();
    writeTree(dir, {
      'api.yaml': "openapi: 3.0.3\ninfo: { title: Ref deep, version: '1.0' }\npaths:\n  /x:\n    get:\n      operationId: GetX\n      responses:\n        '200': { description: OK, content: { application/json: { schema: { $ref: 'deep.json' } } } }\n",
      'deep.json': `{"type": "array", "x-deep": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
    });
    const result = importSource(join(dir, 'api.yaml'), { display: 'api.yaml' });
    expect(result.files.size).toBe(0);
    expect(result.diagnostics.filter((d) => d.ruleId === 'source-limit').map((d) => `${d.file}:${d.place?.start.line}`)).toEqual(['deep.json:1']);
  });

  it('a 200,000-deep flow sequence in front-matter is a positioned source-limit error, no RangeError', () => {
    const action = `---\nrequest: GET /deep\nsummary: Deep\nx-deep: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n---\n`;
    const { result, ms } = timed(() => compileFiles({ 'connector.mdx': CONNECTOR, 'actions/Deep.mdx': action }));
    expect(ms).toBeLessThan(5000);
    expect(result.diagnostics.map(String)).toEqual([
      'actions/Deep.mdx:4:108-4:109: Nesting deeper than 100 levels (mappings and sequences inside each other); the limit is 100 (source-limit)',
    ]);
  });

  it('level 100 passes and level 101 fails, in front-matter and in imported JSON alike', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    // The front-matter mapping is level 1.
    const action = (levels: number) => mdx(['request: GET /items', 'summary: List items', `x-matrix: ${nested(levels - 1)}`, 'responses:', "  '200': { description: OK }"]);
    expect(ids(compileFiles({ 'connector.mdx': CONNECTOR, 'actions/Ok.mdx': action(PARSE_LIMITS.depth) }).diagnostics)).toEqual([]);
    expect(ids(compileFiles({ 'connector.mdx': CONNECTOR, 'actions/Deep.mdx': action(PARSE_LIMITS.depth + 1) }).diagnostics)).toEqual(['source-limit']);
    // A scalar inside the deepest allowed array is one level too deep as well.
    const dir = tempDir();
    const swagger = (inner: string) => `{"swagger": "2.0", "info": {"title": "Deep", "version": "1.0"}, "host": "api.contoso.com", "paths": {}, "x-deep": ${inner}}`;
    writeTree(dir, { 'ok.json': swagger(nested(PARSE_LIMITS.depth - 1)), 'deep.json': swagger(`${'['.repeat(PARSE_LIMITS.depth - 1)}1${']'.repeat(PARSE_LIMITS.depth - 1)}`) });
    expect(ids(importSource(join(dir, 'ok.json'), { display: 'ok.json' }).diagnostics).filter((id) => id === 'source-limit')).toEqual([]);
    expect(ids(importSource(join(dir, 'deep.json'), { display: 'deep.json' }).diagnostics)).toContain('source-limit');
  });
});

/** Names of Object.prototype members (and the accessor `__proto__`) an author may write as keys. */
const PROTO_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

/** An action whose line 4 + n is where each `insert` below puts its line. */
const ACTION = [
  'request: POST /items/{id}',
  'summary: Create an item',
  'parameters:',
  '  id:',
  '    type: string',
  'body:',
  '  schema:',
  '    type: object',
  '    properties:',
  '      a: { type: string }',
  'responses:',
  "  '200':",
  '    description: OK',
  '    schema:',
  '      type: object',
  '      properties:',
  '        b: { type: string }',
];
const withLine = (at: number, line: string) => [...ACTION.slice(0, at), line, ...ACTION.slice(at)];
const CONNECTOR_LINES = ['title: Contoso', "version: '1.0'", 'host: api.contoso.com'];

interface ReportedPlace {
  name: string;
  files: (key: string) => Record<string, string>;
  /** The file and 1-based line of the unknown-key diagnostic. */
  file: string;
  line: number;
}

/** Places that accept only known keys: the key is a positioned `frontmatter-unknown-key` error. */
const REPORTED: ReportedPlace[] = [
  { name: 'the root of connector.mdx', files: (k) => ({ 'connector.mdx': mdx([`${k}: { a: 1 }`, ...CONNECTOR_LINES]) }), file: 'connector.mdx', line: 2 },
  { name: 'contact', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'contact:', `  ${k}: x`]) }), file: 'connector.mdx', line: 6 },
  { name: 'auth', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'auth:', '  type: apiKey', '  name: X-Key', '  in: header', `  ${k}: 1`]) }), file: 'connector.mdx', line: 9 },
  { name: 'a policy', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'policies:', '  - template: setheader', '    parameters: { name: a, value: b }', `    ${k}: 1`]) }), file: 'connector.mdx', line: 8 },
  { name: 'the root of an action', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx([`${k}: 1`, ...ACTION]) }), file: 'actions/A.mdx', line: 2 },
  { name: 'a parameter', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(5, `    ${k}: 1`)) }), file: 'actions/A.mdx', line: 7 },
  { name: 'a schema', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(8, `    ${k}: { a: 1 }`)) }), file: 'actions/A.mdx', line: 10 },
  { name: 'a response', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(13, `    ${k}: 1`)) }), file: 'actions/A.mdx', line: 15 },
  { name: 'dynamicValues', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(5, `    dynamicValues: { operationId: A, value: id, ${k}: 1 }`)) }), file: 'actions/A.mdx', line: 7 },
  {
    name: 'a polling trigger and its state',
    files: (k) => ({ 'connector.mdx': CONNECTOR, 'triggers/T.mdx': mdx(['kind: polling', 'request: GET /items', 'summary: When an item is created', 'state:', '  parameter: since', "  initial: '1'", "  next: '2'", `  ${k}: 1`]) }),
    file: 'triggers/T.mdx',
    line: 9,
  },
  { name: 'a definitions/*.mdx file', files: (k) => ({ 'connector.mdx': CONNECTOR, 'definitions/D.mdx': mdx(['type: object', `${k}: 1`]) }), file: 'definitions/D.mdx', line: 3 },
];

type Obj = Record<string, unknown>;
const own = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, k) => (n && typeof n === 'object' && Object.hasOwn(n, k) ? (n as Obj)[k] : undefined), node);
const op = (swagger: unknown) => own(swagger, 'paths', '/items/{id}', 'post') as Obj;

interface CarriedPlace {
  name: string;
  files: (key: string) => Record<string, string>;
  /** The value carried under the key, read by own keys from the compiled documents. */
  carried: (documents: { swagger: unknown; apiProperties: unknown }, key: string) => unknown;
}

/** Places where any key is allowed: the key is carried verbatim, as an own key of the output. */
const CARRIED: CarriedPlace[] = [
  { name: '`definitions` in connector.mdx', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'definitions:', `  ${k}: { type: object }`]) }), carried: (d, k) => own(d.swagger, 'definitions', k) },
  { name: 'shared `parameters` in connector.mdx', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'parameters:', `  ${k}: { name: q, in: query, type: string }`]) }), carried: (d, k) => own(d.swagger, 'parameters', k) },
  { name: '`apiProperties`', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'apiProperties:', `  ${k}: 7`]) }), carried: (d, k) => own(d.apiProperties, 'properties', k) },
  { name: 'schema `properties` of a response', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx([...ACTION, `        ${k}: { type: integer }`]) }), carried: (d, k) => own(op(d.swagger), 'responses', '200', 'schema', 'properties', k) },
  { name: 'schema `properties` of a body', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(10, `      ${k}: { type: integer }`)) }), carried: (d, k) => own((op(d.swagger).parameters as Obj[]).find((p) => p.in === 'body'), 'schema', 'properties', k) },
  { name: 'an `x-ms-*` object', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx([...ACTION, 'x-ms-capabilities:', `  ${k}: { a: 1 }`]) }), carried: (d, k) => own(op(d.swagger), 'x-ms-capabilities', k) },
  { name: 'the `parameters` map (its name)', files: (k) => ({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(withLine(5, `  ${k}: { type: integer }`)) }), carried: (d, k) => ((op(d.swagger).parameters as Obj[]).find((p) => p.name === k) ? { type: 'integer' } : undefined) },
  { name: 'a `definitions/<name>.mdx` file name', files: (k) => ({ 'connector.mdx': CONNECTOR, [`definitions/${k}.mdx`]: mdx(['type: object']) }), carried: (d, k) => own(d.swagger, 'definitions', k) },
  { name: 'an inline action id', files: (k) => ({ 'connector.mdx': mdx([...CONNECTOR_LINES, 'actions:', `  ${k}:`, ...ACTION.map((l) => `    ${l}`)]) }), carried: (d, k) => (op(d.swagger).operationId === k ? { type: 'integer' } : undefined) },
];

describe('prototype-named keys are ordinary keys', () => {
  for (const place of REPORTED) {
    it.each(PROTO_KEYS)(`in ${place.name}: \`%s\` is a positioned unknown key`, (key) => {
      const result = compileFiles(place.files(key));
      expect(ids(result.diagnostics)).not.toContain('connector-internal-error');
      const found = result.diagnostics.filter((d) => d.ruleId === 'frontmatter-unknown-key');
      expect(found.map((d) => [d.file, d.place?.start.line, d.message.startsWith(`Unexpected key \`${key}\``)])).toEqual([[place.file, place.line, true]]);
    });
  }

  for (const place of CARRIED) {
    it.each(PROTO_KEYS)(`in ${place.name}: \`%s\` is carried as an own key`, (key) => {
      const result = compileFiles(place.files(key));
      expect(result.diagnostics.filter((d) => d.severity === 'error' && /unknown-key|internal/.test(d.ruleId))).toEqual([]);
      // As the JSON that is written: JSON.parse makes `__proto__` an own key as well.
      const written = { swagger: JSON.parse(JSON.stringify(result.swagger)), apiProperties: JSON.parse(JSON.stringify(result.apiProperties)) };
      expect(place.carried(written, key)).toBeDefined();
      expect(place.carried({ swagger: result.swagger, apiProperties: result.apiProperties }, key)).toBeDefined();
    });
  }

  it('no key of any place reaches Object.prototype', () => {
    for (const place of [...REPORTED, ...CARRIED]) for (const key of PROTO_KEYS) compileFiles(place.files(key));
    // Names a polluted prototype would show: the keys' values and what the compiler sets on nodes.
    for (const name of ['a', 'type', 'get', 'post', 'x-ms-notification-url', 'x-ms-visibility', 'description']) expect(Object.hasOwn(Object.prototype, name), name).toBe(false);
  });

  it('routes, callbacks and state named `__proto__` stay inside the connector', () => {
    const files = {
      'connector.mdx': CONNECTOR,
      'actions/A.mdx': mdx(['method: __proto__', 'path: /x', 'summary: A']),
      'actions/B.mdx': mdx(['request: GET __proto__', 'summary: B']),
      'triggers/W.mdx': mdx(['kind: webhook', 'request: POST /hooks', 'summary: When', 'callback: __proto__.type', 'unsubscribe:', '  request: DELETE /hooks/{__proto__}', '  operationId: Unsubscribe']),
    };
    const result = compileFiles(files);
    expect(ids(result.diagnostics)).not.toContain('connector-internal-error');
    expect(own(result.swagger, 'paths', '/x', '__proto__')).toBeDefined();
    expect(own(result.swagger, 'paths', '__proto__', 'get')).toBeDefined();
    expect(own(result.swagger, 'paths', '/hooks/{__proto__}', 'delete')).toBeDefined();
    for (const name of ['get', 'type', 'x-ms-notification-url']) expect(Object.hasOwn(Object.prototype, name), name).toBe(false);
  });

  it('the CLI reports them (check --format json is not `[]`) and goes on with the other connectors', () => {
    const cwd = tempDir();
    const keys = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];
    for (const key of keys) {
      writeTree(join(cwd, 'connectors', `c-${key.replaceAll('_', 'u')}`), { 'connector.mdx': mdx([`${key}: { a: 1 }`, ...CONNECTOR_LINES]), 'actions/A.mdx': mdx([`${key}: 1`, ...ACTION]) });
    }
    const r = cli(['check', '--format', 'json'], cwd);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Array<{ ruleId: string; message: string; file: string; place: { start: { line: number } } }>;
    const unknown = report.filter((d) => d.ruleId === 'frontmatter-unknown-key').map((d) => `${d.file}:${d.place.start.line} ${d.message}`);
    for (const key of keys) {
      const dir = `connectors/c-${key.replaceAll('_', 'u')}`;
      expect(unknown).toContain(`${dir}/connector.mdx:2 Unexpected key \`${key}\` in connector.mdx`);
      expect(unknown.filter((line) => line.startsWith(`${dir}/actions/A.mdx:2 Unexpected key \`${key}\``))).toHaveLength(1);
    }
    expect(report.map((d) => d.ruleId)).not.toContain('connector-internal-error');
  });
});

describe('`__proto__` in imported documents is carried', () => {
  it('a Swagger JSON: info, parameters, schema properties, definitions and x-ms objects keep it', () => {
    const dir = tempDir();
    const swagger = {
      swagger: '2.0',
      info: { title: 'Proto', version: '1.0', description: 'A connector with prototype-named keys in every map.' },
      host: 'api.contoso.com',
      basePath: '/',
      schemes: ['https'],
      paths: {
        '/items': {
          get: {
            operationId: 'ListItems',
            summary: 'List items',
            parameters: [{ name: '__proto__', in: 'query', type: 'string' }],
            responses: { '200': { description: 'OK', schema: { type: 'object', properties: { __proto__: { type: 'string' }, constructor: { type: 'string' } } } } },
            'x-ms-capabilities': { __proto__: { a: 1 } },
          },
        },
      },
      definitions: { __proto__: { type: 'object', properties: { toString: { type: 'string' } } }, constructor: { type: 'object' } },
    };
    // JSON.stringify of an object literal would lose `__proto__` (it sets the prototype): build the text.
    const text = JSON.stringify(swagger)
      .replace('"info":{', '"info":{"__proto__":{"polluted":true},')
      .replace('"properties":{"constructor"', '"properties":{"__proto__":{"type":"string"},"constructor"')
      .replace('"x-ms-capabilities":{}', '"x-ms-capabilities":{"__proto__":{"a":1}}')
      .replace('"definitions":{', '"definitions":{"__proto__":{"type":"object","properties":{"toString":{"type":"string"}}},');
    writeTree(dir, { 'swagger.json': text });
    const result = importSource(join(dir, 'swagger.json'), { display: 'swagger.json', id: 'proto' });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    expect(result.diagnostics.map((d) => d.ruleId)).not.toContain('import-not-lossless');
    const written = [...result.files].filter(([, c]) => typeof c === 'string') as Array<[string, string]>;
    const all = written.map(([name, content]) => `=== ${name}\n${content}`).join('\n');
    expect(all).toMatch(/info:\n {2}__proto__:\n {4}polluted: true/);
    expect(all).toMatch(/properties:\n {8}__proto__:\n {10}type: string/);
    expect(all).toMatch(/x-ms-capabilities:\n {2}__proto__:/);
    expect(written.map(([name]) => name)).toContain('definitions/__proto__.mdx');
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);

    // Compiled back, the connector is the source, `__proto__` keys included.
    const back = compileAndCheck(connectorFromFiles('proto', Object.fromEntries(written)));
    expect(JSON.stringify(back.swagger)).toContain('"__proto__":{"polluted":true}');
    expect(own(back.swagger, 'definitions', '__proto__', 'properties', 'toString')).toEqual({ type: 'string' });
  });

  it('an OpenAPI 3 YAML: components, schemas and security schemes named `__proto__` are converted, not dropped', () => {
    const dir = tempDir();
    writeTree(dir, {
      'api.yaml': [
        'openapi: 3.0.3',
        "info: { title: Proto three, version: '1.0', description: A connector with prototype-named keys in every map., __proto__: { polluted: true } }",
        "servers: [{ url: 'https://api.contoso.com/v1' }]",
        'paths:',
        '  /items:',
        '    get:',
        '      operationId: ListItems',
        '      responses:',
        "        '200':",
        '          description: OK',
        "          content: { application/json: { schema: { type: object, properties: { __proto__: { $ref: '#/components/schemas/__proto__' } } } } }",
        'components:',
        '  schemas:',
        '    __proto__: { type: object, properties: { constructor: { type: string } } }',
        '  securitySchemes:',
        '    __proto__: { type: apiKey, in: header, name: X-Key }',
      ].join('\n'),
    });
    const result = importSource(join(dir, 'api.yaml'), { display: 'api.yaml', id: 'proto' });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
    expect(texts['definitions/__proto__.mdx']).toContain('constructor:');
    expect(texts['connector.mdx']).toMatch(/info:\n {2}__proto__:\n {4}polluted: true/);
    expect(texts['connector.mdx']).toMatch(/auth:\n {2}type: apiKey/);
    expect(texts['actions/ListItems.mdx']).toMatch(/properties:\n {8}__proto__:\n {10}\$ref: '#\/definitions\/__proto__'/);
  });
});

describe('collections as YAML keys are errors', () => {
  const cases: Array<[string, string[], string]> = [
    ['an explicit sequence key', ['responses:', '  ? [200, 201]', '  : { description: OK }'], 'actions/A.mdx:5:5-5:15: Unexpected sequence as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
    ['a flow sequence key', ['responses:', '  [200]: { description: OK }'], 'actions/A.mdx:5:3-5:8: Unexpected sequence as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
    ['a flow mapping key', ['x-thing:', '  { a: 1 }: x'], 'actions/A.mdx:5:3-5:11: Unexpected mapping as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
    ['a key inside a flow mapping', ['x-thing: { [a]: x }'], 'actions/A.mdx:4:12-4:15: Unexpected sequence as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
    ['an alias of a sequence', ['x-list: &list [a]', 'x-thing:', '  ? *list', '  : x'], 'actions/A.mdx:6:5-6:10: Unexpected alias of a sequence as a key, expected a string like `name` or `200` (frontmatter-yaml)'],
  ];
  it.each(cases)('%s', (_name, lines, expected) => {
    const result = compileFiles({ 'connector.mdx': CONNECTOR, 'actions/A.mdx': mdx(['request: GET /items', 'summary: List items', ...lines]) });
    expect(result.diagnostics.map(String)).toEqual([expected]);
  });

  it('scalar keys (`200:`, `true:`, `null:`, `1.5:`) keep working as strings', () => {
    const result = compileFiles({
      'connector.mdx': CONNECTOR,
      'actions/A.mdx': mdx(['request: GET /items', 'summary: List items', 'x-map: { true: a, null: b, 1.5: c, "[x]": d }', 'responses:', '  200:', '    description: OK']),
    });
    expect(result.diagnostics.filter((d) => d.ruleId === 'frontmatter-yaml')).toEqual([]);
    const get = own(result.swagger, 'paths', '/items', 'get') as Obj;
    expect(Object.keys(get.responses as Obj)).toEqual(['200']);
    expect(get['x-map']).toEqual({ true: 'a', null: 'b', '1.5': 'c', '[x]': 'd' });
  });

  it('in an imported YAML, a collection key is an error too', () => {
    const dir = tempDir();
    writeTree(dir, { 'api.yaml': "openapi: 3.0.3\ninfo: { title: Keys, version: '1.0' }\npaths:\n  ? [/a, /b]\n  : {}\n" });
    const result = importSource(join(dir, 'api.yaml'), { display: 'api.yaml' });
    expect(result.files.size).toBe(0);
    expect(result.diagnostics.map(String)).toEqual(['api.yaml:4:5-4:13: Unexpected sequence as a key, expected a string like `name` or `200` (import-json-invalid)']);
  });
});

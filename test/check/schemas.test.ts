/**
 * Edge cases of the schema, response and security rules (src/check/schemas.ts and the rules that
 * use it) beyond their examples: .NET regular expressions, legal recursion, limits, odd shapes.
 * Rules are run on Swagger documents directly, the way a Power Platform folder is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/check/define-rule.ts';
import { ruleById } from '../../src/check/registry.ts';
import { expand, findCycles } from '../../src/check/schemas.ts';
import { compiles } from '../../src/check/rules/schema-pattern-valid.ts';
import type { Swagger } from '../../src/swagger/index.ts';

/** The findings of one rule on a document: `pointer message` lines. */
function run(id: string, swagger: object): string[] {
  const rule = ruleById(id) as Rule;
  const out: string[] = [];
  rule.check!({ swagger: swagger as Swagger, apiProperties: {}, files: [], readme: '', assets: new Map(), report: (r: { at: string; message: string }) => out.push(`${r.at} ${r.message}`) } as never);
  return out;
}

const doc = (extra: object) => ({ swagger: '2.0', info: { title: 'T', version: '1' }, paths: {}, ...extra });

describe('schema-pattern-valid', () => {
  it.each([
    ['^[A-Z]{2}$', true],
    ['^[\\w\\-\\.]+$', true], // `\-` and `\.` fail with the `u` flag only
    ['(?i)^abc$', true], // .NET inline option
    ['\\Aabc\\z', true], // .NET anchors
    ['(?>a+)b', true], // .NET atomic group
    ["(?'year'\\d{4})", true], // .NET named group
    ['^\\p{L}+$', true],
    ['^([A-Z]$', false],
    ['[a-', false],
    ['*a', false],
  ])('%s compiles: %s', (pattern, ok) => {
    expect(compiles(pattern)).toBe(ok);
  });

  it('reports each broken pattern where it is written, once per position', () => {
    const swagger = doc({ definitions: { A: { type: 'string', pattern: '(' }, B: { type: 'string', pattern: '(' } } });
    expect(run('schema-pattern-valid', swagger)).toEqual([
      '/definitions/A/pattern Unexpected `pattern` on definition `A` that does not compile as a regular expression',
      '/definitions/B/pattern Unexpected `pattern` on definition `B` that does not compile as a regular expression',
    ]);
  });
});

describe('reference loops', () => {
  it('accepts recursion through optional properties and items (legal, used by certified connectors)', () => {
    const swagger = doc({
      definitions: {
        Folder: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, folders: { type: 'array', items: { $ref: '#/definitions/Folder' } }, parent: { $ref: '#/definitions/Folder' } } },
      },
    });
    expect(run('schema-ref-loop', swagger)).toEqual([]);
    expect(run('schema-required-loop', swagger)).toEqual([]);
  });

  it('reports a definition that is a reference to itself once, in schema-ref-loop only', () => {
    const swagger = doc({ definitions: { A: { $ref: '#/definitions/A' } } });
    expect(run('schema-ref-loop', swagger)).toEqual(['/definitions/A/$ref Unexpected reference loop `#/definitions/A` → `#/definitions/A`; a schema cannot be only a reference to itself']);
    expect(run('schema-required-loop', swagger)).toEqual([]);
  });

  it('reports a loop of required properties through allOf and inline objects', () => {
    const swagger = doc({
      definitions: {
        A: { allOf: [{ $ref: '#/definitions/B' }] },
        B: { type: 'object', required: ['inner'], properties: { inner: { type: 'object', required: ['a'], properties: { a: { $ref: '#/definitions/A' } } } } },
      },
    });
    expect(run('schema-required-loop', swagger)).toEqual([
      '/definitions/A/allOf/0/$ref Unexpected loop of required properties `A` → `B` → `A`: no finite value can be valid; make one of them optional',
    ]);
  });

  it('stays bounded on a chain of 20,000 references', () => {
    const definitions: Record<string, object> = {};
    for (let i = 0; i < 20_000; i++) definitions[`D${i}`] = { $ref: `#/definitions/D${i + 1}` };
    definitions.D20000 = { $ref: '#/definitions/D0' };
    expect(() => run('schema-ref-loop', doc({ definitions }))).not.toThrow();
  });

  it('findCycles returns each cycle once, starting at its first node', () => {
    const edges = new Map([
      ['a', [{ ref: 'b', at: '/a' }]],
      ['b', [{ ref: 'a', at: '/b' }, { ref: 'c', at: '/b2' }]],
      ['c', []],
    ]);
    expect(findCycles(edges)).toEqual([[{ from: 'a', at: '/a' }, { from: 'b', at: '/b' }]]);
  });
});

describe('expansion limits', () => {
  it('counts a schema once per use and expands recursion once', () => {
    const swagger = doc({ definitions: { Row: { type: 'object', properties: { a: { type: 'string' }, self: { $ref: '#/definitions/Row' } } } } }) as Swagger;
    expect(expand(swagger, { type: 'array', items: { $ref: '#/definitions/Row' } })).toEqual({ count: 3, depth: 3, truncated: false });
  });

  it('stops at its budget on an exponential document', () => {
    const definitions: Record<string, object> = {};
    for (let i = 0; i < 40; i++) definitions[`L${i}`] = { type: 'object', properties: { a: { $ref: `#/definitions/L${i + 1}` }, b: { $ref: `#/definitions/L${i + 1}` } } };
    const swagger = doc({ definitions }) as Swagger;
    const result = expand(swagger, { $ref: '#/definitions/L0' }, 1000);
    expect(result.truncated).toBe(true);
    expect(result.count).toBe(1000);
  });
});

describe('odd shapes never throw', () => {
  const odd = doc({
    host: 42,
    schemes: 'https',
    consumes: [null, 3],
    security: [null, { x: 'read' }],
    securityDefinitions: { x: { type: 'oauth2', scopes: null }, y: null },
    tags: [{ name: 5 }, null],
    definitions: { A: { type: ['string'], required: 'a', enum: 'x', default: null, pattern: 7, discriminator: 1, 'x-ms-editor': 'dictionary' }, B: null },
    paths: { '/a': { get: { responses: { default: { description: '', schema: null, headers: { A: 1, a: 2 }, examples: [] } } } } },
  });
  it.each([
    'host-valid', 'host-scheme-supported', 'mime-type-valid', 'property-internal-default', 'required-value-empty', 'response-default-schema',
    'response-example-produced', 'response-header-unique', 'response-schema-empty', 'schema-count-limit', 'schema-default-in-enum',
    'schema-depth-limit', 'schema-discriminator', 'schema-editor-dictionary', 'schema-exclusive-bound', 'schema-format-value',
    'schema-min-max', 'schema-pattern-valid', 'schema-ref-loop', 'schema-ref-siblings', 'schema-required-defined',
    'schema-required-loop', 'schema-required-on-object', 'schema-required-read-only', 'schema-string-binary', 'schema-value-type',
    'security-requirement-defined', 'security-requirement-empty', 'security-requirement-scopes', 'security-scheme-valid', 'tag-unique',
  ])('%s', (id) => {
    expect(() => run(id, odd)).not.toThrow();
  });

  it('reports what is wrong in them', () => {
    expect(run('response-header-unique', odd)).toEqual(['/paths/~1a/get/responses/default/headers/a Unexpected header `a`, the response already declares `A` (header names ignore case)']);
    expect(run('security-requirement-scopes', odd)).toEqual([]);
    expect(run('required-value-empty', odd)).toEqual(['/paths/~1a/get/responses/default/description Unexpected blank `description`, expected a value']);
  });
});

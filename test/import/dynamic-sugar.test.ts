/**
 * Dynamic data sugar (issue 10): every real form of `x-ms-dynamic-values` / `x-ms-dynamic-list`
 * and `x-ms-dynamic-schema` / `x-ms-dynamic-properties` imports as `dynamicValues` /
 * `dynamicSchema` and compiles back byte for byte (key order included); the forms no sugar says
 * stay raw. Also the two bugs found on the corpus: an array argument the front-matter check
 * rejected, and raw path-item keys reported in an action file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { compileDynamicSchema, compileDynamicValues } from '../../src/compiler/passes/dynamic.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { dynamicSchemaSugar, dynamicValuesSugar } from '../../src/import/desugar-dynamic.ts';
import { importSource } from '../../src/import/index.ts';
import { DynamicValues } from '../../src/model/dynamic.ts';
import { countShare, measureShare, powerPlatformFolders, rawPercent } from '../../scripts/sugar-share.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fixtures = join(import.meta.dirname, '../fixtures/import/swagger2');
const DYNAMIC_KEYS = ['x-ms-dynamic-values', 'x-ms-dynamic-list', 'x-ms-dynamic-schema', 'x-ms-dynamic-properties'];

function importCase(name: string) {
  const source = join(fixtures, name, 'input.yaml');
  const result = importSource(source, { display: `swagger2/${name}/input.yaml` });
  const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string') as Array<[string, string]>);
  const original = yaml.load(readFileSync(source, 'utf8'), { schema: yaml.CORE_SCHEMA }) as Obj;
  return { result, texts, original };
}

/** Every dynamic extension of `doc` with its pointer, in document order. */
function dynamicNodes(doc: unknown, at = '', out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (Array.isArray(doc)) doc.forEach((v, i) => dynamicNodes(v, `${at}/${i}`, out));
  else if (isObj(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      if (DYNAMIC_KEYS.includes(k)) out.push([`${at}/${k}`, v]);
      else dynamicNodes(v, `${at}/${k}`, out);
    }
  }
  return out;
}

describe('dynamic data sugar: golden cases compile back byte for byte', () => {
  it.each(['dynamic-values-forms', 'dynamic-schema-forms'])('%s: every dynamic node is sugar and identical, key order included', (name) => {
    const { result, texts, original } = importCase(name);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const share = countShare(result.files);
    expect(share.dynamicValues.raw + share.dynamicSchema.raw).toBe(0);
    expect(share.dynamicValues.sugar + share.dynamicSchema.sugar).toBeGreaterThan(5);
    for (const text of Object.values(texts)) for (const key of DYNAMIC_KEYS) expect(text).not.toContain(`${key}:`);

    const built = compileAndCheck(connectorFromFiles(result.id, texts), { check: false });
    const want = dynamicNodes(original).map(([p, v]) => [p, JSON.stringify(v)]);
    const got = new Map(dynamicNodes(built.swagger).map(([p, v]) => [p, JSON.stringify(v)]));
    expect(want.length).toBeGreaterThan(5);
    for (const [pointer, json] of want) expect([pointer, got.get(pointer)]).toEqual([pointer, json]);
    expect(got.size).toBe(want.length);
  });

  it('dynamic-raw-fallback: forms no sugar says exactly stay raw keys and compile back', () => {
    const { result, texts, original } = importCase('dynamic-raw-fallback');
    const share = countShare(result.files);
    expect(share.dynamicValues).toEqual({ sugar: 0, raw: 5 });
    expect(share.dynamicSchema).toEqual({ sugar: 0, raw: 1 });
    const built = compileAndCheck(connectorFromFiles(result.id, texts), { check: false });
    expect(JSON.parse(JSON.stringify(built.swagger.paths))).toStrictEqual(original.paths);
  });
});

describe('dynamicValues forms', () => {
  it('compiles both twins by default, in the order the keys are written', () => {
    const entries = compileDynamicValues({ operationId: 'ListUsers', value: 'id', collection: 'value', parameters: { team: { parameter: 'team' }, on: true } });
    expect(JSON.stringify(entries)).toBe(
      JSON.stringify([
        ['x-ms-dynamic-values', { operationId: 'ListUsers', 'value-path': 'id', 'value-collection': 'value', parameters: { team: { parameter: 'team' }, on: true } }],
        ['x-ms-dynamic-list', { operationId: 'ListUsers', itemValuePath: 'id', itemsPath: 'value', parameters: { team: { parameterReference: 'team' }, on: { value: true } } }],
      ]),
    );
  });

  it('writes one twin for `form: values` / `form: list`, and only the older one for a capability', () => {
    expect(compileDynamicValues({ operationId: 'A', value: 'id', form: 'values' }).map(([k]) => k)).toEqual(['x-ms-dynamic-values']);
    expect(compileDynamicValues({ operationId: 'A', value: 'id', form: 'list' })).toEqual([['x-ms-dynamic-list', { operationId: 'A', itemValuePath: 'id' }]]);
    expect(compileDynamicValues({ capability: 'file-picker', value: 'path' })).toEqual([['x-ms-dynamic-values', { capability: 'file-picker', 'value-path': 'path' }]]);
    expect(compileDynamicSchema({ operationId: 'S', path: 'schema/properties', form: 'properties' })).toEqual([['x-ms-dynamic-properties', { operationId: 'S', itemValuePath: 'schema' }]]);
  });

  it('`reference` gives the successor its own path where the twins disagree', () => {
    const node = {
      'x-ms-dynamic-values': { operationId: 'ListPlans', parameters: { group: { parameter: 'group' } }, 'value-path': 'id' },
      'x-ms-dynamic-list': { operationId: 'ListPlans', parameters: { group: { parameterReference: 'body/group' } }, itemValuePath: 'id' },
    };
    const found = dynamicValuesSugar(node)!;
    expect(found.sugar).toEqual({ operationId: 'ListPlans', parameters: { group: { parameter: 'group', reference: 'body/group' } }, value: 'id' });
    expect(found.consumes).toEqual(['x-ms-dynamic-values', 'x-ms-dynamic-list']);
    expect(Object.fromEntries(compileDynamicValues(found.sugar))).toEqual(node);
  });

  it('wraps object literals in `{ value }`, so one never reads back as a reference', () => {
    const node = { 'x-ms-dynamic-list': { operationId: 'A', parameters: { p: { value: { parameter: 'x' } }, q: { value: [1] } } } };
    const found = dynamicValuesSugar(node)!;
    expect(found.sugar).toEqual({ operationId: 'A', parameters: { p: { value: { parameter: 'x' } }, q: [1] }, form: 'list' });
    expect(Object.fromEntries(compileDynamicValues(found.sugar))).toEqual(node);
    expect(compileDynamicValues({ operationId: 'A', form: 'values', parameters: { f: { value: { a: 1 } } } })).toEqual([['x-ms-dynamic-values', { operationId: 'A', parameters: { f: { a: 1 } } }]]);
  });

  it('leaves a node raw when no sugar says it exactly', () => {
    expect(dynamicValuesSugar({ 'x-ms-dynamic-list': { operationId: 'A', parameters: { p: { value: 1, parameterReference: 'y' } } } })).toBeUndefined();
    expect(
      dynamicValuesSugar({
        'x-ms-dynamic-values': { operationId: 'A', parameters: { p: 'a' } },
        'x-ms-dynamic-list': { operationId: 'A', parameters: { p: { value: 'b' } } },
      }),
    ).toBeUndefined();
    expect(dynamicSchemaSugar({ 'x-ms-dynamic-schema': { operationId: 'A', 'value-path': 7 } })).toBeUndefined();
    expect(dynamicValuesSugar({ 'x-ms-dynamic-values': [] })).toBeUndefined();
  });
});

describe('bug: an array argument in x-ms-dynamic-values parameters', () => {
  it('is accepted by the front-matter model', () => {
    expect(DynamicValues.safeParse({ operationId: 'A', value: 'id', parameters: { tags: [], owner: null, n: 1 } }).success).toBe(true);
  });

  it('the imported connector passes the front-matter check', () => {
    const { result, texts } = importCase('dynamic-values-forms');
    expect(texts['actions/CreateRecord.mdx']).toMatch(/colours:\n\s+- red\n\s+- green/);
    expect(texts['actions/CreateRecord.mdx']).toMatch(/fileFilter: \[\]/);
    const checked = compileAndCheck(connectorFromFiles(result.id, texts));
    expect(checked.diagnostics.filter((d) => d.ruleId.startsWith('frontmatter-')).map(String)).toEqual([]);
  });
});

describe('bug: raw path-item keys under `paths:` in connector.mdx', () => {
  it('are reported where they stand, not in the action file of the same path', () => {
    const connector = ['---', 'title: Paths Demo', 'version: "1.0"', 'description: A connector whose path item keeps raw keys.', 'host: demo.example.com', 'basePath: /', 'paths:', '  /items:', '    x-ms-notification-content: 42', '---', ''].join('\n');
    const action = ['---', 'request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK', '---', ''].join('\n');
    const result = compileAndCheck(connectorFromFiles('demo', { 'connector.mdx': connector, 'actions/ListItems.mdx': action }));
    const found = result.diagnostics.filter((d) => d.ruleId === 'x-ms-value').map(String);
    expect(found).toEqual(['connector.mdx:9:32-9:34: Expected `x-ms-notification-content` to be an object, not a number (x-ms-value)']);
  });

  it('an operation of that path still points into its own file', () => {
    const connector = ['---', 'title: Paths Demo', 'version: "1.0"', 'description: A connector whose path item keeps raw keys.', 'host: demo.example.com', 'basePath: /', 'paths:', '  /items:', '    x-vendor: kept', '---', ''].join('\n');
    const action = ['---', 'request: GET /items', 'summary: List items', 'x-ms-visibility: loud', 'responses:', "  '200':", '    description: OK', '---', ''].join('\n');
    const result = compileAndCheck(connectorFromFiles('demo', { 'connector.mdx': connector, 'actions/ListItems.mdx': action }));
    const found = result.diagnostics.filter((d) => d.ruleId === 'x-ms-visibility-value').map((d) => `${d.file}:${d.place?.start.line}`);
    expect(found).toEqual(['actions/ListItems.mdx:4']);
  });
});

const corpusRoots = ['powerplatform', 'powerplatform-extra'].map((c) => join(import.meta.dirname, '../../../shared/corpus', c));
describe.skipIf(!corpusRoots.every(existsSync))('dynamic data sugar on the shared corpus', () => {
  it('leaves at most 5 % of dynamic values and dynamic schemas raw, all lossless', () => {
    const report = measureShare(powerPlatformFolders(corpusRoots));
    expect(report.connectors.filter((c) => !c.lossless).map((c) => c.dir)).toEqual([]);
    expect(report.total.dynamicValues.sugar).toBeGreaterThan(300);
    expect(report.total.dynamicSchema.sugar).toBeGreaterThan(60);
    expect(rawPercent(report.total.dynamicValues)).toBeLessThanOrEqual(5);
    expect(rawPercent(report.total.dynamicSchema)).toBeLessThanOrEqual(5);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORPORA, GIANT, PINNED_REAL, REAL_OPERATION_BUCKETS, drawConnectors, readCorpus, scaleSwagger, writeDrawn, type CorpusConnector } from '../../scripts/connector-sample.ts';
import { REPO, tempDir } from './helpers.ts';

const BENCH = fileURLToPath(new URL('../../scripts/bench.ts', import.meta.url));

it('bench skips with a message when the corpus is absent', () => {
  const missing = tempDir() + '/no-corpus';
  const r = spawnSync(process.execPath, [BENCH, '--corpus', missing], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(`bench: skipped, no corpus at ${missing} (pass --corpus <dir>)\n`);
});

type Obj = Record<string, any>;
const METHODS = /^(get|put|post|delete|options|head|patch)$/;
const operationsOf = (swagger: Obj): Obj[] => Object.values(swagger.paths as Obj).flatMap((item: Obj) => Object.entries(item).filter(([m]) => METHODS.test(m)).map(([, op]) => op as Obj));
const refsOf = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(refsOf) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' ? [v as string] : refsOf(v))) : []);

/** Three operations: `List` feeds `Create`'s dynamic values; `Create` and `Get` use definitions, `Item` uses `Tag`. */
const small = (): Obj => ({
  swagger: '2.0',
  info: { title: 'Small', version: '1.0' },
  paths: {
    '/items': {
      post: { operationId: 'Create', summary: 'Create item', parameters: [{ name: 'kind', in: 'query', type: 'string', 'x-ms-dynamic-values': { operationId: 'List', 'value-path': 'id' } }, { name: 'body', in: 'body', schema: { $ref: '#/definitions/Item' } }], responses: { '200': { description: 'ok' } } },
      get: { operationId: 'List', summary: 'List kinds', 'x-ms-visibility': 'internal', responses: { '200': { description: 'ok' } } },
    },
    '/items/{id}': { parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }], get: { operationId: 'Get', summary: 'Get item', responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Item' } } } } },
  },
  definitions: { Item: { type: 'object', properties: { tag: { $ref: '#/definitions/Tag' } } }, Tag: { type: 'string' }, Unused: { type: 'integer' } },
});

describe('scaleSwagger', () => {
  it('trims after the operations a kept one calls, and keeps the definitions it uses', () => {
    const scaled: Obj = scaleSwagger(small(), 2, 0);
    expect(operationsOf(scaled).map((o) => o.operationId).sort()).toEqual(['Create', 'List']);
    expect(Object.keys(scaled.definitions)).toEqual(['Item', 'Tag']);
  });

  it('replicates operations and definitions to the counts asked, every reference resolving', () => {
    const scaled: Obj = scaleSwagger(small(), 10, 7);
    const ops = operationsOf(scaled);
    expect(ops).toHaveLength(10);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(10);
    expect(Object.keys(scaled.definitions)).toHaveLength(7);
    for (const ref of refsOf(scaled)) expect(scaled.definitions).toHaveProperty([ref.replace('#/definitions/', '')]);
    // A copy keeps its path-level parameters with its path template.
    expect(scaled.paths['/copy-2/items/{id}'].parameters[0].name).toBe('id');
  });

  it('leaves its input alone', () => {
    const source = small();
    scaleSwagger(source, 1, 0);
    expect(source).toEqual(small());
  });
});

describe('drawConnectors', () => {
  const fake = (name: string, operations: number, definitions: number): CorpusConnector => ({ name, dir: `/corpus/${name}`, swaggerFile: 'apiDefinition.swagger.json', swagger: {}, operations, definitions });
  const corpus = [fake('One', 1, 0), fake('Few', 4, 2), fake('Some', 9, 9), fake('Many', 40, 20), fake('Lots', 130, 190), fake(PINNED_REAL, 167, 280), fake('Most', 219, 364)];

  it('draws the real spread of operations, with the largest real connector and the giant, the same each time', () => {
    const drawn = drawConnectors(corpus, 1000);
    expect(drawn).toHaveLength(1000);
    expect(drawConnectors(corpus, 1000)).toEqual(drawn);
    const ops = drawn.map((d) => d.operations);
    // Per bucket, within one of the real count scaled to 1,000 (of 1,027).
    let low = 0;
    for (const [high, real] of REAL_OPERATION_BUCKETS) {
      const have = ops.filter((n) => n > low && n <= high).length;
      expect(Math.abs(have - (real * 1000) / 1027)).toBeLessThan(1);
      low = high;
    }
    expect(drawn.filter((d) => d.kind === 'real' && d.source?.name === PINNED_REAL)).toHaveLength(1);
    expect(drawn.filter((d) => d.kind === 'synthetic').map((d) => [d.operations, d.definitions])).toEqual([[GIANT.operations, GIANT.definitions]]);
    expect(new Set(drawn.map((d) => d.id)).size).toBe(1000);
  });

  it('keeps the giants at 50 connectors', () => {
    const drawn = drawConnectors(corpus, 50);
    expect(drawn).toHaveLength(50);
    expect(Math.max(...drawn.map((d) => d.operations))).toBe(GIANT.operations);
    expect(drawn.some((d) => d.source?.name === PINNED_REAL && d.kind === 'real')).toBe(true);
  });
});

const corpora = DEFAULT_CORPORA.map((c) => join(REPO, c));
describe.skipIf(!corpora.every(existsSync))('on the shared corpus', () => {
  it('writes Power Platform folders of the drawn sizes', () => {
    const { connectors } = readCorpus(corpora);
    const written = writeDrawn(drawConnectors(connectors, 20), tempDir());
    for (const w of written) {
      // Connectors drawn as they are keep their text (a BOM, JSON5).
      const swagger = JSON5.parse(readFileSync(join(w.dir, 'apiDefinition.swagger.json'), 'utf8').replace(/^\uFEFF/, ''));
      expect(operationsOf(swagger)).toHaveLength(w.operations);
      expect(Object.keys(swagger.definitions ?? {})).toHaveLength(w.definitions);
      expect(existsSync(join(w.dir, 'apiProperties.json'))).toBe(true);
    }
    const giant = written.find((w) => w.kind === 'synthetic')!;
    expect([giant.operations, giant.definitions]).toEqual([GIANT.operations, GIANT.definitions]);
  });
});

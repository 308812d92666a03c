/**
 * Data made from schemas is valid against them (ajv, draft-04 + formats), over every success
 * response and notification payload of the bundled connectors and of the corpus (skipped when
 * absent); the same schema gives the same data; cyclic and huge schemas give small data quickly.
 */
import { describe, expect, it } from 'vitest';
import { sample } from '../../src/live/sample.ts';
import { SchemaValidator } from '../../src/live/schema-validator.ts';
import { analyze, deref, isObject, isSuccess, responses, type Json, type Schema, type Swagger } from '../../src/swagger/index.ts';
import { BUNDLED, bundled, corpus, corpusPresent, type Documents } from './mock-connectors.ts';

interface Tally {
  checked: number;
  invalid: string[];
  /** Schemas no value can satisfy under draft-04 (allOf with additionalProperties: false, AutoRest style). */
  contradictory: number;
  /** Connectors with a contradictory schema. */
  contradictoryIn: Set<string>;
  /** Schemas ajv cannot compile (nothing to check against). */
  uncompiled: number;
}

/** Every schema the mock makes data for: success responses and notification payloads. */
function schemasOf(swagger: Swagger): Array<[string, Schema]> {
  const out: Array<[string, Schema]> = [];
  const analysis = analyze(swagger);
  for (const op of analysis.operations) {
    for (const { status, response } of responses(swagger, op.visit.node)) {
      if (isSuccess(status) && response.schema !== undefined) out.push([`${op.operationId} ${status}`, response.schema]);
    }
    const content = op.pathItem.node['x-ms-notification-content'];
    if (isObject(content) && isObject(content.schema)) out.push([`${op.operationId} notification`, content.schema as Schema]);
  }
  return out;
}

/** Whether a reachable schema has allOf together with `additionalProperties: false` on it or a member. */
function contradictory(swagger: Swagger, root: unknown): boolean {
  const seen = new Set<object>();
  const closed = (s: unknown, depth: number): boolean => {
    const r = deref(swagger, s);
    if (!r || depth > 20) return false;
    return r.additionalProperties === false || (Array.isArray(r.allOf) && r.allOf.some((m) => closed(m, depth + 1)));
  };
  const visit = (node: unknown): boolean => {
    const s = deref(swagger, node);
    if (!s || seen.has(s)) return false;
    seen.add(s);
    if (Array.isArray(s.allOf) && closed(s, 0)) return true;
    const children: unknown[] = [...(Array.isArray(s.allOf) ? s.allOf : []), ...(isObject(s.properties) ? Object.values(s.properties) : []), s.items, s.additionalProperties];
    return children.some((c) => isObject(c) && visit(c));
  };
  return visit(root);
}

function tally(docs: Documents[]): Tally {
  const t: Tally = { checked: 0, invalid: [], contradictory: 0, contradictoryIn: new Set(), uncompiled: 0 };
  for (const { name, swagger } of docs) {
    const validator = new SchemaValidator(swagger);
    for (const [where, schema] of schemasOf(swagger)) {
      if (!validator.compiled(schema)) {
        t.uncompiled++;
        continue;
      }
      const data = sample(swagger, schema);
      const result = validator.validate(schema, data);
      t.checked++;
      if (result.ok) continue;
      if (contradictory(swagger, schema)) {
        t.contradictory++;
        t.contradictoryIn.add(name);
      }
      else t.invalid.push(`${name} ${where}: ${result.message}`);
    }
  }
  return t;
}

describe('made data is valid against its schema', () => {
  it('every success response and payload of the bundled connectors', () => {
    const t = tally(BUNDLED.map(bundled));
    expect(t.invalid).toEqual([]);
    expect(t.contradictory + t.uncompiled).toBe(0);
    expect(t.checked).toBeGreaterThan(20);
  });

  it.skipIf(!corpusPresent)('every success response and payload of the corpus connectors', () => {
    const docs = corpus();
    const t = tally(docs);
    console.info(`made data over ${docs.length} corpus connectors: ${t.checked} schemas, ${t.invalid.length} invalid, ${t.contradictory} contradictory (allOf + additionalProperties: false), ${t.uncompiled} not compilable`);
    expect(t.invalid).toEqual([]);
    expect(t.checked).toBeGreaterThan(1000);
    // Only Azure Machine Learning's AutoRest schemas are contradictory.
    expect([...t.contradictoryIn]).toEqual(t.contradictory ? ['Azure Machine Learning'] : []);
  }, 60_000);
});

describe('sample', () => {
  const swagger: Swagger = {
    definitions: {
      Node: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/Node' } }, parent: { $ref: '#/definitions/Node' } } },
      Loop: { $ref: '#/definitions/Loop' },
    },
  };

  it('is deterministic', () => {
    const schema = { $ref: '#/definitions/Node' };
    expect(sample(swagger, schema)).toEqual(sample(swagger, schema));
  });

  it('stops at cycles and leaves out optional recursive properties', () => {
    expect(sample(swagger, { $ref: '#/definitions/Node' })).toEqual({ name: 'name' });
    expect(sample(swagger, { $ref: '#/definitions/Loop' })).toEqual({});
  });

  it('honours formats, enums and bounds', () => {
    const schema: Schema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time' },
        mail: { type: 'string', format: 'email' },
        id: { type: 'string', format: 'uuid' },
        link: { type: 'string', format: 'uri' },
        small: { type: 'integer', format: 'int32', minimum: 5, maximum: 9 },
        exclusive: { type: 'number', minimum: 0, exclusiveMinimum: true } as Schema,
        color: { type: 'string', enum: ['red', 'blue'] },
        code: { type: 'string', minLength: 6, maxLength: 8 },
        tags: { type: 'array', minItems: 3, uniqueItems: true, items: { type: 'string' } } as Schema,
      },
    };
    const data = sample(swagger, schema) as Record<string, Json>;
    expect(data).toMatchObject({ when: '2024-01-01T00:00:00Z', mail: 'user@example.com', small: 5, color: 'red' });
    expect((data.exclusive as number) > 0).toBe(true);
    expect(new SchemaValidator(swagger).validate(schema, data)).toEqual({ ok: true });
  });

  it('makes small data from a huge schema, quickly', () => {
    const wide: Swagger = { definitions: {} };
    for (let i = 0; i < 200; i++) {
      const props: Record<string, Schema> = {};
      for (let k = 0; k < 50; k++) props[`p${k}`] = { $ref: `#/definitions/D${(i + k + 1) % 200}` };
      wide.definitions![`D${i}`] = { type: 'object', properties: props };
    }
    const started = performance.now();
    const data = sample(wide, { $ref: '#/definitions/D0' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(JSON.stringify(data).length).toBeLessThan(2_000_000);
  });
});

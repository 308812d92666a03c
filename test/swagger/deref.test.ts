import { describe, expect, it } from 'vitest';
import { definitionName, deref, parameters, resolveLocal, responses } from '../../src/swagger/index.ts';
import type { Swagger } from '../../src/swagger/types.ts';

const swagger: Swagger = {
  definitions: { 'a/b': { type: 'string' }, 'x~y': { type: 'integer' }, 'sp ace': { type: 'boolean' }, Alias: { $ref: '#/definitions/a~1b' } },
  parameters: { top: { name: 'top', in: 'query', type: 'integer' }, loop: { $ref: '#/parameters/loop' } as never },
  responses: { NotFound: { description: 'Not found' } },
};

describe('deref', () => {
  it('decodes ~1, ~0 and percent-encoding', () => {
    expect(resolveLocal(swagger, '#/definitions/a~1b')).toEqual({ type: 'string' });
    expect(resolveLocal(swagger, '#/definitions/x~0y')).toEqual({ type: 'integer' });
    expect(resolveLocal(swagger, '#/definitions/sp%20ace')).toEqual({ type: 'boolean' });
    expect(definitionName('#/definitions/a~1b')).toBe('a/b');
    expect(definitionName('#/definitions/sp%20ace')).toBe('sp ace');
    expect(definitionName('#/parameters/top')).toBeUndefined();
  });

  it('follows chains, stops on cycles, external and malformed refs, and own keys only', () => {
    expect(deref(swagger, { $ref: '#/definitions/Alias' })).toEqual({ type: 'string' });
    expect(deref(swagger, { $ref: '#/parameters/loop' })).toBeUndefined();
    expect(deref(swagger, { $ref: 'other.json#/definitions/X' })).toBeUndefined();
    expect(deref(swagger, { $ref: '#/definitions/%E0%A4%A' })).toBeUndefined();
    expect(deref(swagger, { $ref: '#/definitions/constructor' })).toBeUndefined();
    expect(deref(swagger, { type: 'x' })).toEqual({ type: 'x' });
    expect(deref(swagger, 'x')).toBeUndefined();
  });

  it('bounds long chains', () => {
    const definitions: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) definitions[`d${i}`] = { $ref: `#/definitions/d${i + 1}` };
    definitions.d40 = { type: 'string' };
    expect(deref({ definitions } as Swagger, { $ref: '#/definitions/d0' })).toBeUndefined();
    expect(deref({ definitions } as Swagger, { $ref: '#/definitions/d20' })).toEqual({ type: 'string' });
  });
});

describe('parameters', () => {
  it('merges path-level parameters, the operation’s own winning by name and in, refs resolved', () => {
    const item = { parameters: [{ name: 'id', in: 'path', type: 'string', description: 'item' }, { name: 'top', in: 'header' }] } as never;
    const op = { parameters: [{ $ref: '#/parameters/top' }, { name: 'id', in: 'path', type: 'string', description: 'op' }, { $ref: '#/parameters/loop' }, 5] } as never;
    expect(parameters(swagger, item, op)).toEqual([
      { name: 'top', in: 'query', type: 'integer' },
      { name: 'id', in: 'path', type: 'string', description: 'op' },
      { name: 'top', in: 'header' },
    ]);
    expect(parameters(swagger, undefined, { parameters: 'x' } as never)).toEqual([]);
  });
});

describe('responses', () => {
  it('lists responses with refs followed and extensions skipped', () => {
    expect(responses(swagger, { responses: { '200': { description: 'OK' }, '404': { $ref: '#/responses/NotFound' }, 'x-ms-a': {}, '500': { $ref: '#/responses/Nope' } } } as never)).toEqual([
      { status: '200', response: { description: 'OK' } },
      { status: '404', response: { description: 'Not found' } },
    ]);
  });
});

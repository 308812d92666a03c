/**
 * The diff engine beyond the rules' examples: documents of odd shapes never throw, a revision
 * compared with itself is silent, a connector added or removed as a whole, the version rule's
 * reading of versions, and the order the rules run in.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/check/registry.ts';
import { parseVersion } from '../../src/check/rules/diff-version-not-bumped.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { bumpOf, diffConnectors, diffRules, runDiffRules } from '../../src/diff/index.ts';
import { action, folder, getItem } from '../../src/check/diff-examples.ts';
import type { CompiledConnector } from '../../src/compiler/index.ts';

const compiled = (swagger: unknown, apiProperties: unknown = { properties: {} }): CompiledConnector => ({ swagger: swagger as never, apiProperties: apiProperties as never, files: [], readme: '', assets: new Map() });

describe('runDiffRules', () => {
  it('survives documents of the wrong shape, in either revision', () => {
    const odd = [
      {},
      { paths: [] },
      { paths: { '/a': [] } },
      { paths: { '/a': { get: { parameters: 'x', responses: [] } } } },
      { paths: { '/a': { get: { operationId: 'A', parameters: [{ in: 'body', schema: { $ref: '#/definitions/Loop' } }], responses: { '200': { schema: { $ref: '#/definitions/Loop' } } } } } }, definitions: { Loop: { type: 'object', properties: { next: { $ref: '#/definitions/Loop' } } } } },
      { info: { version: 7 }, securityDefinitions: 'x', host: 3 },
      { paths: { '/a': { get: { operationId: 'A', parameters: [{ name: 'q', in: 'query', enum: 'x', 'x-ms-dynamic-values': null }], responses: { '200': { $ref: '#/responses/Nope' } } } } } },
    ];
    const props = [{ properties: {} }, { properties: { connectionParameters: 'x', connectionParameterSets: { values: 'y' } } }, {}];
    for (const a of odd) for (const b of odd) for (const p of props) expect(() => runDiffRules(compiled(a, p), compiled(b, props[0]))).not.toThrow();
  });

  it('is silent on a document compared with a copy of itself', () => {
    const source = connectorFromFiles('x', folder('1.0', { GetItem: getItem(), ListItems: action('GET /items', 'List items') }) as Record<string, string>);
    const again = connectorFromFiles('x', folder('1.0', { GetItem: getItem(), ListItems: action('GET /items', 'List items') }) as Record<string, string>);
    expect(diffConnectors(source, again).diagnostics).toEqual([]);
  });

  it('follows a recursive schema to a bounded depth', () => {
    const loop = { paths: { '/a': { get: { operationId: 'A', responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Node' } } } } } }, definitions: { Node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: '#/definitions/Node' } } } } };
    const changed = structuredClone(loop);
    (changed.definitions.Node.properties as Record<string, unknown>).name = { type: 'integer' };
    const found = runDiffRules(compiled(loop), compiled(changed)).map((f) => `${f.ruleId} ${f.args.join(' ')}`);
    // `name` at the top; `child.name` is behind the same $ref, followed once per path.
    expect(found).toEqual(['diff-type-changed A response:name']);
  });
});

describe('diffConnectors', () => {
  it('reports every operation of a removed connector in the base, and nothing for an added one', () => {
    const base = connectorFromFiles('x', folder('1.0', { GetItem: getItem() }) as Record<string, string>, 'connectors/x/');
    const removed = diffConnectors(base, undefined, { baseLabel: 'main' });
    expect(removed.status).toBe('removed');
    expect(removed.diagnostics.map(String)).toEqual(['connectors/x/actions/GetItem.mdx:2:1-2:25: Removed the action `GetItem` (`GET /items/{id}`); flows and apps that use it stop working (as of `main`) (diff-operation-removed)']);
    expect(removed.diagnostics[0]!.note).toContain('at the base revision `main`');
    const added = diffConnectors(undefined, base);
    expect(added.status).toBe('added');
    expect(added.diagnostics).toEqual([]);
  });

  it('reports the head\'s errors when it does not compile far enough to compare', () => {
    const base = connectorFromFiles('x', folder('1.0', { GetItem: getItem() }) as Record<string, string>);
    const head = connectorFromFiles('x', { 'connector.mdx': '---\ntitle: [unclosed\n---\n' });
    const result = diffConnectors(base, head);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.severity === 'error' && d.ruleId === 'frontmatter-yaml')).toBe(true);
  });
});

describe('the version', () => {
  it('reads major.minor.patch from what connectors write', () => {
    expect(parseVersion('1.0')).toEqual([1, 0, 0]);
    expect(parseVersion('2.3.4')).toEqual([2, 3, 4]);
    expect(parseVersion('v1.2-preview')).toEqual([1, 2, 0]);
    expect(parseVersion(3)).toEqual([3, 0, 0]);
    expect(parseVersion('latest')).toBeUndefined();
    expect(parseVersion(undefined)).toBeUndefined();
  });

  it('is checked last, against the bump the other rules call for', () => {
    const ids = diffRules().map((r) => r.id);
    expect(ids.at(-1)).toBe('diff-version-not-bumped');
    expect(ids).toHaveLength(rules.filter((r) => r.area === 'diff').length);
    const byId = (id: string) => rules.find((r) => r.id === id)!;
    expect(bumpOf(byId('diff-operation-removed'))).toBe('major');
    expect(bumpOf(byId('diff-operation-added'))).toBe('minor');
    expect(bumpOf(byId('diff-enum-value-removed'))).toBe('minor');
    expect(bumpOf(byId('diff-text-changed'))).toBeUndefined();
    expect(bumpOf(byId('diff-version-not-bumped'))).toBeUndefined();
  });
});

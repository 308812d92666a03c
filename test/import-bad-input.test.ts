/** Bad sources give one clear, positioned error, never a crash or a stack trace. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSource, importSources } from '../src/import/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'plugboard-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: string, text: string, options = {}) {
  writeFileSync(join(dir, name), text);
  const result = importSource(join(dir, name), { display: name, ...options });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return { result, errors, lines: errors.map(String) };
}

describe('bad input', () => {
  it('not JSON (a Postman collection cut short)', () => {
    const { errors, result } = run('cut.postman.json', '{"info": {"_postman_id": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.ruleId).toBe('import-json-invalid');
    expect(errors[0]!.place).toBeDefined();
    expect(result.files.size).toBe(0);
  });

  it('not YAML', () => {
    const { errors } = run('bad.yaml', 'openapi: 3.0.0\ninfo: [unclosed\n');
    expect(errors.map((e) => e.ruleId)).toEqual(['import-json-invalid']);
    expect(errors[0]!.place?.start.line).toBeGreaterThan(1);
  });

  it('wrong OpenAPI version', () => {
    const { lines } = run('v4.yaml', 'openapi: 4.0.0\ninfo: { title: X, version: "1" }\npaths: {}\n', { from: 'openapi3' });
    expect(lines).toEqual(['v4.yaml:1:10-1:15: Expected `openapi: 3.0.x` or `3.1.x`, found "4.0.0" (import-source-invalid)']);
  });

  it('wrong Postman schema version', () => {
    const { lines } = run('v3.postman.json', JSON.stringify({ info: { _postman_id: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' }, item: [] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^v3\.postman\.json:1:\d+-1:\d+: Expected a Postman collection v2\.0 or v2\.1/);
  });

  it('a v1 collection', () => {
    const v1 = JSON.stringify({ id: 'x', name: 'Old', order: ['a'], requests: [{ id: 'a', url: 'https://x.com', method: 'GET' }] }, null, 2);
    const { lines } = run('old.json', v1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^old\.json:7:\d+-7:\d+: This is a Postman collection v1, which is not supported; in Postman, export the collection as v2\.1/);
  });

  it('a broken $ref', () => {
    const doc = 'openapi: 3.0.0\ninfo: { title: Broken, version: "1" }\nservers: [{ url: "https://x.com" }]\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema:\n                $ref: "#/components/schemas/Missing"\n';
    const { lines } = run('broken.yaml', doc);
    expect(lines).toEqual(['broken.yaml:13:23-13:53: `$ref` `#/components/schemas/Missing` does not resolve to a schema in this document (import-source-invalid)']);
  });

  it('a $ref to a missing file', () => {
    const doc = 'openapi: 3.0.0\ninfo: { title: Gone, version: "1" }\npaths:\n  /a:\n    $ref: ./nowhere.yaml\n';
    const { lines } = run('gone.yaml', doc);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gone\.yaml:5:11-5:25: Cannot read the referenced file `nowhere\.yaml`/);
  });

  it('cyclic schemas import (Swagger 2.0 allows recursion through definitions)', () => {
    const doc = 'openapi: 3.0.0\ninfo: { title: Tree, version: "1" }\nservers: [{ url: "https://x.com" }]\npaths:\n  /tree:\n    get:\n      operationId: GetTree\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Node" }\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        children: { type: array, items: { $ref: "#/components/schemas/Node" } }\n';
    const { errors, result } = run('tree.yaml', doc);
    expect(errors).toEqual([]);
    expect(result.files.get('definitions/Node.mdx')).toContain("$ref: '#/definitions/Node'");
  });

  it('a cyclic $ref that is not a schema', () => {
    const doc = 'openapi: 3.0.0\ninfo: { title: Loop, version: "1" }\npaths:\n  /a:\n    $ref: "#/paths/~1b"\n  /b:\n    $ref: "#/paths/~1a"\n';
    const { errors } = run('loop.yaml', doc);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.place).toBeDefined();
  });

  it('a 10 MB file', () => {
    const big = `{"info": {"_postman_id": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [], "pad": "${'x'.repeat(10.5 * 1024 * 1024)}"}`;
    const { lines } = run('big.postman.json', big);
    expect(lines).toEqual(['big.postman.json:1:1-1:1: The file is 10.5 MB; the limit is 10.0 MB (source-limit)']);
    expect(importSources(join(dir, 'big.postman.json'), { display: 'big.postman.json' })[0]!.diagnostics.map(String)).toEqual(lines);
  });

  it('something else entirely', () => {
    const { lines } = run('notes.txt', 'hello');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Unrecognised source/);
  });
});

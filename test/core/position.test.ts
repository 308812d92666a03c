import { describe, expect, it } from 'vitest';
import { Diagnostic } from '../../src/core/diagnostic.ts';
import { placeOf } from '../../src/core/position.ts';
import { SourceFile, splitFrontMatter } from '../../src/core/source-file.ts';

const mdx = `---
title: Demo
auth:
  type: apiKey
  name: X-Key
parameters:
  - name: a
  - name: b
---
# Body
`;

describe('splitFrontMatter', () => {
  it('finds the YAML and the body with their lines', () => {
    const split = splitFrontMatter(mdx);
    expect(split.present).toBe(true);
    expect(split.yaml.startsWith('title: Demo\n')).toBe(true);
    expect(split.body).toBe('# Body\n');
    expect(split.bodyLine).toBe(10);
  });
  it('handles CRLF, a byte order mark and an empty front-matter', () => {
    expect(splitFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nbody').yaml).toBe('title: x\r\n');
    expect(splitFrontMatter('---\n---\nbody').body).toBe('body');
    expect(splitFrontMatter('no front-matter').present).toBe(false);
  });
});

describe('placeOf', () => {
  const file = new SourceFile('connector.mdx', mdx);
  it('maps pointers to 1-based lines and columns of the whole file', () => {
    expect(placeOf(file, '/title')).toEqual({ start: { line: 2, column: 8 }, end: { line: 2, column: 12 } });
    expect(placeOf(file, '/auth/name', true)).toEqual({ start: { line: 5, column: 3 }, end: { line: 5, column: 7 } });
    expect(placeOf(file, '/parameters/1/name')).toEqual({ start: { line: 8, column: 11 }, end: { line: 8, column: 12 } });
  });
  it('falls back to the deepest existing node', () => {
    expect(placeOf(file, '/auth/missing/deeper')?.start).toEqual({ line: 4, column: 3 });
  });
  it('points at JSON documents too', () => {
    const json = new SourceFile('a.json', '{\n  "paths": {\n    "/x": { "get": {} }\n  }\n}\n');
    expect(placeOf(json, '/paths/~1x/get')?.start).toEqual({ line: 3, column: 20 });
    expect(placeOf(json, '/paths/~1x', true)?.start).toEqual({ line: 3, column: 5 });
  });
});

describe('Diagnostic', () => {
  it('prints file:line:col-line:col: message (rule) and has a fingerprint of rule, file, pointer and args', () => {
    const make = (message = 'Unexpected thing', args: string[] = []) =>
      new Diagnostic({ ruleId: 'x-ms-value', severity: 'error', message, file: 'a.mdx', pointer: '/a', place: { start: { line: 2, column: 3 }, end: { line: 2, column: 9 } }, url: 'https://example.com', args });
    expect(String(make())).toBe('a.mdx:2:3-2:9: Unexpected thing (x-ms-value)');
    expect(make().fingerprint).toBe(make().fingerprint);
    expect(make('Reworded').fingerprint).toBe(make().fingerprint);
    expect(make('Unexpected thing', ['other']).fingerprint).not.toBe(make().fingerprint);
    expect(make().toJSON()).toMatchObject({ ruleId: 'x-ms-value', severity: 'error', file: 'a.mdx', pointer: '/a' });
  });
});

describe('placeOf in JSON', () => {
  it('follows arrays nested in arrays', () => {
    const json = new SourceFile('a.json', '{\n  "a": [\n    [1, 2],\n    [3, {"b": 4}]\n  ]\n}\n');
    expect(placeOf(json, '/a/1/1/b')?.start).toEqual({ line: 4, column: 15 });
    expect(placeOf(json, '/a/0/1')?.start).toEqual({ line: 3, column: 9 });
    expect(placeOf(json, '/a/9')?.start).toEqual({ line: 2, column: 8 });
  });
});

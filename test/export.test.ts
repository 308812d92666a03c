/**
 * Export, and the round trip export → import. "Equivalent" means, concretely, comparing the
 * compiled Swagger of the original connector with the compiled Swagger of the re-imported one:
 *
 * - OpenAPI 3.1: the same operations (method + path) with the same operationIds; per operation
 *   the same parameters (name, in, required, type); the same response status codes; the same
 *   definition names; the same host, basePath and schemes; the same security definitions (type,
 *   and `in`/`name` for API keys); and every `x-ms-*` extension of the original at the same
 *   place (parameters identified by name rather than position) with the same value.
 * - Postman v2.1 (no operationIds, no schemas, no extensions in the format): the same
 *   operations (method + path template), the same parameter names and locations per operation,
 *   the same status codes among responses that had an example or schema, and the same auth (a
 *   collection signs in one way: of a multi-auth connector, the first option, and every other
 *   one named in the collection's description).
 *
 * Both: a `setheader` policy of the request is expressed as a header parameter of each operation
 * it applies to, so those headers are expected besides the operation's own parameters.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import equal from 'fast-deep-equal';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { compile, type CompileResult } from '../src/compiler/index.ts';
import { connectorFromFiles, loadConnector } from '../src/compiler/load.ts';
import { exportConnector, exportOpenApi3, exportPostman } from '../src/export/index.ts';
import { importSource } from '../src/import/index.ts';
import { METHODS } from '../src/swagger/index.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const tmp = mkdtempSync(join(tmpdir(), 'plugboard-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const repo = join(import.meta.dirname, '..');
const sources: Array<[string, string]> = [
  ...readdirSync(join(repo, 'test/fixtures/connectors')).map((n) => [`connectors/${n}`, join(repo, 'test/fixtures/connectors', n)] as [string, string]),
  ['openapi3/rich-3-1', join(repo, 'test/fixtures/import/openapi3/rich-3-1/expected')],
  ['postman/folders-auth-examples', join(repo, 'test/fixtures/import/postman/folders-auth-examples/expected')],
];

function build(dir: string): CompileResult {
  return compileAndCheck(loadConnector(dir));
}

function reimport(name: string, text: string): CompileResult {
  const path = join(tmp, name);
  writeFileSync(path, text);
  const result = importSource(path);
  expect(result.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
  const built = compileAndCheck(connectorFromFiles(result.id, texts));
  expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
  return built;
}

interface OpView {
  id: unknown;
  params: string[];
  codes: string[];
}

/** Header names that `setheader` policies send on `operationId` (the ones OpenAPI 3 tools do not ignore). */
function policyHeaders(apiProperties: unknown, operationId: unknown): string[] {
  const props = isObj(apiProperties) && isObj(apiProperties.properties) ? apiProperties.properties : {};
  const list = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances : [];
  return list.flatMap((p) => {
    const params = isObj(p) && isObj(p.parameters) ? p.parameters : {};
    const name = params['x-ms-apimTemplateParameter.name'];
    const ops = params['x-ms-apimTemplate-operationName'];
    if (!isObj(p) || String(p.templateId).toLowerCase() !== 'setheader' || (params['x-ms-apimTemplate-policySection'] ?? 'Request') !== 'Request' || typeof name !== 'string') return [];
    if (['accept', 'content-type', 'authorization'].includes(name.toLowerCase())) return [];
    if (Array.isArray(ops) && ops.length && !ops.includes(operationId)) return [];
    return [name];
  });
}

/** `operations` of the original, with the header parameters its policies become. */
function withPolicyHeaders(view: Map<string, OpView>, original: CompileResult, normalizePath: boolean): Map<string, OpView> {
  const ids = new Map<string, unknown>();
  for (const [path, item] of Object.entries(isObj(original.swagger.paths) ? original.swagger.paths : {})) {
    for (const method of METHODS) if (isObj((item as Obj)[method])) ids.set(`${method} ${normalizePath ? path.replace(/\{[^}]+\}/g, '{}') : path}`, ((item as Obj)[method] as Obj).operationId);
  }
  for (const [key, op] of view) {
    const own = new Set(op.params.filter((p) => p.startsWith('header:')).map((p) => p.split(':')[1]!.toLowerCase()));
    const extra = policyHeaders(original.apiProperties, ids.get(key)).filter((n) => !own.has(n.toLowerCase()));
    op.params = [...op.params, ...extra.map((n) => (normalizePath ? `header:${n}` : `header:${n}:false:string`))].sort();
  }
  return view;
}

function operations(swagger: Obj, normalizePath: boolean): Map<string, OpView> {
  const shared = isObj(swagger.parameters) ? swagger.parameters : {};
  const out = new Map<string, OpView>();
  for (const [path, item] of Object.entries(isObj(swagger.paths) ? swagger.paths : {})) {
    for (const method of METHODS) {
      const op = (item as Obj)[method];
      if (!isObj(op)) continue;
      const params = (Array.isArray(op.parameters) ? op.parameters : [])
        .map((p) => (isObj(p) && typeof p.$ref === 'string' ? shared[p.$ref.replace('#/parameters/', '')] : p))
        .filter(isObj)
        .map((p) => (normalizePath ? `${String(p.in)}:${p.in === 'body' ? 'body' : p.in === 'path' ? '' : String(p.name)}` : `${String(p.in)}:${String(p.name)}:${p.required === true}:${String(p.type ?? '')}`))
        .sort();
      const codes = Object.entries(isObj(op.responses) ? op.responses : {})
        .filter(([code, r]) => !normalizePath || (/^\d{3}$/.test(code) && isObj(r) && (r.schema !== undefined || r.examples !== undefined)))
        .map(([code]) => code)
        .sort();
      out.set(`${method} ${normalizePath ? path.replace(/\{[^}]+\}/g, '{}') : path}`, { id: normalizePath ? undefined : op.operationId, params, codes });
    }
  }
  return out;
}

/** Every `x-ms-*` key with its place (parameters by name) and value. */
function extensions(node: unknown, at: string[] = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(node)) node.forEach((v, i) => extensions(v, [...at, isObj(v) && typeof v.name === 'string' && typeof v.in === 'string' ? `${v.in}:${v.name}` : String(i)], out));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('x-ms-')) out.set([...at, k].join('/'), v);
      extensions(v, [...at, k], out);
    }
  }
  return out;
}

function securityView(swagger: Obj): unknown {
  const defs = isObj(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
  return Object.values(defs).map((d) => (isObj(d) ? [d.type, d.in, d.name, d.authorizationUrl, d.tokenUrl] : d));
}

describe('export to OpenAPI 3.1 and back', () => {
  it.each(sources)('%s', (_name, dir) => {
    const original = build(dir);
    const doc = exportOpenApi3(original);
    expect(doc.openapi).toBe('3.1.0');
    const back = reimport(`${_name.replaceAll('/', '-')}.openapi.json`, JSON.stringify(doc, null, 2));
    const a = original.swagger as Obj;
    const b = back.swagger as Obj;
    expect(Object.fromEntries(operations(b, false))).toEqual(Object.fromEntries(withPolicyHeaders(operations(a, false), original, false)));
    expect(Object.keys(b.definitions ?? {}).sort()).toEqual(Object.keys(a.definitions ?? {}).sort());
    expect([b.host, b.basePath ?? '/', b.schemes]).toEqual([a.host, a.basePath ?? '/', a.schemes]);
    expect(securityView(b)).toEqual(securityView(a));
    const before = extensions(a);
    const after = extensions(b);
    for (const [place, value] of before) {
      expect(after.has(place), `${place} is kept`).toBe(true);
      expect(equal(after.get(place), value), `${place} keeps its value`).toBe(true);
    }
  });
});

describe('export to Postman v2.1 and back', () => {
  it.each(sources)('%s', (_name, dir) => {
    const original = build(dir);
    const collection = exportPostman(original);
    expect((collection.info as Obj).schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    const back = reimport(`${_name.replaceAll('/', '-')}.postman_collection.json`, JSON.stringify(collection, null, 2));
    const a = withPolicyHeaders(operations(original.swagger as Obj, true), original, true);
    const b = operations(back.swagger as Obj, true);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [key, view] of a) {
      expect(b.get(key)!.params, key).toEqual(view.params);
      expect(b.get(key)!.codes, key).toEqual(view.codes);
    }
    const auth = (s: Obj) => (securityView(s) as unknown[][]).map((d) => d.slice(0, 3));
    const sets = original.apiProperties.properties?.connectionParameterSets as Obj | undefined;
    if (sets && Array.isArray(sets.values)) {
      expect(auth(back.swagger as Obj)).toEqual(auth(original.swagger as Obj).slice(0, 1));
      const description = String((collection.info as Obj).description);
      for (const option of sets.values.slice(1) as Obj[]) expect(description).toContain(String((option.uiDefinition as Obj | undefined)?.displayName ?? option.name));
    } else expect(auth(back.swagger as Obj)).toEqual(auth(original.swagger as Obj));
  });
});

describe('exportConnector', () => {
  it('compiles a folder and writes deterministic text', () => {
    const dir = join(repo, 'test/fixtures/import/openapi3/rich-3-1/expected');
    const first = exportConnector(dir, 'openapi3');
    expect(first.fileName).toBe('expected.openapi.json');
    expect(first.text).toBe(exportConnector(dir, 'openapi3').text);
    expect(JSON.parse(first.text).components.schemas.Ticket).toBeDefined();
    const yaml = exportConnector(dir, 'openapi3', { yaml: true });
    expect(yaml.text.startsWith('openapi: 3.1.0\n')).toBe(true);
    const postman = exportConnector(dir, 'postman');
    const parsed = JSON.parse(postman.text);
    expect(parsed.item.map((i: Obj) => i.name)).toEqual(['Tickets']);
    expect(JSON.stringify(parsed)).not.toMatch(/sk_live|hunter2/);
  });

  it('exported Postman collections carry no secrets', () => {
    const dir = join(repo, 'test/fixtures/import/postman/folders-auth-examples/expected');
    const text = exportConnector(dir, 'postman').text;
    expect(text).not.toMatch(/sk_live_abc123|hunter2|should-not-leak/);
    expect(readFileSync(join(repo, 'test/fixtures/import/postman/folders-auth-examples/input.json'), 'utf8')).toMatch(/hunter2/);
  });
});

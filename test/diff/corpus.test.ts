/**
 * The diff rules on the real connectors of ../shared/corpus (skipped without it): each compared
 * with itself and with its own import compiled back is silent (no false positive), and one change
 * of a known class applied to each is found by its rule, with no other rule firing but the version's.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import type { CompiledConnector } from '../../src/compiler/index.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { runDiffRules } from '../../src/diff/index.ts';
import { revision, type OperationInfo } from '../../src/check/diff-model.ts';
import { importSource } from '../../src/import/index.ts';
import { parseDocumentFile } from '../../src/import/json.ts';
import { readConnectorFolder } from '../../src/import/powerplatform.ts';
import type { ApiProperties, Swagger } from '../../src/swagger/index.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const ROOTS = ['powerplatform', 'powerplatform-extra'].map((r) => join(CORPUS, r));

function folders(): string[] {
  const out: string[] = [];
  for (const root of ROOTS) {
    if (!existsSync(root)) continue;
    for (const kind of readdirSync(root)) for (const name of readdirSync(join(root, kind))) if (existsSync(join(root, kind, name, 'apiDefinition.swagger.json'))) out.push(join(root, kind, name));
  }
  return out.sort();
}

const FOLDERS = folders();

function read(dir: string): CompiledConnector {
  const source = readConnectorFolder(dir, dir);
  if (!('swaggerFile' in source)) throw new Error(`unreadable ${dir}`);
  const swagger = parseDocumentFile(source.swaggerFile) as Swagger;
  const apiProperties = (source.propertiesFile ? parseDocumentFile(source.propertiesFile) : { properties: {} }) as ApiProperties;
  return { swagger, apiProperties, files: [], readme: '', assets: new Map() };
}

/** The first operation matching `pred`, found on a copy (a document's revision is memoized), with its node in `swagger`. */
function first(swagger: Swagger, pred: (op: OperationInfo) => boolean): (OperationInfo & { target: Record<string, unknown> }) | undefined {
  const op = revision(structuredClone(swagger)).operations.find(pred);
  return op && { ...op, target: (swagger.paths as Record<string, Record<string, Record<string, unknown>>>)[op.entry.path]![op.entry.method]! };
}

type Params = Array<Record<string, unknown>>;
const queryParams = (op: { target: Record<string, unknown> }) => ((Array.isArray(op.target.parameters) ? op.target.parameters : []) as Params).filter((p) => p.in === 'query');

const CHANGES: Record<string, [string, (swagger: Swagger) => boolean]> = {
  'an operation removed': ['diff-operation-removed', (s) => {
    const op = first(s, (o) => o.visibility !== 'internal');
    if (!op) return false;
    delete (s.paths as Record<string, Record<string, unknown>>)[op.entry.path]![op.entry.method];
    return true;
  }],
  'an operationId renamed': ['diff-operation-id-renamed', (s) => {
    const op = first(s, (o) => o.entry.operationId !== undefined && o.visibility !== 'internal');
    if (!op) return false;
    op.target.operationId = `${String(op.target.operationId)}Renamed`;
    return true;
  }],
  'host changed': ['diff-host-changed', (s) => ((s.host = 'elsewhere.example.com'), true)],
  'a query parameter removed': ['diff-parameter-removed', (s) => {
    const op = first(s, (o) => queryParams({ target: o.node }).some((p) => p['x-ms-visibility'] !== 'internal'));
    if (!op) return false;
    const list = op.target.parameters as Params;
    list.splice(list.findIndex((p) => p.in === 'query' && p['x-ms-visibility'] !== 'internal'), 1);
    return true;
  }],
  'a string query parameter made an integer': ['diff-type-changed', (s) => {
    const op = first(s, (o) => queryParams({ target: o.node }).some((p) => p.type === 'string'));
    if (!op) return false;
    queryParams(op).find((p) => p.type === 'string')!.type = 'integer';
    return true;
  }],
  'an operation made internal': ['diff-visibility-internal', (s) => {
    const op = first(s, (o) => o.visibility !== 'internal');
    if (!op) return false;
    op.target['x-ms-visibility'] = 'internal';
    return true;
  }],
};

describe.skipIf(FOLDERS.length === 0)('diff rules on the corpus connectors', () => {
  it('finds nothing between a connector and itself, or its import compiled back', () => {
    const found: string[] = [];
    for (const dir of FOLDERS) {
      const base = read(dir);
      for (const f of runDiffRules(base, read(dir))) found.push(`${dir}: self: ${f.ruleId}: ${f.message}`);
      const imported = importSource(dir, { display: 'x' });
      const texts = Object.fromEntries([...imported.files].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const compiled = compileAndCheck(connectorFromFiles(imported.id, texts), { check: false });
      for (const f of runDiffRules(base, { ...base, swagger: compiled.swagger, apiProperties: compiled.apiProperties })) found.push(`${dir}: round trip: ${f.ruleId}: ${f.message}`);
    }
    expect(FOLDERS.length).toBeGreaterThanOrEqual(35);
    expect(found).toEqual([]);
  }, 120_000);

  it.each(Object.entries(CHANGES))('finds %s with its rule alone', (_name, [rule, change]) => {
    let applied = 0;
    const wrong: string[] = [];
    for (const dir of FOLDERS) {
      const base = read(dir);
      const swagger = structuredClone(base.swagger);
      if (!change(swagger)) continue;
      applied++;
      const ids = runDiffRules(base, { ...base, swagger }).map((f) => f.ruleId);
      if (!ids.includes(rule as never) || ids.some((id) => id !== rule && id !== 'diff-version-not-bumped')) wrong.push(`${dir}: ${ids.join(', ')}`);
    }
    expect(applied).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 120_000);
});

/**
 * Golden usage samples (curl, flow JSON, Power Fx) of real connectors from the shared corpus, read
 * straight from their apiDefinition.swagger.json and apiProperties.json: a basePath ending in `/`
 * (Egnyte), API keys in the query (Nationalize.io) and a header with a multipart upload
 * (Cloudmersive), OAuth (Dexcom), basic auth (LINKMobility), polling triggers with a host policy
 * (Event Tickets), and routed requests (JIRA). Skipped when the corpus (../shared/corpus) is absent.
 * Accept changes with `npx vitest run test/site/samples-corpus.test.ts -u`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationView } from '../../src/site/operations.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/powerplatform');
const GOLDEN = fileURLToPath(new URL('./golden/corpus', import.meta.url));

const CASES: Array<[folder: string, operationIds: string[]]> = [
  ['certified-connectors/Egnyte', ['deleteProjectById', 'fileLocked']],
  ['independent-publisher-connectors/Nationalize.io', ['CheckNamesNationality']],
  ['certified-connectors/Cloudmersive Document Conversion', ['ConvertDocument_AutodetectToPdf']],
  ['independent-publisher-connectors/Dexcom', ['Get-EGVs']],
  ['certified-connectors/LINKMobility', ['Sendsms']],
  ['certified-connectors/Event Tickets', ['AttendeeTrigger']],
  ['certified-connectors/JIRA', ['AddComment', 'OnNewIssue']],
];

type Obj = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Obj;

function find(swagger: Obj, operationId: string): { method: string; path: string } {
  for (const [path, item] of Object.entries(swagger.paths as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(item)) if ((op as Obj | undefined)?.operationId === operationId) return { method, path };
  }
  throw new Error(`No operation ${operationId}`);
}

describe.skipIf(!existsSync(CORPUS))('usage samples of corpus connectors', () => {
  it.each(CASES.flatMap(([folder, ids]) => ids.map((id) => [folder, id] as const)))('%s: %s', async (folder, operationId) => {
    const swagger = readJson(join(CORPUS, folder, 'apiDefinition.swagger.json'));
    const apiProperties = readJson(join(CORPUS, folder, 'apiProperties.json'));
    const { method, path } = find(swagger, operationId);
    const title = String((swagger.info as Obj).title);
    const view = operationView({ title }, swagger, apiProperties, method, path)!;
    const text = JSON.stringify({ operationId, kind: view.kind, samples: view.samples }, null, 2) + '\n';
    await expect(text).toMatchFileSnapshot(join(GOLDEN, folder.split('/')[1]!.replace(/[^A-Za-z0-9.-]+/g, '-'), `${operationId}.json`));
  });
});

/**
 * All checks over the real connectors of the shared corpus (../shared/corpus beside the repo).
 * Real certified connectors are mostly valid, so every finding here should be a real problem;
 * the expected counts below were reviewed one by one (see the notes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import type { ApiProperties, Swagger } from '../../src/swagger/index.ts';
import { runChecks } from '../../src/check/run.ts';
import { compiled } from './helpers.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const corpus = resolve(repo, '../shared/corpus/powerplatform');
const present = existsSync(corpus);

function read(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return JSON5.parse(text); // Plumsail Documents is JSON5, like 9 of the 1,034 real ones.
  }
}

function connectors(): Array<{ name: string; swagger: Swagger; apiProperties: ApiProperties }> {
  const list = [];
  for (const group of readdirSync(corpus).sort()) {
    for (const name of readdirSync(join(corpus, group)).sort()) {
      const dir = join(corpus, group, name);
      if (!existsSync(join(dir, 'apiDefinition.swagger.json'))) continue;
      const apiProperties = existsSync(join(dir, 'apiProperties.json')) ? (read(join(dir, 'apiProperties.json')) as ApiProperties) : { properties: {} };
      list.push({ name: `${group}/${name}`, swagger: read(join(dir, 'apiDefinition.swagger.json')) as Swagger, apiProperties });
    }
  }
  return list;
}

/** Reviewed findings per rule. */
const EXPECTED: Record<string, number> = {
  // Encodian: 1.10 MB, the only real connector over the documented limit.
  'connector-size-limit': 1,
  // Cloudmersive Document Conversion: 8 operations with `type: file` form parameters and `consumes: []`.
  'parameter-form-data-consumes': 8,
  // Planner: policies name `UpdateTaskDetails` (twice) and `ListTasks_V2`, renamed to `_V2` / `_V3` since.
  'policy-operation-exists': 3,
  // Encodian: the body parameter of the webhook `ManageWebHookAsync` is not required (NotificationUrlNotRequired).
  'trigger-webhook-callback': 1,
  // JIRA (4) and DocuSign (1): GET triggers with no state in the definition; their backends use the
  // 202/Location polling pattern, which the definition does not show. A warning by design.
  'trigger-kind-unclear': 5,
};

describe.skipIf(!present)('checks over the real corpus', () => {
  it('finds only the reviewed problems', () => {
    const counts: Record<string, number> = {};
    const perConnector: string[] = [];
    let total = 0;
    for (const { name, swagger, apiProperties } of connectors()) {
      const findings = runChecks(compiled(swagger, apiProperties));
      for (const f of findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
      if (findings.length) perConnector.push(`${name}: ${findings.length}`);
      total++;
    }
    console.log(`checks over ${total} corpus connectors, findings per rule:`, counts, '\nper connector:', perConnector);
    expect(total).toBe(25);
    expect(counts).toEqual(EXPECTED);
  });
});

if (!present) {
  describe('checks over the real corpus', () => {
    it.skip(`skipped: no corpus at ${corpus}`, () => {});
  });
  console.log(`Corpus test skipped: ${corpus} is absent.`);
}

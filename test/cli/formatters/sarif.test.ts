import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../../src/cli/formatters/context.ts';
import { MAX_RESULTS, sarif } from '../../../src/cli/formatters/sarif.ts';
import { rules } from '../../../src/check/registry.ts';
import { certification, recommended } from '../../../src/check/presets.ts';
import { compileAndCheck } from '../../../src/check/run.ts';
import { loadConnector } from '../../../src/compiler/load.ts';
import { checkPowerPlatformFolder } from '../../../src/import/powerplatform-check.ts';
import { hostile, plain, varied } from './diagnostics.ts';
import { validateSarif as validate } from './sarif-schema.ts';

interface Log {
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; informationUri: string; rules: { id: string; name: string; helpUri: string; help?: { text: string }; shortDescription: { text: string }; fullDescription?: { text: string }; defaultConfiguration: { level: string; enabled?: boolean }; properties?: { tags: string[] } }[] } };
    invocations?: { toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } } }[];
      relatedLocations?: unknown[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

/** Valid against the schema, and what GitHub code scanning reads is there. */
function check(text: string): Log {
  const log = JSON.parse(text) as Log;
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  expect(run.results.length).toBeLessThanOrEqual(MAX_RESULTS);
  for (const r of run.results) {
    expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(r.message.text.length).toBeGreaterThan(0);
    expect(r.locations).toHaveLength(1);
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(artifactLocation.uri).not.toMatch(/^\/|^\.\.|[ ,]/);
    expect(region.startLine).toBeGreaterThanOrEqual(1);
    expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{16}$/);
  }
  for (const rule of run.tool.driver.rules) expect(rule.properties?.tags.length ?? 0).toBeLessThanOrEqual(20);
  return log;
}

const ctx = { color: false, version: '0.1.0', cwd: '/repo', root: '/repo', rules, preset: recommended };

describe('sarif', () => {
  it('lists every rule of the registry with its help and default level, and one result per diagnostic', () => {
    const log = check(sarif(plain, ctx));
    const { driver } = log.runs[0]!.tool;
    expect(driver.name).toBe('plugboard');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toBe('https://github.com/plugboard/plugboard');
    // Every registry rule, and `operation-summary` (not in it) from its diagnostic.
    expect(driver.rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id as string).sort(), 'operation-summary']);
    const unique = driver.rules.find((r) => r.id === 'operation-id-unique')!;
    const source = rules.find((r) => r.id === 'operation-id-unique')!;
    expect(unique).toMatchObject({
      name: 'OperationIdUnique',
      shortDescription: { text: source.description },
      helpUri: 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#operation-id-unique',
      defaultConfiguration: { level: 'error' },
      properties: { tags: [source.area] },
    });
    expect(unique.help!.text).toContain(source.rationale);
    expect(unique.help!.text).toContain('OperationIdNotUnique');

    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['operation-id-unique', 'error'],
      ['frontmatter-yaml', 'error'],
      ['operation-summary', 'warning'],
      ['x-ms-value', 'note'],
    ]);
    expect(results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'connectors/a/actions/Get.mdx', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 3, endLine: 4, endColumn: 10 },
    });
    expect(results[0]!.relatedLocations).toHaveLength(1);
    expect(results[0]!.partialFingerprints).toEqual({ 'plugboard/v1': plain[3]!.fingerprint });
    // No position known: the file's first line.
    expect(results[3]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(results[3]!.message.text).toBe('Consider `x-ms-visibility`\n\nShown in the designer.');
  });

  it('takes each rule\'s default level from the active preset', () => {
    const id = rules[0]!.id;
    const log = check(sarif([], { ...ctx, preset: { ...certification, [id]: 'off', 'operation-id-unique': 'info' } }));
    const byId = new Map(log.runs[0]!.tool.driver.rules.map((r) => [r.id, r]));
    expect(byId.get(id)!.defaultConfiguration).toEqual({ enabled: false, level: 'none' });
    expect(byId.get('operation-id-unique')!.defaultConfiguration).toEqual({ level: 'note' });
  });

  it('stays valid on hostile messages and paths (URIs percent-encoded)', async () => {
    const out = sarif(hostile, ctx);
    const log = check(out);
    const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['connectors/odd%2C%20name/actions/Get%3AIt.mdx', 'connectors/odd%2C%20name/connector.mdx', 'connectors/odd%2C%20name/connector.mdx']);
    // Brackets escaped: `[z](…)` in a SARIF message would be an embedded link.
    expect(log.runs[0]!.results[0]!.message.text).toContain(' \\[z\\](javascript:alert(1)) \u001b\\[31mred\u001b\\[0m ');
    // A rule described here, not the registry's: the golden file must not change when a rule's wording does.
    const xMsValue: RuleInfo = { id: 'x-ms-value', area: 'x-ms', severity: 'error', description: 'Each `x-ms-*` value has the shape the platform reads.', rationale: 'The designer ignores a value it cannot read.', platformCodes: ['InvalidNextLinkNameValue'] };
    await expect(sarif([...hostile, ...plain], { ...ctx, rules: [xMsValue] })).toMatchFileSnapshot('golden/sarif.json');
  });

  it('is deterministic whatever the input order', () => {
    expect(sarif([...plain].reverse(), ctx)).toBe(sarif(plain, ctx));
  });

  it('gives paths relative to the repository root, and a file URI outside it', () => {
    const log = check(sarif(plain.slice(1, 2), { ...ctx, cwd: '/repo/sub' }));
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('sub/connectors/a/connector.mdx');
    const outside = JSON.parse(sarif(plain.slice(1, 2), { ...ctx, cwd: '/elsewhere' })) as Log;
    expect(outside.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/connectors/a/connector.mdx' });
  });

  it('keeps the most severe 25,000 results, and says how many were left out', () => {
    const many = Array.from({ length: MAX_RESULTS + 10 }, (_, i) =>
      varied(plain[1]!, { severity: i < 20 ? 'info' : i % 2 ? 'error' : 'warning', message: `m${i}`, args: [String(i)] }),
    );
    // Parsed, not validated: 25,000 results through ajv take seconds, and the shape is tested above.
    const log = JSON.parse(sarif(many, { ...ctx, rules: [] })) as Log;
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.results.filter((r) => r.level === 'note')).toHaveLength(10);
    expect(run.invocations![0]!.toolExecutionNotifications[0]!.message.text).toMatch(/^10 of 25010 results were left out/);
  });

  it('is valid with no diagnostics and without a registry', () => {
    const log = check(sarif([], { color: false }));
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('is valid for the repository\'s own connectors, as compiled and checked', () => {
    const dir = join(import.meta.dirname, '../../../connectors');
    const diagnostics = ['github-issues', 'open-meteo', 'the-cat-api', 'mailchimp-audiences']
      .filter((id) => existsSync(join(dir, id)))
      .flatMap((id) => compileAndCheck(loadConnector(join(dir, id), `connectors/${id}`), { preset: certification }).diagnostics);
    const log = check(sarif(diagnostics, { ...ctx, preset: certification }));
    expect(log.runs[0]!.results).toHaveLength(diagnostics.length);
  });

  const corpus = join(import.meta.dirname, '../../../../shared/corpus/powerplatform/certified-connectors/JIRA');
  it.skipIf(!existsSync(corpus))('is valid for a real certified connector of the corpus', () => {
    const outcome = checkPowerPlatformFolder(corpus, 'certified-connectors/JIRA');
    expect(outcome.diagnostics.length).toBeGreaterThan(0);
    const log = check(sarif(outcome.diagnostics, ctx));
    expect(log.runs[0]!.results).toHaveLength(outcome.diagnostics.length);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('certified-connectors/JIRA/apiDefinition.swagger.json');
  });
});

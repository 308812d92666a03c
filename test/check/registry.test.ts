import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSpecialEntry } from '../../src/check/define-rule.ts';
import { ruleById, rules } from '../../src/check/registry.ts';
import { ruleIdsModule } from '../../src/check/docs.ts';
import { runChecks } from '../../src/check/run.ts';
import { compiled, doc, NO_API_PROPERTIES, op } from './helpers.ts';

const readme = readFileSync(new URL('../../src/check/README.md', import.meta.url), 'utf8');

describe('registry', () => {
  it('is sorted by id, with unique kebab-case ids', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    expect(ruleById('swagger-schema')?.id).toBe('swagger-schema');
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  it('holds every file of src/check/rules, each exporting the rule of its name', () => {
    const files = readdirSync(new URL('../../src/check/rules/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
    expect(rules.map((r) => r.id)).toEqual(files.sort());
  });

  it('src/core/rule-ids.ts lists every id with its default severity (run `npm run rules-docs`)', () => {
    const generated = readFileSync(new URL('../../src/core/rule-ids.ts', import.meta.url), 'utf8');
    expect(generated).toBe(ruleIdsModule());
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s is documented and has examples', (id, rule) => {
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(40);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    // A diff rule's examples are pairs of folders (test/diff/harness.ts checks them).
    expect(rule.examples.ok.length + (rule.diffExamples?.ok.length ?? 0) + (rule.liveExamples?.ok.length ?? 0)).toBeGreaterThan(0);
    // A runner-reported rule (an internal failure) has no source that triggers it.
    if (rule.reportedBy === 'runner') expect(rule.examples.notOk).toEqual([]);
    else if (rule.area === 'diff') expect(rule.diffExamples?.notOk.length).toBeGreaterThan(0);
    // A live rule's examples are folders with a recorded exchange (test/live/harness.ts checks them).
    else if (rule.area === 'live') expect(rule.liveExamples?.notOk.length).toBeGreaterThan(0);
    else expect(rule.examples.notOk.length).toBeGreaterThan(0);
    expect(readme).toContain(`\n## ${id}\n`);
    expect(readme).toContain(`| [\`${id}\`](#${id}) | ${rule.severity} |`);
    for (const files of [...rule.examples.ok, ...rule.examples.notOk.map((e) => e.files)]) {
      if (rule.area === 'import') {
        // Import rules: one source file to import, `input.<ext>`, or a Power Platform connector folder.
        if ('apiDefinition.swagger.json' in files) expect(Object.keys(files).every((n) => /^(apiDefinition\.swagger\.json|apiProperties\.json|readme\.md)$/i.test(n))).toBe(true);
        else {
          expect(Object.keys(files)).toHaveLength(1);
          expect(Object.keys(files)[0]).toMatch(/^input\.(ya?ml|json)$/);
        }
        continue;
      }
      expect(Object.keys(files)).toContain('connector.mdx');
      // MDX sources open with front-matter; other files are assets, and special entries have no text.
      for (const [rel, entry] of Object.entries(files)) if (/\.mdx$/.test(rel) && !isSpecialEntry(entry)) expect(entry.startsWith('---\n')).toBe(true);
    }
    for (const { files, output } of rule.examples.notOk) {
      expect(output.length).toBeGreaterThan(0);
      for (const line of output) {
        const match = /^([^:]+):(\d+):(\d+)-(\d+):(\d+): (.+) \(([a-z0-9-]+)\)$/.exec(line);
        expect(match, line).not.toBeNull();
        const [, file, startLine, startCol, endLine, endCol, message, ruleId] = match!;
        expect(ruleId).toBe(id);
        expect(message).not.toMatch(/^(Error|Warning):/);
        // The position lies on a real character of that file.
        const text = files[file!] ?? files[file!.replace(/^input\//, '')];
        expect(text, `${file} in the example`).toBeDefined();
        // apiProperties.original.json is read (not an asset) and reported where it breaks.
        if (isSpecialEntry(text) || (rule.area !== 'import' && !/\.mdx$|^apiProperties\.original\.json$/.test(file!))) {
          // A special entry or an asset is reported as a whole, at its start.
          expect(`${startLine}:${startCol}-${endLine}:${endCol}`, line).toBe('1:1-1:1');
          continue;
        }
        const fileLines = text!.split('\n');
        const first = fileLines[Number(startLine) - 1]!;
        expect(first[Number(startCol) - 1], line).toMatch(/\S/);
        expect(Number(endLine) > Number(startLine) || Number(endCol) > Number(startCol), line).toBe(true);
        const last = fileLines[Number(endLine) - 1]!;
        expect(last[Number(endCol) - 2], line).toMatch(/\S/);
      }
    }
  });
});

describe('runChecks', () => {
  it('stamps the rule id (never a severity: the reporter does), in a deterministic order', () => {
    const swagger = doc({ '/a': { get: op('A', { 'x-ms-visibilty': 'internal', 'x-ms-trigger': 'batch' }) }, '/b': { get: op('A') } });
    const first = runChecks(compiled(swagger, NO_API_PROPERTIES));
    expect(first.map((f) => f.ruleId)).toEqual(['operation-id-unique', 'trigger-kind-unclear', 'x-ms-position']);
    expect(first.every((f) => !('severity' in f) && Array.isArray(f.args))).toBe(true);
    expect(runChecks(compiled(structuredClone(swagger), NO_API_PROPERTIES))).toEqual(first);
  });

  it('survives documents of the wrong shape', () => {
    const odd = [{}, { paths: [] }, { paths: { '/a': [] } }, { paths: { '/a': { get: { parameters: 'x', responses: [] } } } }, { definitions: { A: 'string' } }];
    for (const swagger of odd) expect(() => runChecks(compiled(swagger as never, { properties: { policyTemplateInstances: 'x' } } as never))).not.toThrow();
  });
});

/**
 * The one harness for rule examples: every rule's examples are compiled (with the checks) as
 * connector folders in memory; ok examples give no diagnostics at all, not-ok examples give
 * exactly their listed findings of that rule, each carrying the rule's id and docs URL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleUrl } from '../src/check/define-rule.ts';
import { rules } from '../src/check/registry.ts';
import { runChecks } from '../src/check/run.ts';
import { compile } from '../src/compiler/index.ts';
import { connectorFromFiles } from '../src/compiler/load.ts';
import { importSource } from '../src/import/index.ts';

function lint(files: Record<string, string>, _clean = true) {
  return compile(connectorFromFiles('example', files), { runChecks }).diagnostics;
}

/**
 * Rules of area `import` report on a source being imported: their examples hold one source file
 * (`input.yaml`, `input.json`), or the files of a Power Platform connector folder (shown as
 * `input/`), imported with `importSource`; the connector it becomes must still compile and
 * check without errors.
 */
function importLint(files: Record<string, string>, clean = true) {
  const dir = mkdtempSync(join(tmpdir(), 'plugboard-rule-'));
  try {
    let result;
    if ('apiDefinition.swagger.json' in files) {
      mkdirSync(join(dir, 'input'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'input', name), text);
      result = importSource(join(dir, 'input'), { display: 'input' });
    } else {
      const [name, text] = Object.entries(files).find(([n]) => n.startsWith('input.'))!;
      writeFileSync(join(dir, name), text);
      result = importSource(join(dir, name), { display: name });
    }
    const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
    if (clean) {
      const built = compile(connectorFromFiles(result.id, texts), { runChecks });
      expect(built.diagnostics.filter((d) => d.severity === 'error').map(String)).toEqual([]);
    }
    return result.diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const run = rule.area === 'import' ? importLint : lint;
  it.each(rule.examples.ok.map((files, i) => [i, files] as const))('ok example %i has no findings', (_i, files) => {
    expect(run(files).map(String)).toEqual([]);
  });
  it.each(rule.examples.notOk.map((example, i) => [i, example] as const))('not-ok example %i reports exactly its output', (_i, example) => {
    // An approximation (a warning) still gives a connector that checks clean; an error or a
    // verbatim operation comes from a source that is broken itself.
    const found = run(example.files, rule.severity === 'warning').filter((d) => d.ruleId === id);
    expect(found.map(String)).toEqual(example.output);
    for (const d of found) {
      expect(d.url).toBe(ruleUrl(id));
      expect(d.severity).toBe(rule.severity);
    }
  });
});

describe('rule reference', () => {
  it('src/check/README.md is generated from the registry (run `npm run rules-docs`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withRulesReference } = await import('../src/check/docs.ts');
    const readme = readFileSync(new URL('../src/check/README.md', import.meta.url), 'utf8');
    expect(withRulesReference(readme)).toBe(readme);
  });
});

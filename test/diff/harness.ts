/**
 * The diff rules' part of the one rule harness (test/rules.test.ts): each example of a rule of area
 * `diff` is a pair of connector folders (base, head) compiled in memory and compared by
 * `diffConnectors`. An ok pair gives no finding of the rule; a not-ok pair gives exactly its listed
 * findings of the rule, with the rule's id, severity and docs URL, each placed on a real character
 * of the head's file — or, for what was removed, of the base's file, with a note saying so.
 */
import { expect, it } from 'vitest';
import { isSpecialEntry, ruleUrl, type ExampleFiles, type Rule } from '../../src/check/define-rule.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { diffConnectors } from '../../src/diff/index.ts';

function texts(files: ExampleFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, entry] of Object.entries(files)) if (!isSpecialEntry(entry)) out[rel] = entry;
  return out;
}

export function diffExample(base: ExampleFiles, head: ExampleFiles) {
  return diffConnectors(connectorFromFiles('example', texts(base)), connectorFromFiles('example', texts(head)), { baseLabel: 'base' }).diagnostics;
}

/** The output line lands on a real character of that file of the example (also for test/live/harness.ts). */
export function lands(files: ExampleFiles, line: string): void {
  const match = /^([^:]+):(\d+):(\d+)-(\d+):(\d+): (.+) \(([a-z0-9-]+)\)$/.exec(line);
  expect(match, line).not.toBeNull();
  const [, file, startLine, startCol, endLine, endCol] = match!;
  const text = files[file!];
  expect(typeof text, `${file} in the example`).toBe('string');
  const lines = (text as string).split('\n');
  expect(lines[Number(startLine) - 1]![Number(startCol) - 1], line).toMatch(/\S/);
  expect(Number(endLine) > Number(startLine) || Number(endCol) > Number(startCol), line).toBe(true);
}

export function checkDiffExamples(rule: Rule): void {
  const { id } = rule;
  const examples = rule.diffExamples ?? { ok: [], notOk: [] };
  it('is a diff rule with pairs of folders as examples', () => {
    expect(rule.diff).toBeTypeOf('function');
    expect(examples.ok.length).toBeGreaterThan(0);
    expect(examples.notOk.length).toBeGreaterThan(0);
  });
  it.each(examples.ok.map((pair, i) => [i, pair] as const))('ok pair %i has no finding of the rule', (_i, pair) => {
    expect(diffExample(pair.base, pair.head).filter((d) => d.ruleId === id).map(String)).toEqual([]);
  });
  it.each(examples.notOk.map((example, i) => [i, example] as const))('not-ok pair %i reports exactly its output', (_i, example) => {
    const diagnostics = diffExample(example.base, example.head);
    const found = diagnostics.filter((d) => d.ruleId === id);
    expect(found.map(String)).toEqual(example.output);
    for (const d of found) {
      expect(d.url).toBe(ruleUrl(id));
      expect(d.severity).toBe(rule.severity);
      const inBase = d.note?.includes('at the base revision') ?? false;
      lands(inBase ? example.base : example.head, String(d));
    }
    expect(new Set(diagnostics.map((d) => d.fingerprint)).size, diagnostics.map(String).join('\n')).toBe(diagnostics.length);
  });
}

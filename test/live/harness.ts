/**
 * The live rules' part of the one rule harness (test/rules.test.ts): each example of a rule of area
 * `live` is a connector folder and a recorded exchange with its API, checked by `checkExchanges`
 * (src/live/place.ts) as `plugboard test` checks a real one. An ok example gives no finding of the
 * rule; a not-ok example gives exactly its listed findings, with the rule's id, severity and docs
 * URL, each placed on a real character of the folder's MDX.
 */
import { expect, it } from 'vitest';
import { isSpecialEntry, ruleUrl, type ExampleFiles, type LiveExchange, type Rule } from '../../src/check/define-rule.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { checkExchanges } from '../../src/live/place.ts';
import { lands } from '../diff/harness.ts';

function texts(files: ExampleFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, entry] of Object.entries(files)) if (!isSpecialEntry(entry)) out[rel] = entry;
  return out;
}

export function liveExample(files: ExampleFiles, exchange: LiveExchange) {
  return checkExchanges(() => connectorFromFiles('example', texts(files)), [exchange]);
}

export function checkLiveExamples(rule: Rule): void {
  const { id } = rule;
  const examples = rule.liveExamples ?? { ok: [], notOk: [] };
  it('is a live rule with recorded exchanges as examples', () => {
    expect(rule.live).toBeTypeOf('function');
    expect(examples.ok.length).toBeGreaterThan(0);
    expect(examples.notOk.length).toBeGreaterThan(0);
  });
  it.each(examples.ok.map((example, i) => [i, example] as const))('ok exchange %i has no finding of the rule', (_i, example) => {
    expect(liveExample(example.files, example.exchange).filter((d) => d.ruleId === id).map(String)).toEqual([]);
  });
  it.each(examples.notOk.map((example, i) => [i, example] as const))('not-ok exchange %i reports exactly its output', (_i, example) => {
    const diagnostics = liveExample(example.files, example.exchange);
    const found = diagnostics.filter((d) => d.ruleId === id);
    expect(found.map(String)).toEqual(example.output);
    for (const d of found) {
      expect(d.url).toBe(ruleUrl(id));
      expect(d.severity).toBe(rule.severity);
      lands(example.files, String(d));
    }
    expect(new Set(diagnostics.map((d) => d.fingerprint)).size, diagnostics.map(String).join('\n')).toBe(diagnostics.length);
  });
}

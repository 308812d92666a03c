/**
 * Baselines (src/check/baseline.ts): what is recorded (sorted, counted, relative to the connector
 * folder), what a later run reports (only what is not in it), what counts as fixed, and a broken
 * baseline file stopping the run with its position.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBaseline, baselineFingerprint, readBaseline, serializeBaseline, updateBaseline, writeBaseline, type BaselineTarget } from '../../src/check/baseline.ts';
import { ConfigError } from '../../src/check/config.ts';
import { report } from '../../src/check/reporter.ts';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';

const dir = mkdtempSync(join(tmpdir(), 'plugboard-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'baseline.json');

function finding(display: string, ruleId: RuleId, rel: string, pointer: string, args: string[] = [], message = 'Something is wrong'): Diagnostic {
  return report({ ruleId, message, file: `${display}/${rel}`, pointer, args });
}

function target(name: string, display: string, diagnostics: Diagnostic[]): BaselineTarget {
  return { dir: join(dir, 'connectors', name), display, diagnostics };
}

describe('baselines', () => {
  const a = 'connectors/alpha';
  const today = [
    target('alpha', a, [
      finding(a, 'x-ms-position', 'actions/Get.mdx', '/paths/~1a/get/x-ms-foo'),
      // Two findings alike in everything: both are recorded (count 2), so fixing one reports nothing and adding a third reports it.
      finding(a, 'swagger-schema', 'connector.mdx', '/info', ['required']),
      finding(a, 'swagger-schema', 'connector.mdx', '/info', ['required']),
      report({ ruleId: 'connector-internal-error', message: 'plugboard failed', file: `${a}/connector.mdx`, pointer: '', args: ['compiling'] }),
    ]),
    target('beta', 'connectors/beta', []),
  ];

  it('records counted fingerprints per connector folder, sorted, never an internal error', () => {
    const baseline = updateBaseline(undefined, file, today, true);
    const text = serializeBaseline(baseline);
    const data = JSON.parse(text) as { plugboardBaseline: number; connectors: Record<string, Record<string, { rule: string; file: string; count: number }>> };
    expect(data.plugboardBaseline).toBe(1);
    expect(Object.keys(data.connectors)).toEqual(['connectors/alpha']);
    expect(Object.values(data.connectors['connectors/alpha']!).map((e) => [e.file, e.rule, e.count])).toEqual([
      ['actions/Get.mdx', 'x-ms-position', 1],
      ['connector.mdx', 'swagger-schema', 2],
    ]);
    // Deterministic: the same findings in another order give the same bytes.
    const reversed = [{ ...today[0]!, diagnostics: [...today[0]!.diagnostics].reverse() }, today[1]!];
    expect(serializeBaseline(updateBaseline(undefined, file, reversed, true))).toBe(text);
    writeBaseline(file, baseline);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readBaseline(file, 'baseline.json')).toEqual(baseline);
  });

  it('hides what it holds, reports what is new, counts what is fixed', () => {
    const baseline = readBaseline(file, 'baseline.json')!;
    // Reworded, and run from another directory (the files shown differently): still the same findings.
    const b = '../repo/connectors/alpha';
    const later = [
      target('alpha', b, [
        finding(b, 'swagger-schema', 'connector.mdx', '/info', ['required'], 'Reworded message'),
        finding(b, 'swagger-schema', 'connector.mdx', '/info', ['required'], 'Reworded message'),
        finding(b, 'swagger-schema', 'connector.mdx', '/info', ['required'], 'Reworded message'),
        finding(b, 'swagger-schema', 'connector.mdx', '/host', []),
      ]),
    ];
    const result = applyBaseline(baseline, file, later);
    expect(result.diagnostics[0]!.map((d) => d.pointer)).toEqual(['/info', '/host']);
    expect(result.hidden).toBe(2);
    // The x-ms-position finding is gone.
    expect(result.fixed).toBe(1);
    expect(baselineFingerprint(later[0]!.diagnostics[0]!, b)).toBe(baselineFingerprint(today[0]!.diagnostics[1]!, a));
  });

  it('keeps the entries of connectors not checked, unless every connector was', () => {
    const baseline = readBaseline(file, 'baseline.json')!;
    const onlyBeta = [target('beta', 'connectors/beta', [finding('connectors/beta', 'x-ms-value', 'connector.mdx', '/x')])];
    expect([...updateBaseline(baseline, file, onlyBeta, false).connectors.keys()]).toEqual(['connectors/alpha', 'connectors/beta']);
    expect([...updateBaseline(baseline, file, onlyBeta, true).connectors.keys()]).toEqual(['connectors/beta']);
  });

  it('refuses a file that is not a baseline, with its position', () => {
    const bad = (text: string) => {
      writeFileSync(join(dir, 'bad.json'), text);
      try {
        readBaseline(join(dir, 'bad.json'), 'bad.json');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return String((error as ConfigError).diagnostics[0]);
      }
      return 'accepted';
    };
    expect(bad('{ "plugboardBaseline": 1, "connectors": { "a": { "f": { "rule": "x", "file": "y", "count": 0 } } } }')).toBe(
      'bad.json:1:55-1:95: Expected { "rule": string, "file": string, "count": a positive whole number, "message": string } (config-invalid)',
    );
    expect(bad('{ "plugboardBaseline": 2, "connectors": {} }')).toMatch(/^bad.json:1:1-1:45: Expected a plugboard baseline/);
    expect(bad('{ "plugboardBaseline": 1,')).toMatch(/^bad.json:1:\d+-1:\d+: Not JSON/);
    expect(bad(`{ "connectors": ${'['.repeat(50_000)} }`)).toMatch(/^bad.json:1:\d+-1:\d+: Nesting deeper than a baseline has/);
    expect(readBaseline(join(dir, 'missing.json'), 'missing.json')).toBeUndefined();
  });
});

/**
 * `plugboard rules`: the catalogue from the registry in three formats, severities of a preset, and
 * --coverage of the platform's Swagger Validator codes; the pure parts on rules made by hand.
 */
import { describe, expect, it } from 'vitest';
import { coverage, formatCoverage, formatRules, ruleRows } from '../../src/cli/commands/rules.ts';
import type { Rule } from '../../src/check/define-rule.ts';
import { PLATFORM_CODES } from '../../src/check/platform-codes.ts';
import { certification } from '../../src/check/presets.ts';
import { rules } from '../../src/check/registry.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';
import { cli, tempDir } from './helpers.ts';

const rule = (id: string, platformCodes: Rule['platformCodes'] = [], severity: Rule['severity'] = 'error'): Rule => ({
  id: id as RuleId,
  area: 'operation',
  severity,
  description: `Checks ${id} | with a pipe.`,
  rationale: 'Because.',
  platformCodes,
  examples: { ok: [], notOk: [] },
});

describe('formatting', () => {
  const hand = [rule('operation-a', ['OperationIdNotUnique', 'DuplicateOperationPath']), rule('operation-bb', [], 'warning')];

  it('rows carry the preset severity, else the default', () => {
    const rows = ruleRows(hand, { ['operation-a' as RuleId]: 'off' });
    expect(rows.map((r) => [r.id, r.severity, r.fixable])).toEqual([['operation-a', 'off', false], ['operation-bb', 'warning', false]]);
  });

  it('table: aligned columns, codes in brackets, counts by level', () => {
    expect(formatRules(ruleRows(hand, {}), 'table', 'recommended')).toBe(
      'operation-a   error    operation       Checks operation-a | with a pipe. [OperationIdNotUnique, DuplicateOperationPath]\n' +
        'operation-bb  warning  operation       Checks operation-bb | with a pipe.\n' +
        '\n2 rules in the recommended preset: 1 error, 1 warning; 0 with a fix\n',
    );
  });

  it('markdown escapes pipes; json is the rows', () => {
    const md = formatRules(ruleRows(hand, {}), 'markdown', 'certification');
    expect(md.split('\n').slice(0, 3)).toEqual([
      '| Rule | Severity (certification) | Area | Fix | What it checks | Platform codes |',
      '| --- | --- | --- | --- | --- | --- |',
      '| `operation-a` | error | operation |  | Checks operation-a \\| with a pipe. | `OperationIdNotUnique`, `DuplicateOperationPath` |',
    ]);
    expect(JSON.parse(formatRules(ruleRows(hand, {}), 'json', 'recommended'))).toEqual(ruleRows(hand, {}));
  });

  it('coverage: claimed codes, offline ones, and the rest listed', () => {
    const c = coverage(hand);
    expect(c.total).toBe(Object.keys(PLATFORM_CODES).length);
    expect([...c.claimed]).toEqual([['OperationIdNotUnique', 'operation-a'], ['DuplicateOperationPath', 'operation-a']]);
    const offline = Object.entries(PLATFORM_CODES).filter(([, v]) => 'offline' in v).length;
    expect(c.offline.size).toBe(offline);
    expect(c.unclaimed).toHaveLength(c.total - 2 - offline);
    expect(c.unclaimed).not.toContain('OperationIdNotUnique');
    const text = formatCoverage(c, 'table');
    expect(text.split('\n')[0]).toBe(`2 of ${c.total} Swagger Validator codes are covered by a rule; ${offline} cannot be checked from the files (offline); ${c.unclaimed.length} of the ${c.total - offline} checkable ones are not covered yet.`);
    expect(text).toContain('\nNot covered yet:\n  ');
    expect(JSON.parse(formatCoverage(c, 'json'))).toMatchObject({ total: c.total, covered: 2, unclaimed: c.unclaimed });
  });
});

describe('plugboard rules', () => {
  const dir = tempDir();

  it('lists every rule of the registry, with its default severity', () => {
    const r = cli(['rules', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; severity: string; fixable: boolean }>;
    expect(rows.map((x) => x.id)).toEqual(rules.map((x) => x.id));
    expect(rows.map((x) => x.severity)).toEqual(rules.map((x) => x.severity));
    expect(rows.find((x) => x.id === 'frontmatter-unknown-key')?.fixable).toBe(true);
    const table = cli(['rules'], dir).stdout;
    expect(table.trimEnd().split('\n')).toHaveLength(rules.length + 2);
    expect(table).toMatch(new RegExp(`\\n${rules.length} rules in the recommended preset: `));
  });

  it('--preset certification gives that preset\'s severities', () => {
    const rows = JSON.parse(cli(['rules', '--preset', 'certification', '--format', 'json'], dir).stdout) as Array<{ id: RuleId; severity: string }>;
    for (const row of rows) expect(row.severity, row.id).toBe(certification[row.id] ?? rules.find((x) => x.id === row.id)!.severity);
  });

  it('--coverage counts the codes the registry claims', () => {
    const claimed = new Set(rules.flatMap((x) => x.platformCodes ?? []));
    const r = cli(['rules', '--coverage', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { total: number; covered: number; unclaimed: string[]; offline: Record<string, string> };
    expect(c.total).toBe(174);
    expect(c.covered).toBe(claimed.size);
    expect(c.covered + c.unclaimed.length + Object.keys(c.offline).length).toBe(174);
    expect(cli(['rules', '--coverage'], dir).stdout).toMatch(new RegExp(`^${claimed.size} of 174 Swagger Validator codes are covered by a rule; `));
  });

  it('refuses an unknown format, preset or argument (exit 2)', () => {
    expect(cli(['rules', '--format', 'yaml'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format takes table, json or markdown, not `yaml`') });
    expect(cli(['rules', '--preset', 'strict'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--preset takes recommended or certification') });
    expect(cli(['rules', 'x'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('unexpected argument `x`') });
    expect(cli(['rulez'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('Did you mean `rules`?') });
  });
});

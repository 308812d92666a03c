/** The one reporter and its presets: severity comes from the active preset, else the rule's default. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDER } from '../../src/check/import-examples.ts';
import { importSource } from '../../src/import/index.ts';
import { GET_ITEM, CONNECTOR } from '../../src/check/examples.ts';
import { certification, recommended, strictImport } from '../../src/check/presets.ts';
import { rules } from '../../src/check/registry.ts';
import { createReporter, report } from '../../src/check/reporter.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { ruleUrl } from '../../src/check/define-rule.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { RULE_DEFAULTS } from '../../src/core/rule-ids.ts';

// An operationId used twice (a check) and an ftp link in the readme (the compiler's own finding).
const files = {
  'connector.mdx': `${CONNECTOR}\nSee [the files](ftp://files.contoso.com/).\n`,
  'actions/GetItem.mdx': GET_ITEM,
  'actions/GetOther.mdx': GET_ITEM.replace('request: GET /items/{id}', 'request: GET /other/{id}\noperationId: GetItem'),
};
const lines = (preset = recommended) =>
  compileAndCheck(connectorFromFiles('example', files), { preset }).diagnostics.map((d) => `${d.severity} ${d.ruleId}`).sort();

describe('presets', () => {
  it('recommended is every rule at its default', () => {
    expect(Object.keys(recommended)).toEqual(rules.map((r) => r.id));
    for (const rule of rules) expect(recommended[rule.id]).toBe(rule.severity);
    // certification names every rule too: its own levels over the defaults.
    expect(Object.keys(certification).sort()).toEqual(Object.keys(recommended).sort());
    expect(Object.values(certification).every((level) => ['error', 'warning', 'info', 'off'].includes(level!))).toBe(true);
  });

  it('change a severity and turn a rule off, for checks and compiler findings alike', () => {
    expect(lines()).toEqual(['error operation-id-unique', 'warning mdx-link-scheme']);
    expect(lines({ ...recommended, 'operation-id-unique': 'warning', 'mdx-link-scheme': 'error' })).toEqual(['error mdx-link-scheme', 'warning operation-id-unique']);
    expect(lines({ ...recommended, 'operation-id-unique': 'off' })).toEqual(['warning mdx-link-scheme']);
    expect(lines({ ...recommended, 'mdx-link-scheme': 'off' })).toEqual(['error operation-id-unique']);
  });

  it('--strict makes every approximation of an import an error', () => {
    for (const id of ['import-approximated', 'import-dropped', 'import-unsupported-auth'] as const) {
      expect(RULE_DEFAULTS[id]).toBe('warning');
      expect(strictImport[id]).toBe('error');
    }
  });
});

describe('the reporter', () => {
  const finding = { ruleId: 'x-ms-value', message: 'Unexpected value', file: 'a.mdx', pointer: '/a', args: ['x-ms-visibility'] } as const;

  it('stamps severity, docs URL and a fingerprint of rule id, file, pointer and args', () => {
    const d = report(finding);
    expect(d).toMatchObject({ ruleId: 'x-ms-value', severity: 'error', url: ruleUrl('x-ms-value'), args: ['x-ms-visibility'] });
    expect(report({ ...finding, message: 'Reworded entirely' }).fingerprint).toBe(d.fingerprint);
    expect(report({ ...finding, args: ['x-ms-summary'] }).fingerprint).not.toBe(d.fingerprint);
    expect(report({ ...finding, pointer: '/b' }).fingerprint).not.toBe(d.fingerprint);
  });

  it('takes only rule ids of the registry: a misspelt one fails the typecheck', () => {
    const misspelt = () =>
      report({
        // @ts-expect-error `x-ms-valeu` is no rule id (RuleId, src/core/rule-ids.ts)
        ruleId: 'x-ms-valeu',
        message: 'Unexpected value',
        file: 'a.mdx',
        args: [],
      });
    expect(typeof misspelt).toBe('function');
  });

  it('reports nothing for a rule its preset turns off', () => {
    expect(createReporter({ 'x-ms-value': 'off' })(finding)).toBeUndefined();
    expect(createReporter({ 'x-ms-value': 'info' })(finding)?.severity).toBe('info');
    expect(createReporter({})(finding)?.severity).toBe('error');
  });
});

describe('importers report through it too', () => {
  it('a readme the MDX escaping changes is an approximation: a warning, as its rule declares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plugboard-reporter-'));
    try {
      for (const [name, text] of Object.entries({ ...FOLDER, 'readme.md': 'Write `a` or a literal \\{ here.\n' })) writeFileSync(join(dir, name), text);
      const found = importSource(dir, { display: 'input' }).diagnostics.filter((d) => /readme/.test(d.message));
      expect(found.map((d) => `${d.severity} ${d.ruleId} ${d.file}`)).toEqual(['warning import-approximated input/readme.md']);
      expect(found[0]!.severity).toBe(RULE_DEFAULTS['import-approximated']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

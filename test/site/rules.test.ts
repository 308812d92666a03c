/**
 * The rule pages' data (src/site/rules.ts): one page per rule of the registry, made from the rule
 * itself (description, rationale, severities, platform codes, examples), and the inline code of
 * the texts. The pages themselves are src/pages/rules/.
 */
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/check/define-rule.ts';
import { rules } from '../../src/check/registry.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';
import { catalogueFigures, inlineCode, rulePage, rulePagePath, rulePages, rulesByArea } from '../../src/site/rules.ts';

describe('inlineCode', () => {
  it('splits code between backticks from text', () => {
    expect(inlineCode('Unexpected `x-ms-sumary`, did you mean `x-ms-summary`?')).toEqual([
      { code: false, text: 'Unexpected ' },
      { code: true, text: 'x-ms-sumary' },
      { code: false, text: ', did you mean ' },
      { code: true, text: 'x-ms-summary' },
      { code: false, text: '?' },
    ]);
  });

  it('keeps an unpaired backtick as text', () => {
    expect(inlineCode('a `b` c ` d')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b' },
      { code: false, text: ' c ` d' },
    ]);
    expect(inlineCode('')).toEqual([]);
  });
});

describe('rule pages', () => {
  const pages = rulePages();

  it('has one page per rule of the registry, in its order, each with its examples', () => {
    expect(pages.map((p) => p.id)).toEqual(rules.map((r) => r.id));
    for (const [i, page] of pages.entries()) {
      const rule = rules[i]!;
      expect(page.severities[0]).toEqual({ preset: 'recommended', level: rule.severity });
      expect(page.ok).toHaveLength(rule.examples.ok.length);
      expect(page.notOk.map((e) => e.output)).toEqual(rule.examples.notOk.map((e) => e.output));
      expect(page.summary).not.toContain('`');
    }
  });

  it('shows a special example entry as what it is, not as text', () => {
    const rule: Rule = {
      id: 'connector-file-unsafe' as RuleId,
      area: 'connector',
      severity: 'error',
      description: 'A `file`.',
      rationale: 'Why.',
      platformCodes: ['OperationIdNotUnique'],
      examples: { ok: [{ 'connector.mdx': '---\n---\n' }], notOk: [{ files: { 'connector.mdx': '---\n---\n', 'icon.png': { symlink: '/etc/passwd' } }, output: ['icon.png:1:1: x (connector-file-unsafe)'] }] },
    };
    const page = rulePage(rule);
    expect(page.notOk[0]!.files).toEqual([
      { path: 'connector.mdx', text: '---\n---\n', special: false },
      { path: 'icon.png', text: 'a symbolic link to /etc/passwd', special: true },
    ]);
    expect(page.platformCodes).toEqual([{ name: 'OperationIdNotUnique', group: 'Operations' }]);
    expect(page.description).toEqual([{ code: false, text: 'A ' }, { code: true, text: 'file' }, { code: false, text: '.' }]);
  });

  it('groups by area and counts the catalogue', () => {
    const groups = rulesByArea(pages);
    expect(groups.map((g) => g.area)).toEqual([...new Set(rules.map((r) => r.area))].sort());
    expect(groups.flatMap((g) => g.rules)).toHaveLength(rules.length);
    const figures = catalogueFigures(pages);
    expect(figures).toMatchObject({ rules: rules.length, totalCodes: 174, codes: new Set(rules.flatMap((r) => r.platformCodes ?? [])).size });
    expect(figures.fixable).toBe(pages.filter((p) => p.fixable).length);
    expect(pages.find((p) => p.id === 'frontmatter-unknown-key')?.fixable).toBe(true);
  });

  it('links a known rule id to its page, and nothing else', () => {
    expect(rulePagePath('frontmatter-yaml')).toBe('/rules/frontmatter-yaml/');
    expect(rulePagePath('no-such-rule')).toBeUndefined();
  });
});

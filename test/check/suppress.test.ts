/**
 * Disable comments in front-matter (src/check/suppress.ts), beyond the rule's examples: which line
 * `disable-next-line` covers, lists of rules, a whole file, presets that turn the rule off, and a
 * compile a YAML error stopped.
 */
import { describe, expect, it } from 'vitest';
import { CONNECTOR, getItemWithId, mdx } from '../../src/check/examples.ts';
import { recommended } from '../../src/check/presets.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { disableComments, parseDirective } from '../../src/check/suppress.ts';
import { SourceFile } from '../../src/core/source-file.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';

function check(action: string, preset = recommended): string[] {
  return compileAndCheck(connectorFromFiles('example', { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': action }), { preset })
    .diagnostics.filter((d) => d.ruleId === 'frontmatter-unknown-key' || d.ruleId === 'frontmatter-unused-disable')
    .map(String);
}

describe('disable comments', () => {
  it('parses the directive, its rules and its reason', () => {
    expect(parseDirective(' plugboard-disable-next-line a-b, c-d  e-f -- the API -- says so')).toEqual({ kind: 'next-line', rules: ['a-b', 'c-d', 'e-f'], reason: 'the API -- says so' });
    expect(parseDirective('plugboard-disable a-b--c')).toEqual({ kind: 'file', rules: ['a-b--c'], reason: undefined });
    expect(parseDirective(' an ordinary comment about plugboard-disable')).toBeUndefined();
  });

  it('disable-next-line covers the next line only', () => {
    const action = getItemWithId('    # plugboard-disable-next-line frontmatter-unknown-key -- legacy', '    sumary: Item ID', '    descripton: The ID.');
    expect(check(action)).toEqual(['actions/GetItem.mdx:9:5-9:15: Unexpected key `descripton` in a parameter, did you mean `description`? (frontmatter-unknown-key)']);
  });

  it('a file-wide comment covers every line of its file, and names several rules', () => {
    const action = getItemWithId('    sumary: Item ID', '    descripton: The ID.').replace('---\n', '---\n# plugboard-disable x-ms-position, frontmatter-unknown-key\n');
    // x-ms-position hid nothing: reported; frontmatter-unknown-key hid both.
    expect(check(action)).toEqual(['actions/GetItem.mdx:2:1-2:59: Unused disable comment: `x-ms-position` reports nothing in this file; remove it (frontmatter-unused-disable)']);
  });

  it('leaves a comment for a rule the preset turns off alone, and can itself be turned off', () => {
    const action = getItemWithId('    # plugboard-disable-next-line x-ms-position', '    summary: Item ID');
    expect(check(action)).toEqual(['actions/GetItem.mdx:7:5-7:48: Unused disable comment: `x-ms-position` reports nothing on the next line; remove it (frontmatter-unused-disable)']);
    expect(check(action, { ...recommended, 'x-ms-position': 'off' })).toEqual([]);
    expect(check(action, { ...recommended, 'frontmatter-unused-disable': 'off' })).toEqual([]);
  });

  it('reports nothing unused when a YAML error stopped the compile before the checks', () => {
    const action = mdx(['# plugboard-disable-next-line x-ms-position', 'request: GET /items', 'summary: [unclosed']);
    const all = compileAndCheck(connectorFromFiles('example', { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': action })).diagnostics;
    expect(all.map((d) => d.ruleId)).toContain('frontmatter-yaml');
    expect(all.filter((d) => d.ruleId === 'frontmatter-unused-disable')).toEqual([]);
  });

  it('reads no directive from a string value or the MDX body', () => {
    const action = `${getItemWithId("    summary: 'Item ID # plugboard-disable-next-line frontmatter-unknown-key'", '    sumary: x')}\n# plugboard-disable frontmatter-unknown-key\n`;
    expect(check(action)).toEqual(['actions/GetItem.mdx:8:5-8:11: Unexpected key `sumary` in a parameter, did you mean `summary`? (frontmatter-unknown-key)']);
  });

  it('reads no comment from a front-matter nested past the parse limit (source-limit stops its compile)', () => {
    const started = performance.now();
    expect(disableComments(new SourceFile('a.mdx', `---\n# plugboard-disable x-ms-position\nsummary: ${'['.repeat(200_000)}\n---\n`))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stays cheap on a front-matter of many comments', () => {
    const lines = Array.from({ length: 20_000 }, () => '# plugboard-disable-next-line x-ms-position');
    const started = performance.now();
    const found = check(mdx([...lines, 'request: GET /items', 'summary: List items', 'responses:', "  '200':", '    description: OK']));
    // At most 1,000 comments of a file are read as directives.
    expect(found).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

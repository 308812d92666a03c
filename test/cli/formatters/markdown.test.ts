import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, cell, codeSpan, markdown } from '../../../src/cli/formatters/markdown.ts';
import { hostile, plain, varied } from './diagnostics.ts';

const ctx = { color: false, command: 'check' };

/** The cells of a table row: split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe('markdown', () => {
  it('is a comment grouped by connector: counts, then a table per connector', () => {
    const docs = 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md';
    expect(markdown(plain, ctx)).toBe(
      [
        '<!-- plugboard:check -->',
        '## plugboard check: 2 errors, 1 warning, 1 info',
        '',
        'In 2 connectors.',
        '',
        '### `a`: 2 errors, 1 warning',
        '',
        '| | Where | Message | Rule |',
        '| :-: | --- | --- | --- |',
        '| ❌ | `connectors/a/actions/Get.mdx:4:3` | Duplicate operationId `GetItem` | [`operation-id-unique`][operation-id-unique] |',
        '| ❌ | `connectors/a/connector.mdx:3:7` | Invalid YAML: bad indentation of a mapping entry | [`frontmatter-yaml`][frontmatter-yaml] |',
        '| ⚠️ | `connectors/a/connector.mdx:12:11` | Summary ends with a period | [`operation-summary`][operation-summary] |',
        '',
        '### `b`: 1 info',
        '',
        '| | Where | Message | Rule |',
        '| :-: | --- | --- | --- |',
        '| ℹ️ | `connectors/b/actions/GetItem.mdx:1:1` | Consider `x-ms-visibility` | [`x-ms-value`][x-ms-value] |',
        '',
        `[operation-id-unique]: ${docs}#operation-id-unique`,
        `[frontmatter-yaml]: ${docs}#frontmatter-yaml`,
        `[operation-summary]: ${docs}#operation-summary`,
        `[x-ms-value]: ${docs}#x-ms-value`,
        '',
      ].join('\n'),
    );
  });

  it('puts connectors with errors first', () => {
    const out = markdown([plain[0]!, plain[1]!, varied(plain[2]!, { file: 'connectors/z/connector.mdx' })], ctx);
    expect([...out.matchAll(/^### (.*)$/gm)].map((m) => m[1])).toEqual(['`z`: 1 error', '`a`: 1 warning', '`b`: 1 info']);
  });

  it('groups by the connector the run says, and takes a title', () => {
    const out = markdown(plain.slice(1, 2), { ...ctx, command: 'diff', title: 'Changes to flows', connectorOf: () => 'Contoso Tickets' });
    expect(out.split('\n').slice(0, 4)).toEqual(['<!-- plugboard:diff -->', '## Changes to flows: 1 warning', '', '### `Contoso Tickets`: 1 warning']);
  });

  it('says so when there is nothing', () => {
    expect(markdown([], ctx)).toBe('<!-- plugboard:check -->\n## ✅ plugboard check: no problems\n');
  });

  it('escapes what a message could inject: HTML, pipes, mentions, links, emphasis', () => {
    expect(cell('<script>alert(1)</script> a|b @octocat & *x* _y_ [z](javascript:alert(1)) #1 \\')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; a\\|b @\u200Doctocat &amp; \\*x\\* \\_y\\_ \\[z\\](javascript:alert(1)) \\#1 \\\\',
    );
    // Code stays code (HTML in it is inert), its pipes escaped for the table; line breaks become spaces.
    expect(cell('Use `a|<b>`\nnext line')).toBe('Use `a\\|<b>` next line');
    // A lone backtick opens nothing.
    expect(cell('a ` b')).toBe('a \\` b');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
  });

  it('keeps every hostile row one row of four cells, and is golden', async () => {
    const out = markdown([...hostile, ...plain], ctx);
    expect(out).not.toMatch(/<script|@octocat|\u001b/);
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |') && !l.startsWith('| :-:'));
    expect(rows).toHaveLength(hostile.length + plain.length);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    // The 6,000-character message is cut to 1,000.
    expect(rows.find((r) => r.includes('Long:'))!.length).toBeLessThan(1300);
    expect(markdown([...plain, ...hostile].reverse(), ctx)).toBe(out);
    await expect(out).toMatchFileSnapshot('golden/markdown.md');
  });

  it('folds a connector of more than 10 findings in <details>', () => {
    const many = Array.from({ length: 11 }, (_, i) => varied(plain[1]!, { args: [String(i)] }));
    const out = markdown(many, ctx);
    expect(out).toContain('### `a`: 11 warnings\n\n<details>\n<summary>11 findings</summary>\n\n| | Where | Message | Rule |\n');
    expect(out).toContain('\n</details>\n\n[operation-summary]: ');
  });

  it('stays under GitHub\'s comment limit and says how many it left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      varied(plain[1]!, { file: `connectors/c${Math.floor(i / 100)}/connector.mdx`, message: 'x'.repeat(200), args: [String(i)] }),
    );
    const out = markdown(many, ctx);
    expect(out.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    const shown = out.split('\n').filter((l) => l.startsWith('| ⚠️')).length;
    expect(shown).toBeGreaterThan(100);
    expect(out).toContain(`\n_${3000 - shown} more findings left out: a comment holds at most 65,536 characters.`);
    // Every <details> opened is closed.
    expect(out.split('<details>').length).toBe(out.split('</details>').length);
  });
});

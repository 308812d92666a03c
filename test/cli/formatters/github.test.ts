import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, github } from '../../../src/cli/formatters/github.ts';
import { hostile, plain, varied } from './diagnostics.ts';

const ctx = { color: false, cwd: '/repo', root: '/repo' };

describe('github', () => {
  it('escapes data and properties as the runner parses them', () => {
    expect(escapeData('100% a:b, c\r\nnext')).toBe('100%25 a:b, c%0D%0Anext');
    expect(escapeProperty('100% a:b, c\r\nnext')).toBe('100%25 a%3Ab%2C c%0D%0Anext');
    // `%` first: an escape already in the text is not decoded into the character it names.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one command per diagnostic: level, place, rule id as title; sorted', () => {
    expect(github(plain, ctx)).toBe(
      [
        '::error file=connectors/a/actions/Get.mdx,line=4,col=3,endLine=4,endColumn=10,title=operation-id-unique::Duplicate operationId `GetItem`',
        '::error file=connectors/a/connector.mdx,line=3,col=7,endLine=3,endColumn=7,title=frontmatter-yaml::Invalid YAML: bad indentation of a mapping entry',
        '::warning file=connectors/a/connector.mdx,line=12,col=11,endLine=12,endColumn=20,title=operation-summary::Summary ends with a period',
        '::notice file=connectors/b/actions/GetItem.mdx,title=x-ms-value::Consider `x-ms-visibility`%0AShown in the designer.',
        '',
      ].join('\n'),
    );
  });

  it('gives paths relative to the repository root, from a subfolder too', () => {
    const out = github(plain.slice(1, 2), { color: false, cwd: '/repo/sub', root: '/repo' });
    expect(out).toMatch(/^::warning file=sub\/connectors\/a\/connector.mdx,line=12,/);
  });

  it('lets no hostile message forge a second command or break a property', () => {
    const out = github(hostile, ctx);
    const lines = out.split('\n').slice(0, -1);
    expect(lines).toHaveLength(hostile.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:,]+(,[a-zA-Z]+=[^:,]+)*::[^\r\n]*$/);
    expect(lines[0]).toBe(
      '::error file=connectors/odd%2C name/actions/Get%3AIt.mdx,line=2,col=1,endLine=2,endColumn=4,title=x-ms-value::' +
        'Bad value 100%25 sure, a:b%0A::error file=evil.ts::forged%0D%0A<script>alert(1)</script> | col | `a|b` @octocat & #1 *x* _y_ [z](javascript:alert(1)) \uFFFD[31mred\uFFFD[0m \u202Eevil',
    );
    // The 6,000-character message is cut to 4,000.
    expect(lines[2]!.length).toBeLessThan(4200);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });

  it('is golden and deterministic', async () => {
    const out = github([...hostile, ...plain], ctx);
    expect(github([...plain, ...hostile].reverse(), ctx)).toBe(out);
    await expect(out).toMatchFileSnapshot('golden/github.txt');
  });

  it('gives no columns to an annotation over several lines', () => {
    const d = varied(plain[1]!, { place: { start: { line: 20, column: 14 }, end: { line: 600, column: 8 } } });
    expect(github([d], ctx)).toBe('::warning file=connectors/a/connector.mdx,line=20,endLine=600,title=operation-summary::Summary ends with a period\n');
  });

  it('says nothing when there is nothing to say', () => {
    expect(github([], ctx)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { Diagnostic, type Severity } from '../../src/core/diagnostic.ts';
import { closestMatch, didYouMean, problemsSummary } from '../../src/cli/util.ts';
import { plural } from '../../src/core/plural.ts';

const diagnostic = (severity: Severity) =>
  new Diagnostic({ ruleId: 'frontmatter-yaml', severity, message: 'x', file: 'connectors/a/connector.mdx', place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, url: 'https://example.com/rules#frontmatter-yaml', args: [] });

describe('CLI words', () => {
  it('puts every count in the right number', () => {
    expect([0, 1, 2].map((n) => plural(n, 'connector'))).toEqual(['0 connectors', '1 connector', '2 connectors']);
    expect(plural(1, 'file is', 'files are')).toBe('1 file is');
    expect(problemsSummary([])).toBe('no problems');
    expect(problemsSummary([diagnostic('error')])).toBe('1 error, 0 warnings');
    expect(problemsSummary([diagnostic('error'), diagnostic('error'), diagnostic('warning'), diagnostic('info')])).toBe('2 errors, 1 warning, 1 info');
  });

  it('suggests a close candidate only', () => {
    expect(closestMatch('chek', ['build', 'check', 'new'])).toBe('check');
    expect(closestMatch('--fromat', ['--format', '--jobs'])).toBe('--format');
    expect(closestMatch('CHECK', ['check'])).toBe('check');
    expect(closestMatch('frobnicate', ['check', 'build'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
    expect(didYouMean('inti', ['init', 'new'])).toBe('. Did you mean `init`?');
    expect(didYouMean('zzz', ['init'])).toBe('');
  });
});

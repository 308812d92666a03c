/**
 * The fixers and the edit machinery of `check --fix` (src/check/fix.ts), on diagnostics made by hand:
 * what is fixed, what is declined (anything unsure), and the unified diff of the dry run. The CLI and
 * golden folders are test/cli/fix.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits, collectFixes, FIXERS, summaryFromOperationId, unifiedDiff, type TextEdit } from '../../src/check/fix.ts';
import { ruleById } from '../../src/check/registry.ts';
import { Diagnostic } from '../../src/core/diagnostic.ts';
import type { RuleId } from '../../src/core/rule-ids.ts';

const FILE = 'connectors/a/actions/GetItem.mdx';

function finding(ruleId: RuleId, pointer: string, message: string, file = FILE): Diagnostic {
  return new Diagnostic({ ruleId, severity: 'error', message, file, pointer, url: '', args: [] });
}

/** The text after the fixes of `diagnostics` on `text`. */
function fixed(text: string, ...diagnostics: Diagnostic[]): string {
  const fixes = collectFixes(diagnostics, (f) => (f === FILE ? text : undefined));
  return applyEdits(text, fixes.flatMap((f) => f.edits));
}

const unknownKey = (pointer: string, key: string, hint: string) => finding('frontmatter-unknown-key', pointer, `Unexpected key \`${key}\` in a parameter, did you mean \`${hint}\`?`);

describe('fixers', () => {
  it('are keyed by rules that exist', () => {
    for (const id of Object.keys(FIXERS)) expect(ruleById(id), id).toBeDefined();
  });

  it('rename a misspelt key to the one suggestion, keeping comments and layout', () => {
    const text = '---\n# keep\nparameters:\n  id:\n    sumary: Item ID   # and this\n---\nbody\n';
    expect(fixed(text, unknownKey('/parameters/id/sumary', 'sumary', 'summary'))).toBe('---\n# keep\nparameters:\n  id:\n    summary: Item ID   # and this\n---\nbody\n');
  });

  it('decline a rename without one suggestion, onto a key or twin that is there, or of a quoted key', () => {
    const text = "---\nparameters:\n  id:\n    sumary: A\n    x-ms-summary: B\n  q:\n    'sumary': C\n  r:\n    descripton: D\n---\n";
    expect(fixed(text, unknownKey('/parameters/id/sumary', 'sumary', 'summary'))).toBe(text);
    expect(fixed(text, unknownKey('/parameters/q/sumary', 'sumary', 'summary'))).toBe(text);
    expect(fixed(text, finding('frontmatter-unknown-key', '/parameters/r/descripton', 'Unexpected key `descripton` in a parameter'))).toBe(text);
    // A message whose key is not the one at the pointer.
    expect(fixed(text, unknownKey('/parameters/r/descripton', 'other', 'description'))).toBe(text);
  });

  it('make only one of two renames that would set one output key', () => {
    const text = '---\nparameters:\n  id:\n    sumary: A\n    x-ms-sumary: B\n---\n';
    const out = fixed(text, unknownKey('/parameters/id/sumary', 'sumary', 'summary'), finding('x-ms-position', '/parameters/id/x-ms-sumary', 'Unknown extension `x-ms-sumary` in a path parameter, did you mean `x-ms-summary`?'));
    expect(out).toBe('---\nparameters:\n  id:\n    summary: A\n    x-ms-sumary: B\n---\n');
  });

  it('lower the case of a visibility in its own quoting, and decline what is not a visibility', () => {
    const visibility = (pointer: string) => finding('frontmatter-value', pointer, 'Unexpected value for `visibility`');
    const text = "---\nvisibility: Internal\nparameters:\n  a:\n    visibility: 'Advanced'\n  b:\n    visibility: Hidden\n  c:\n    visibility: |\n      Internal\n---\n";
    expect(fixed(text, visibility('/visibility'), visibility('/parameters/a/visibility'), visibility('/parameters/b/visibility'), visibility('/parameters/c/visibility'))).toBe(
      "---\nvisibility: internal\nparameters:\n  a:\n    visibility: 'advanced'\n  b:\n    visibility: Hidden\n  c:\n    visibility: |\n      Internal\n---\n",
    );
    // Only at a visibility key.
    expect(fixed('---\ntitle: Internal\n---\n', finding('frontmatter-value', '/title', 'x'))).toBe('---\ntitle: Internal\n---\n');
  });

  it('take a final period, colon or white space off a summary, and leave ? and ! alone', () => {
    const summary = (text: string) => fixed(text, finding('summary-trailing-punctuation', '/summary', 'Unexpected'));
    expect(summary('---\nsummary: List items.\n---\n')).toBe('---\nsummary: List items\n---\n');
    expect(summary('---\nsummary: "List items: "\n---\n')).toBe('---\nsummary: "List items"\n---\n');
    expect(summary('---\nsummary: List items (V2).\n---\n')).toBe('---\nsummary: List items (V2)\n---\n');
    expect(summary('---\nsummary: Delete it?\n---\n')).toBe('---\nsummary: Delete it?\n---\n');
    expect(summary('---\nsummary: Items!.\n---\n')).toBe('---\nsummary: Items!.\n---\n');
    expect(summary('---\nsummary: ...\n---\n')).toBe('---\nsummary: ...\n---\n');
    // ` #` starts a comment: the value is `Call`, which needs no fix.
    expect(summary('---\nsummary: Call #.\n---\n')).toBe('---\nsummary: Call #.\n---\n');
  });

  it('add a summary made from the operationId after `request:`, at its indentation, and decline raw or flow operations', () => {
    const missing = (pointer: string, id: string) => finding('operation-summary-missing', pointer, `Missing the summary of operation \`${id}\`; the designer shows its operationId instead`);
    expect(fixed('---\nrequest: GET /items  # all of them\nresponses: {}\n---\n', missing('', 'ListOpenItems_V2'))).toBe('---\nrequest: GET /items  # all of them\nsummary: List open items\nresponses: {}\n---\n');
    expect(fixed('---\nactions:\n  - request: GET /x\n    responses: {}\n---\n', missing('/actions/0', 'GetHTTPStatus'))).toBe('---\nactions:\n  - request: GET /x\n    summary: Get HTTP status\n    responses: {}\n---\n');
    expect(fixed('---\r\nrequest: GET /x\r\n---\r\n', missing('', 'getItems'))).toBe('---\r\nrequest: GET /x\r\nsummary: Get items\r\n---\r\n');
    // Declined: a summary twin is there, no sugar `request`, a flow map, a request over two lines.
    for (const text of ['---\nrequest: GET /x\nx-ms-summary: X\n---\n', '---\nget:\n  operationId: X\n---\n', '---\nactions:\n  - { request: GET /x }\n---\n', "---\nrequest: 'GET\n  /x'\n---\n"]) {
      expect(fixed(text, missing(text.includes('actions') ? '/actions/0' : '', 'GetX'))).toBe(text);
    }
    expect(summaryFromOperationId('ListOpenTasks_V2')).toBe('List open tasks');
    expect(summaryFromOperationId('search.query_items')).toBe('Search query items');
  });

  it('fix nothing in a file that is not MDX, cannot be read, or whose front-matter does not parse', () => {
    const d = unknownKey('/a/sumary', 'sumary', 'summary');
    expect(collectFixes([finding('frontmatter-unknown-key', '/a', d.message, 'connectors/a/apiDefinition.swagger.json')], () => '{}')).toEqual([]);
    expect(collectFixes([d], () => undefined)).toEqual([]);
    expect(collectFixes([d], () => '---\na: [\n  sumary: 1\n---\n')).toEqual([]);
    expect(collectFixes([finding('frontmatter-unknown-key', 'not a pointer', d.message)], () => '---\na: 1\n---\n')).toEqual([]);
  });

  it('never return two overlapping fixes in one pass', () => {
    const d = finding('summary-trailing-punctuation', '/summary', 'x');
    const fixes = collectFixes([d, d], () => '---\nsummary: A.\n---\n');
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatchObject({ ruleId: 'summary-trailing-punctuation', file: FILE, description: 'Removed `.` at the end of the summary' });
  });
});

describe('applyEdits and unifiedDiff', () => {
  const edit = (text: string, find: string, replacement: string): TextEdit => {
    const start = text.indexOf(find);
    return { file: 'f.mdx', start, end: start + find.length, replacement };
  };

  it('apply edits from the end, whatever their order', () => {
    const text = 'one two three';
    expect(applyEdits(text, [edit(text, 'one', '1'), edit(text, 'three', '3333'), edit(text, 'two', '')])).toBe('1  3333');
  });

  it('gives hunks with three lines of context, merged when close, separate when far', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const text = lines.join('\n') + '\n';
    const diff = unifiedDiff('f.mdx', text, [edit(text, 'line 2\n', 'two\n'), edit(text, 'line 5\n', 'five\n'), edit(text, 'line 18', 'eighteen')]);
    expect(diff).toBe(
      [
        '--- a/f.mdx',
        '+++ b/f.mdx',
        '@@ -1,8 +1,8 @@',
        ' line 1',
        '-line 2',
        '+two',
        ' line 3',
        ' line 4',
        '-line 5',
        '+five',
        ' line 6',
        ' line 7',
        ' line 8',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+eighteen',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('marks a last line without a line ending, and shows an inserted line', () => {
    const text = 'a\nb';
    expect(unifiedDiff('f.mdx', text, [edit(text, 'b', 'B')])).toBe('--- a/f.mdx\n+++ b/f.mdx\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n');
    const inserted = 'a\nb\n';
    // Inserted at the start of a line: added lines only, the line after it is context.
    expect(unifiedDiff('f.mdx', inserted, [{ file: 'f.mdx', start: 2, end: 2, replacement: 'new\n' }])).toBe('--- a/f.mdx\n+++ b/f.mdx\n@@ -1,2 +1,3 @@\n a\n+new\n b\n');
    expect(unifiedDiff('f.mdx', inserted, [{ file: 'f.mdx', start: 0, end: 0, replacement: 'new\n' }])).toBe('--- a/f.mdx\n+++ b/f.mdx\n@@ -1,2 +1,3 @@\n+new\n a\n b\n');
    expect(unifiedDiff('f.mdx', inserted, [{ file: 'f.mdx', start: 4, end: 4, replacement: 'new\n' }])).toBe('--- a/f.mdx\n+++ b/f.mdx\n@@ -1,2 +1,3 @@\n a\n-b\n+b\n+new\n');
  });
});

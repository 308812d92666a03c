/**
 * Hostile input to the site and to what it writes as code: unsafe names (connector ids,
 * operationIds), MDX bodies with each construct that could run, Power Fx identifiers, the readme
 * written from a body, and page data that must hold text (escaped once, by the page).
 * The browser side is test/e2e/hostile.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../../src/check/examples.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { mdxBodyFindings, urlPolicy } from '../../src/compiler/passes/mdx-body.ts';
import { markdownToMdx, mdxToMarkdown } from '../../src/compiler/readme.ts';
import { reservedNameReason, unsafeNameReason } from '../../src/core/url-name.ts';
import { renderBody } from '../../src/site/body.ts';
import { card } from '../../src/site/catalogue.ts';
import { failedSiteConnector } from '../../src/site/connectors.ts';
import { fxIdentifier, fxText, powerFxName } from '../../src/site/operations.ts';

const action = (operationId: string, path = '/things') => mdx([`operationId: ${JSON.stringify(operationId)}`, `request: GET ${path}`, 'summary: Things', 'responses:', "  '200':", '    description: OK']);
const findings = (id: string, files: Record<string, string>, rule: string) =>
  compileAndCheck(connectorFromFiles(id, files)).diagnostics.filter((d) => d.ruleId === rule).map(String);

describe('names', () => {
  it('keeps every name real connectors use', () => {
    for (const name of ['github-issues', 'Office365Users', 'shared_sql', 'v2.1', 'Get_Item~beta', '_private', 'a'.repeat(128)]) expect(unsafeNameReason(name), name).toBeUndefined();
  });

  it.each([
    ['a/b', '`/`'], ['a\\b', '`\\`'], ['a?b', '`?`'], ['a#b', '`#`'], ['100%', '`%`'], ['a\u0000b', 'control character'], ['a\u202eb', 'control character'],
    ['a b', 'whitespace'], ['a\u00a0b', 'whitespace'], ['.', 'names a folder'], ['..', 'names a folder'], ['.env', 'starts with a dot'], ['', 'empty'], ['a'.repeat(129), 'longer than 128'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(unsafeNameReason(name)).toContain(reason);
  });

  it('refuses operationIds that name a connector file or the zip, ignoring case', () => {
    for (const name of ['index.html', 'INDEX.HTML', 'apiDefinition.swagger.json', 'apiproperties.json', 'readme.md', 'icon.png', 'script.csx', 'contoso.zip']) expect(reservedNameReason(name), name).toBeDefined();
    expect(reservedNameReason('GetIndex')).toBeUndefined();
  });

  it('reports an unsafe connector id and unsafe or colliding operationIds from check', () => {
    expect(findings('bad%20id', { 'connector.mdx': CONNECTOR }, 'connector-id-unsafe')).toEqual([
      'connector.mdx:1:1-1:4: Unexpected connector folder name `bad%20id`: it contains `%`, so it cannot name the site pages, the package folder and the zip; rename the folder with letters, digits, `_`, `-` or `.` (connector-id-unsafe)',
    ]);
    const files = { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/A.mdx': action('apiDefinition.swagger.json', '/a'), 'actions/B.mdx': action('GETITEM', '/b'), 'actions/C.mdx': action('x/../../y', '/c') };
    expect(findings('contoso', files, 'operation-id-unsafe').map((f) => f.replace(/:.*?: /, ': '))).toEqual([
      'actions/A.mdx: Unexpected operationId `apiDefinition.swagger.json`: it is the name of the connector file `apiDefinition.swagger.json`, so its page would overwrite it; use letters, digits, `_`, `-` or `.` (operation-id-unsafe)',
      'actions/C.mdx: Unexpected operationId `x/../../y`: it contains `/`, so it cannot name a page; use letters, digits, `_`, `-` or `.` (operation-id-unsafe)',
      // Operations come in file order: B.mdx's `GETITEM` is first, so GetItem is the one reported.
      'actions/GetItem.mdx: Unexpected operationId `GetItem`: it differs from `GETITEM` only in case, so their pages share a folder on macOS and Windows; rename one of the two (operation-id-unsafe)',
    ]);
  });
});

describe('MDX bodies', () => {
  it.each([
    ['[a](javascript:alert(1))', 'mdx-url'],
    ['[a](JaVaScRiPt:alert(1))', 'mdx-url'],
    ['<img src=" java\tscript:alert(1)" />', 'mdx-url'],
    ['[a](vbscript:msgbox(1))', 'mdx-url'],
    ['[a](data:text/html,<script>alert(1)</script>)', 'mdx-url'],
    ['![a](data:image/svg+xml;base64,PHN2Zz4=)', 'mdx-url'],
    ['[a](file:///etc/passwd)', 'mdx-url'],
    ['[a][r]\n\n[r]: javascript:alert(1)', 'mdx-url'],
    ['<img src="javascript:alert(1)" />', 'mdx-url'],
    ['<img src="x.png" onerror="alert(1)" />', 'mdx-element'],
    ['<script>alert(1)</script>', 'mdx-element'],
    ['<iframe src="https://evil.example" />', 'mdx-element'],
    ['{alert(1)}', 'mdx-expression'],
    ['export const x = 1', 'mdx-esm'],
  ])('blocks %j as %s and renders none of it', (body, rule) => {
    expect(mdxBodyFindings(body).map((f) => f.ruleId)).toContain(rule);
    const { html } = renderBody(body);
    expect(html).not.toMatch(/<(script|iframe)|\son\w+=|href="(?!https?:|mailto:|tel:)[a-z]+:|src="(?!https?:)[a-z]+:|alert\(1\)<\/|export const/i);
  });

  it('shows a link with another scheme as its text, with a warning', () => {
    const body = 'Install [the app](ms-windows-store://pdp/?productid=9N) or open [settings](ms-settings:privacy) or [ftp](ftp://x.example/).';
    expect(mdxBodyFindings(body).map((f) => f.ruleId)).toEqual(['mdx-link-scheme', 'mdx-link-scheme', 'mdx-link-scheme']);
    expect(renderBody(body).html).toBe('<p>Install the app or open settings or ftp.</p>');
  });

  it('links http, https, mailto, tel, relative URLs and raster data images', () => {
    for (const url of ['https://x.example', 'http://x.example', 'mailto:a@x.example', 'tel:+15550100', '../docs', '#part']) expect(urlPolicy(url), url).toBe('link');
    expect(urlPolicy('data:image/png;base64,AAAA', true)).toBe('link');
    expect(urlPolicy('data:image/png;base64,AAAA')).toBe('block');
    expect(renderBody('[call](tel:+15550100)').html).toBe('<p><a href="tel:+15550100">call</a></p>');
  });
});

describe('readme written from a body', () => {
  it('never turns an MDX comment into live HTML', () => {
    const readme = mdxToMarkdown('Hi {/* --><script>alert(1)</script><!-- */} there {/* a note */}\n');
    expect(readme).toBe('Hi  there <!-- a note -->\n');
  });

  it('keeps escaped active HTML escaped, and unescapes the harmless', () => {
    expect(mdxToMarkdown('\\<script>alert(1)\\</script> and \\<br> and \\<b>bold\\</b>\n')).toBe('\\<script>alert(1)\\</script> and <br> and <b>bold</b>\n');
    expect(mdxToMarkdown('\\<img src=x onerror="alert(1)"> \\<a href="jav&#x61;script:alert(1)">x\\</a>\n')).toBe('\\<img src=x onerror="alert(1)"> \\<a href="jav&#x61;script:alert(1)">x</a>\n');
    expect(mdxToMarkdown('<svg><script>alert(1)</script></svg>\n')).toBe('\\<svg>\\<script>alert(1)\\</script>\\</svg>\n');
  });

  it('writes a link that can run as its text', () => {
    expect(mdxToMarkdown('See [this](javascript:alert(1)) and [that](https://x.example).\n')).toBe('See this and [that](https://x.example).\n');
  });

  it('still round-trips a readme with harmless HTML', () => {
    const md = 'A <br> and <img src="https://x.example/a.png" width="20"> and <!-- note -->.\n';
    expect(mdxToMarkdown(markdownToMdx(md))).toBe(md);
  });

  it('bounds the work on a body of many unclosed tags', () => {
    const started = performance.now();
    mdxToMarkdown('\\<a '.repeat(50_000));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('Power Fx sample', () => {
  it('quotes identifiers by Power Fx rules', () => {
    expect(fxIdentifier('ListIssues')).toBe('ListIssues');
    expect(fxIdentifier('Get-Item')).toBe("'Get-Item'");
    expect(fxIdentifier('2Items')).toBe("'2Items'");
    expect(fxIdentifier("it's")).toBe("'it''s'");
    expect(fxIdentifier("a'); Launch(\"https://evil.example\"); ('")).toBe("'a''); Launch(\"https://evil.example\"); ('''");
    expect(fxIdentifier('And')).toBe("'And'");
    expect(powerFxName('GitHub Issues')).toBe('GitHubIssues');
    expect(powerFxName('1Password')).toBe("'1Password'");
    expect(fxText('say "hi" \\n')).toBe('"say ""hi"" \\n"');
  });
});

describe('page data', () => {
  const packages = mkdtempSync(join(tmpdir(), 'plugboard-hostile-site-'));
  afterAll(() => rmSync(packages, { recursive: true, force: true }));

  it('holds text, never entities: the page escapes once', () => {
    const c = failedSiteConnector('bad-one', 'connectors/bad-one', []);
    const hostile = { ...c, title: 'A <b> & "c"', description: 'D <script>alert(1)</script>.' };
    expect(card(hostile).title).toBe('A <b> & "c"');
    expect(card(hostile).description).toBe('D <script>alert(1)</script>.');
  });

  it('titles a failed connector by its id and keeps its diagnostics', () => {
    const compiled = compileAndCheck(connectorFromFiles('x', { 'connector.mdx': '---\ntitle: [\n---\n' }));
    const c = failedSiteConnector('broken', 'connectors/broken', compiled.diagnostics);
    expect(c).toMatchObject({ id: 'broken', title: 'broken', published: true, operations: [], packageFiles: [], validation: 'errors' });
    expect(c.diagnostics.length).toBeGreaterThan(0);
    expect(failedSiteConnector('a#b', 'connectors/a#b', []).published).toBe(false);
  });
});

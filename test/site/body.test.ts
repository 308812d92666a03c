import { describe, expect, it } from 'vitest';
import { mdxBodyFindings } from '../../src/compiler/passes/mdx-body.ts';
import { renderBody } from '../../src/site/body.ts';

describe('renderBody', () => {
  it('renders Markdown, components and escapes', () => {
    const { html, headings } = renderBody('# Title\n\n## Part\n\n<Callout type="tip">\n\nUse <Kbd>Ctrl</Kbd>.\n\n</Callout>\n\n\\<b>not bold\\</b> {/* hidden */}\n', { dropTitle: true });
    expect(html).toBe('\n<h2 id="part">Part</h2>\n<aside class="callout callout-tip" role="note"><p class="callout-title">Tip</p><p>Use <kbd>Ctrl</kbd>.</p></aside>\n<p>&lt;b&gt;not bold&lt;/b&gt; </p>');
    expect(headings).toEqual([{ depth: 2, text: 'Part', id: 'part' }]);
  });

  it('never emits what safe mode rejects, even if asked to render it', () => {
    const body = 'import x from "y"\n\n<script>alert(1)</script>\n\n<img src="javascript:alert(1)" onerror="alert(2)" />\n\n[a](javascript:alert(3)) {alert(4)}\n';
    expect(mdxBodyFindings(body).map((f) => f.ruleId)).toEqual(['mdx-esm', 'mdx-element', 'mdx-url', 'mdx-element', 'mdx-url', 'mdx-expression']);
    const { html } = renderBody(body);
    expect(html).not.toMatch(/<script|onerror|javascript:|import x/);
  });
});

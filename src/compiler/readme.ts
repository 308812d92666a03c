/**
 * The connector.mdx body is the readme. MDX needs a few characters escaped that Markdown does
 * not (`{`, `}`, `<` that does not open a component) and has no HTML comments; the readme
 * gets the Markdown spelling back. Code spans and fenced blocks are left as written.
 */

/** Splits Markdown into [isCode, text] runs: fenced blocks and inline code spans are code. */
export function codeRuns(text: string): Array<[boolean, string]> {
  const runs: Array<[boolean, string]> = [];
  const lines = text.split(/(?<=\n)/);
  let fence: string | undefined;
  let buffer = '';
  let code = false;
  const flush = (nextCode: boolean) => {
    if (buffer) runs.push([code, buffer]);
    buffer = '';
    code = nextCode;
  };
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) {
      flush(true);
      fence = marker;
      buffer += line;
    } else if (fence !== undefined) {
      buffer += line;
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line)) {
        fence = undefined;
        flush(false);
      }
    } else {
      // Inline code spans within a prose line.
      let rest = line;
      while (rest) {
        const m = /(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest);
        if (!m) {
          buffer += rest;
          break;
        }
        buffer += rest.slice(0, m.index);
        flush(true);
        buffer += m[0];
        flush(false);
        rest = rest.slice(m.index + m[0].length);
      }
    }
  }
  flush(false);
  return runs;
}

/** MDX body → Markdown readme. */
export function mdxToMarkdown(body: string): string {
  return codeRuns(body)
    .map(([code, text]) =>
      code
        ? text
        : text
            .replace(/\{\/\*([\s\S]*?)\*\/\}/g, '<!--$1-->')
            .replace(/\\([{}<])/g, '$1'),
    )
    .join('');
}

/**
 * Markdown readme → MDX body that compiles, and that `mdxToMarkdown` turns back into the same
 * text. Every `<` in prose is escaped: a readme holds no plugboard components, and raw HTML
 * (`<br>`, `<img …>`) is not valid JSX. HTML comments become MDX comments.
 */
export function markdownToMdx(markdown: string): string {
  return codeRuns(markdown)
    .map(([code, text]) =>
      code
        ? text
        : text
            .replace(/(?<!\\)([{}])/g, '\\$1')
            .replace(/(?<!\\)<!--([\s\S]*?)-->/g, (whole, c: string) => (c.includes('*/') ? whole : `{/*${c}*/}`))
            .replace(/(?<!\\)<(?!!--)/g, '\\<')
            .replace(/(?<!\\)<!--/g, '\\<!--'),
    )
    .join('');
}

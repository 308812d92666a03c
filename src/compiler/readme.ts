/**
 * The connector.mdx body is the readme. MDX needs a few characters escaped that Markdown does
 * not (`{`, `}`, `<` that does not open a component) and has no HTML comments; the readme
 * gets the Markdown spelling back. Code spans and fenced blocks are left as written.
 */
import { parseMdxBody, urlPolicy } from './passes/mdx-body.ts';

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

/**
 * Elements that run script, load a document or change how the page is read: never emitted as
 * HTML into a readme, whatever their attributes (https://html.spec.whatwg.org/#parsing-main-inbody).
 */
const ACTIVE_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'base', 'meta', 'link', 'style', 'form',
  'svg', 'math', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'textarea', 'title', 'portal', 'html', 'head', 'body',
]);

/** Longest tag read when deciding; bounds the work per `<` (the body is untrusted). */
const MAX_TAG = 4096;
/** The rest of a tag up to its `>` (quotes respected), without the `<`. */
const TAG_TEXT = /^(?:[^>"']|"[^"]*"|'[^']*')*>?/;

/** Entities a browser decodes in an attribute value before it reads a URL scheme. */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, ' ');
}

/**
 * True when the `<` before `rest` opens HTML that could run: an element of ACTIVE_ELEMENTS, an
 * event handler, `srcdoc`/`formaction`, or an attribute value with a scheme that can run
 * (src/compiler/passes/mdx-body.ts `urlPolicy`). Conservative: a false alarm only shows a tag as text.
 */
function opensActiveHtml(rest: string): boolean {
  const name = /^\/?([A-Za-z][A-Za-z0-9:-]*)/.exec(rest)?.[1];
  if (!name) return false;
  if (ACTIVE_ELEMENTS.has(name.toLowerCase())) return true;
  const tag = TAG_TEXT.exec(rest.slice(0, MAX_TAG))![0];
  // A tag without its `>` this close is not one a reader wrote: keep it text.
  if (!tag.endsWith('>') && rest.length >= MAX_TAG) return true;
  if (/[\s/"']on[a-z]+\s*=|[\s/"'](?:srcdoc|formaction)\s*=/i.test(tag)) return true;
  for (const m of tag.matchAll(/=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    if (urlPolicy(decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')) === 'block') return true;
  }
  return false;
}

/** Text an HTML comment can hold without ending early (https://html.spec.whatwg.org/#comments). */
function isCommentText(text: string): boolean {
  return !/^-?>|-->|--!>|<!--|<!-$/.test(text);
}

interface LinkNode {
  type: string;
  url?: string;
  alt?: string | null;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: LinkNode[];
}

/**
 * The body with every link, image and link definition whose URL can run (an `mdx-url` error)
 * replaced by its text: a Markdown renderer would make it an active `<a href="javascript:…">`.
 * Positions come from the same parse as safe mode; a body that does not parse is left as is
 * (an `mdx-syntax` error, and the site renders it as plain text).
 */
function withoutBlockedLinks(body: string): string {
  const { tree } = parseMdxBody(body);
  if (!tree) return body;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: LinkNode) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const linkish = node.type === 'link' || node.type === 'image' || node.type === 'definition';
    if (linkish && typeof node.url === 'string' && urlPolicy(node.url, node.type === 'image') === 'block' && start !== undefined && end !== undefined) {
      const kids = node.children ?? [];
      const from = kids[0]?.position?.start.offset;
      const to = kids[kids.length - 1]?.position?.end.offset;
      const text = node.type === 'link' && from !== undefined && to !== undefined ? body.slice(from, to) : node.type === 'image' ? (node.alt ?? '') : '';
      edits.push({ start, end, text });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree as LinkNode);
  let out = body;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** `\{`, `\}`, `\<` or `<`, and MDX comments, in prose. */
const PROSE_TOKEN = /\\([{}])|\\?<|\{\/\*([\s\S]*?)\*\/\}/g;

/**
 * MDX body → Markdown readme. The readme is read as Markdown with raw HTML (by the Power
 * Platform and by Git hosts), so it must not hold HTML that safe mode kept out of the body: an
 * MDX comment that would close the HTML comment early is left out, and a `<` (escaped or not)
 * that opens active HTML stays escaped as `\<`, which Markdown shows as text.
 */
export function mdxToMarkdown(body: string): string {
  return codeRuns(withoutBlockedLinks(body))
    .map(([code, text]) =>
      code
        ? text
        : text.replace(PROSE_TOKEN, (token: string, brace: string | undefined, comment: string | undefined, offset: number) => {
            if (brace) return brace;
            if (comment !== undefined) return isCommentText(comment) ? `<!--${comment}-->` : '';
            return opensActiveHtml(text.slice(offset + token.length, offset + token.length + MAX_TAG)) ? '\\<' : '<';
          }),
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

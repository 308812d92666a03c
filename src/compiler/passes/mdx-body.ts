/**
 * Safe mode for MDX bodies. Connector bodies arrive in pull requests from anyone and the site
 * renders them, so a body may hold Markdown and a small allowlist of components and elements,
 * and nothing that runs: no `import`/`export`, no `{expressions}` (MDX comments `{/* … *\/}`
 * are fine), no other elements, no `on*` attributes, no attribute expressions, no URL that can
 * run (`javascript:`, `vbscript:`, `file:`, `data:` but raster images). Each violation is a
 * positioned error of an `mdx-…` rule. A link with another scheme (`ms-windows-store:`, `ftp:`)
 * is harmless but unexpected: an `mdx-link-scheme` warning, and the site shows its text unlinked.
 * The site never evaluates a body: src/site/body.ts renders the parsed tree itself, keeping only
 * what this pass allows, so one bad body never stops the site.
 */
import { mdxToMdast } from 'satteri';
import { reportInto, type Reporter } from '../../core/finding.ts';
import type { SourceFile } from '../../core/source-file.ts';

/** Components the site provides, with the attributes each takes and their allowed values (undefined: any string). */
export const MDX_COMPONENTS: Record<string, Record<string, readonly string[] | undefined>> = {
  Callout: { type: ['note', 'tip', 'important', 'warning', 'caution'], title: undefined },
  Kbd: {},
};

/** Plain HTML elements a body may use, with their allowed attributes. */
export const MDX_ELEMENTS: Record<string, readonly string[]> = {
  br: [],
  kbd: [],
  sub: [],
  sup: [],
  abbr: ['title'],
  details: ['open'],
  summary: [],
  img: ['src', 'alt', 'width', 'height', 'title'],
};

/** Schemes linked as they are; a URL without a scheme (relative, `#anchor`) is linked too. */
export const LINKED_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;
/** Schemes that run code or read the reader's disk: never linked, an `mdx-url` error. */
const BLOCKED_SCHEMES = new Set(['javascript', 'vbscript', 'livescript', 'file', 'data']);
/** Images a `data:` URL may hold in an image: raster types, which cannot run script. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|avif|bmp)[;,]/i;

/**
 * What the site does with a URL: `link` it, show the text without a `text` link (a harmless other
 * scheme such as `ms-windows-store:`, `ftp:`, `ms-settings:`; an `mdx-link-scheme` warning) or
 * `block` it (what can execute; an `mdx-url` error). Browsers ignore control characters and spaces
 * inside a scheme (`java\tscript:`), so they are removed before it is read.
 */
export function urlPolicy(url: string, image = false): 'link' | 'text' | 'block' {
  const trimmed = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined || (LINKED_SCHEMES as readonly string[]).includes(scheme)) return 'link';
  if (scheme === 'data' && image && DATA_IMAGE.test(trimmed)) return 'link';
  return BLOCKED_SCHEMES.has(scheme) ? 'block' : 'text';
}

/** The scheme of a URL as written (for messages). */
function schemeOf(url: string): string {
  return /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1] ?? url.split(':', 1)[0]!;
}

/** An MDX comment `{/* … *\/}` is an expression holding only a comment. */
export function isCommentExpression(value: string): boolean {
  return /^\s*\/\*[\s\S]*?\*\/\s*$/.test(value) && !/\*\/[\s\S]*\/\*/.test(value.trim().slice(2, -2));
}

interface Pos {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface MdNode {
  type: string;
  position?: Pos;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: MdNode[];
}

export interface MdxFinding {
  ruleId: 'mdx-syntax' | 'mdx-esm' | 'mdx-expression' | 'mdx-element' | 'mdx-url' | 'mdx-link-scheme';
  message: string;
  /** 1-based, relative to the body. */
  place: Pos;
}

const whole = (body: string): Pos => {
  const lines = body.split('\n');
  return { start: { line: 1, column: 1 }, end: { line: lines.length, column: lines[lines.length - 1]!.length + 1 } };
};

/** Parses a body as MDX; undefined with a finding when it is not valid MDX. */
export function parseMdxBody(body: string): { tree: MdNode | undefined; findings: MdxFinding[] } {
  try {
    return { tree: mdxToMdast(body) as unknown as MdNode, findings: [] };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    const at = /(\d+):(\d+)/.exec(message);
    const place = at ? { start: { line: Number(at[1]), column: Number(at[2]) }, end: { line: Number(at[1]), column: Number(at[2]) + 1 } } : whole(body);
    return { tree: undefined, findings: [{ ruleId: 'mdx-syntax', message: `Invalid MDX: ${message.replace(/^\d+:\d+(-\d+:\d+)?:?\s*/, '')}`, place }] };
  }
}

/** Every safe-mode violation in a body, in document order. */
export function mdxBodyFindings(body: string): MdxFinding[] {
  const { tree, findings } = parseMdxBody(body);
  if (!tree) return findings;
  const fallback = whole(body);
  const checkUrl = (url: string, image: boolean, place: Pos) => {
    const policy = urlPolicy(url, image);
    const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url;
    if (policy === 'block') {
      findings.push({ ruleId: 'mdx-url', message: `Unexpected URL \`${shown}\`; \`${schemeOf(url)}:\` can run code or read files, so links and images take http, https, mailto, tel or relative URLs`, place });
    } else if (policy === 'text') {
      findings.push({ ruleId: 'mdx-link-scheme', message: `Unexpected link scheme \`${schemeOf(url)}:\` in \`${shown}\`; the site shows its text without the link (it links http, https, mailto and tel)`, place });
    }
  };
  const visit = (node: MdNode) => {
    const place = node.position ?? fallback;
    switch (node.type) {
      case 'mdxjsEsm':
        findings.push({ ruleId: 'mdx-esm', message: 'Unexpected `import`/`export` in an MDX body; bodies are Markdown with the site\'s components only', place });
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        if (!isCommentExpression(String(node.value ?? ''))) {
          findings.push({ ruleId: 'mdx-expression', message: 'Unexpected JavaScript expression `{…}` in an MDX body; write `\\{` for a literal brace', place });
        }
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        const component = Object.hasOwn(MDX_COMPONENTS, name) ? MDX_COMPONENTS[name]! : undefined;
        const element = Object.hasOwn(MDX_ELEMENTS, name) ? MDX_ELEMENTS[name]! : undefined;
        if (!component && !element) {
          const allowed = [...Object.keys(MDX_COMPONENTS), ...Object.keys(MDX_ELEMENTS)].map((n) => `<${n}>`).join(', ');
          findings.push({ ruleId: 'mdx-element', message: `Unexpected element \`<${name || '>'}${name ? '>' : ''}\`; an MDX body may use ${allowed} (write \`\\<\` for a literal \`<\`)`, place });
          return;
        }
        for (const attribute of node.attributes ?? []) {
          if (attribute.type !== 'mdxJsxAttribute' || typeof attribute.name !== 'string') {
            findings.push({ ruleId: 'mdx-expression', message: `Unexpected spread attribute on \`<${name}>\``, place });
            continue;
          }
          const attr = attribute.name;
          const value = attribute.value;
          if (value !== null && value !== undefined && typeof value !== 'string') {
            findings.push({ ruleId: 'mdx-expression', message: `Unexpected expression in attribute \`${attr}\` of \`<${name}>\`; attributes take quoted text`, place });
            continue;
          }
          const known = component ? Object.hasOwn(component, attr) : element!.includes(attr);
          if (!known || /^on/i.test(attr)) {
            findings.push({ ruleId: 'mdx-element', message: `Unexpected attribute \`${attr}\` on \`<${name}>\``, place });
            continue;
          }
          const values = component?.[attr];
          if (values && typeof value === 'string' && !values.includes(value)) {
            findings.push({ ruleId: 'mdx-element', message: `Unexpected \`${attr}="${value}"\` on \`<${name}>\`; expected one of ${values.map((v) => `\`${v}\``).join(', ')}`, place });
          }
          if ((attr === 'src' || attr === 'href') && typeof value === 'string') checkUrl(value, name === 'img', place);
        }
        break;
      }
      case 'link':
      case 'image':
      case 'definition':
        if (typeof node.url === 'string') checkUrl(node.url, node.type === 'image', place);
        break;
      case 'html':
        // Not produced by the MDX parser; kept out in any case.
        findings.push({ ruleId: 'mdx-element', message: 'Unexpected raw HTML in an MDX body', place });
        return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  // A node ending at column 1 of the next line (a block with its newline) ends at the line before.
  const lines = body.split('\n');
  return findings.map((f) => {
    let { line, column } = f.place.end;
    if (column === 1 && line > f.place.start.line) {
      line -= 1;
      column = (lines[line - 1] ?? '').length + 1;
    }
    return { ...f, place: { start: { line: f.place.start.line, column: f.place.start.column }, end: { line, column } } };
  });
}

/** The compiler pass: checks the body of every MDX file, positions relative to the file. */
export function checkMdxBodies(files: Iterable<SourceFile>, report: Reporter): void {
  for (const file of files) {
    if (file.kind !== 'mdx') continue;
    const fm = file.frontMatter;
    if (!fm.body.trim()) continue;
    const offset = fm.present ? fm.bodyLine - 1 : 0;
    for (const f of mdxBodyFindings(fm.body)) {
      const start = { line: f.place.start.line + offset, column: f.place.start.column };
      reportInto(file.diagnostics, report, {
        ruleId: f.ruleId,
        message: f.message,
        file: file.path,
        place: { start, end: { line: f.place.end.line + offset, column: f.place.end.column } },
        // A body has no JSON pointer: its line and column tell two findings of one rule apart.
        args: [`${start.line}:${start.column}`],
        source: 'mdx',
      });
    }
  }
}

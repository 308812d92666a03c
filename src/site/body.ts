/**
 * Renders an MDX body as HTML without evaluating anything: the body is parsed (satteri, the
 * Markdown engine Astro 7 uses), and the tree is serialized here, keeping Markdown, the allowlisted
 * components (mapped to plain HTML) and safe URLs only. Text is always escaped; expressions, ESM
 * and unknown elements are dropped, and a link the site does not follow shows its text (the
 * `mdx-…` rules report each of them). Any body renders, so one bad body never stops the site.
 */
import { mdxToHast } from 'satteri';
import { MDX_COMPONENTS, MDX_ELEMENTS, urlPolicy } from '../compiler/passes/mdx-body.ts';

interface HNode {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: unknown;
  properties?: Record<string, unknown>;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: HNode[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const VOID = new Set(['br', 'hr', 'img', 'input']);
/** Elements Markdown produces, and the attributes kept on them. */
const MARKDOWN_ELEMENTS: Record<string, readonly string[]> = {
  p: [], h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'], a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'],
  em: [], strong: [], del: [], code: ['className'], pre: [], blockquote: [], ul: [], ol: ['start'], li: ['className'], hr: [], br: [],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'], input: ['type', 'checked', 'disabled'], sup: [], sub: [], section: ['className'], kbd: [],
  details: ['open'], summary: [], abbr: ['title'],
};

export function slug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s+/g, '-') || 'section';
}

function textOf(node: HNode): string {
  if (node.type === 'text') return String(node.value ?? '');
  return (node.children ?? []).map(textOf).join('');
}

function attrs(props: Record<string, unknown>, allowed: readonly string[]): string {
  let out = '';
  for (const key of allowed) {
    const v = props[key];
    if (v === undefined || v === null || v === false) continue;
    if ((key === 'href' || key === 'src') && (typeof v !== 'string' || urlPolicy(v, key === 'src') !== 'link')) continue;
    if (key === 'type' && v !== 'checkbox') continue;
    const name = key === 'className' ? 'class' : key;
    if (v === true || v === '') out += ` ${name}`;
    else out += ` ${name}="${escapeHtml(Array.isArray(v) ? v.join(' ') : String(v))}"`;
  }
  return out;
}

/**
 * A link or image whose URL the site does not link (src/compiler/passes/mdx-body.ts `urlPolicy`):
 * a link keeps its text, an image its alt text, so `ms-windows-store://…` reads as text.
 * Undefined when the element is not one of those.
 */
function unlinkedContent(node: HNode, tag: string, props: Record<string, unknown>, render: (n: HNode) => string): string | undefined {
  if (tag === 'a' && props.href !== undefined && (typeof props.href !== 'string' || urlPolicy(props.href) !== 'link')) {
    return (node.children ?? []).map(render).join('');
  }
  if (tag === 'img' && (typeof props.src !== 'string' || urlPolicy(props.src, true) !== 'link')) {
    return escapeHtml(typeof props.alt === 'string' ? props.alt : '');
  }
  return undefined;
}

export interface RenderedBody {
  html: string;
  headings: Array<{ depth: number; text: string; id: string }>;
}

/** Renders a body; `dropTitle` removes a leading `# Title` heading (the page has its own h1). */
export function renderBody(body: string, options: { dropTitle?: boolean } = {}): RenderedBody {
  let tree: HNode;
  try {
    tree = mdxToHast(body) as unknown as HNode;
  } catch {
    // Invalid MDX is an `mdx-syntax` error; show the text as written.
    return { html: `<pre class="body-fallback">${escapeHtml(body)}</pre>`, headings: [] };
  }
  const headings: RenderedBody['headings'] = [];
  const ids = new Map<string, number>();
  let first = true;
  const render = (node: HNode): string => {
    switch (node.type) {
      case 'root':
        return (node.children ?? []).map(render).join('');
      case 'text':
        return escapeHtml(String(node.value ?? ''));
      case 'element': {
        const tag = node.tagName ?? '';
        const allowed = MARKDOWN_ELEMENTS[tag];
        if (!allowed) return (node.children ?? []).map(render).join('');
        if (/^h[1-6]$/.test(tag)) {
          const depth = Math.min(6, Number(tag[1]) + (tag === 'h1' ? 1 : 0));
          const content = textOf(node);
          if (first && tag === 'h1' && options.dropTitle) {
            first = false;
            return '';
          }
          first = false;
          let id = slug(content);
          const n = ids.get(id) ?? 0;
          ids.set(id, n + 1);
          if (n) id = `${id}-${n}`;
          headings.push({ depth, text: content, id });
          return `<h${depth} id="${escapeHtml(id)}">${(node.children ?? []).map(render).join('')}</h${depth}>`;
        }
        if (node.type === 'element' && tag !== 'br') first = false;
        const unlinked = unlinkedContent(node, tag, node.properties ?? {}, render);
        if (unlinked !== undefined) return unlinked;
        const open = `<${tag}${attrs(node.properties ?? {}, allowed)}${tag === 'a' && typeof node.properties?.href === 'string' && /^https?:/i.test(node.properties.href) ? ' rel="nofollow noopener"' : ''}>`;
        if (VOID.has(tag)) return open;
        return `${open}${(node.children ?? []).map(render).join('')}</${tag}>`;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        const props: Record<string, unknown> = {};
        for (const a of node.attributes ?? []) if (a.type === 'mdxJsxAttribute' && typeof a.name === 'string' && (typeof a.value === 'string' || a.value === null)) props[a.name] = a.value ?? true;
        const inner = (node.children ?? []).map(render).join('');
        if (name === 'Callout' && Object.hasOwn(MDX_COMPONENTS, 'Callout')) {
          const types = MDX_COMPONENTS.Callout!.type!;
          const type = typeof props.type === 'string' && types.includes(props.type) ? props.type : 'note';
          const title = typeof props.title === 'string' ? props.title : type.charAt(0).toUpperCase() + type.slice(1);
          return `<aside class="callout callout-${type}" role="note"><p class="callout-title">${escapeHtml(title)}</p>${inner}</aside>`;
        }
        if (name === 'Kbd') return `<kbd>${inner}</kbd>`;
        const allowed = Object.hasOwn(MDX_ELEMENTS, name) ? MDX_ELEMENTS[name]! : undefined;
        if (!allowed) return inner ? escapeHtml(textOf(node)) : '';
        const unlinked = unlinkedContent(node, name, props, render);
        if (unlinked !== undefined) return unlinked;
        const open = `<${name}${attrs(props, allowed)}>`;
        return VOID.has(name) ? open : `${open}${inner}</${name}>`;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        // Comments render as nothing; anything else is an `mdx-expression` error, shown as nothing.
        return '';
      default:
        // mdxjsEsm, raw, comment, doctype: never emitted.
        return '';
    }
  };
  return { html: render(tree), headings };
}

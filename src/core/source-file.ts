/**
 * A source file and the diagnostics about it, the way a vfile carries its messages.
 * MDX files are split into YAML front-matter and body once, keeping offsets so that
 * positions inside the front-matter can be reported as lines and columns of the file.
 */
import type { Diagnostic } from './diagnostic.ts';

export type SourceKind = 'mdx' | 'yaml' | 'json';

export interface FrontMatterSplit {
  /** The YAML between the fences, without them. */
  yaml: string;
  /** Offset of the first YAML character in the file text. */
  yamlOffset: number;
  /** The body after the closing fence. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** False when the file has no front-matter fence at all. */
  present: boolean;
}

const OPEN = /^(?:\uFEFF)?---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = OPEN.exec(text);
  if (!open) return { yaml: '', yamlOffset: 0, body: text, bodyLine: 1, present: false };
  const rest = text.slice(open[0].length);
  // An empty front-matter closes on the very next line.
  const close = rest.startsWith('---') ? /^---[ \t]*(?:\r?\n|$)/.exec(rest) : CLOSE.exec(rest);
  if (!close) return { yaml: rest, yamlOffset: open[0].length, body: '', bodyLine: lineOf(text, text.length), present: true };
  const yamlEnd = open[0].length + close.index;
  const bodyStart = yamlEnd + close[0].length;
  return {
    yaml: text.slice(open[0].length, yamlEnd),
    yamlOffset: open[0].length,
    body: text.slice(bodyStart),
    bodyLine: lineOf(text, bodyStart),
    present: true,
  };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export class SourceFile {
  /** Path as shown to users: relative to the working directory, with forward slashes. */
  readonly path: string;
  readonly text: string;
  readonly kind: SourceKind;
  readonly diagnostics: Diagnostic[] = [];
  /** The parsed front-matter (MDX) or document (YAML/JSON); undefined until parsed or when it failed. */
  data: unknown = undefined;
  private split: FrontMatterSplit | undefined;
  private lineStarts: number[] | undefined;
  /** Filled lazily by position lookups; see position.ts. */
  positionIndex: unknown = undefined;

  constructor(path: string, text: string, kind: SourceKind = kindOf(path)) {
    this.path = path;
    this.text = text;
    this.kind = kind;
  }

  get frontMatter(): FrontMatterSplit {
    if (!this.split) {
      this.split =
        this.kind === 'mdx'
          ? splitFrontMatter(this.text)
          : { yaml: this.text, yamlOffset: 0, body: '', bodyLine: 1, present: true };
    }
    return this.split;
  }

  /** 1-based line and column of an offset into the file text. */
  pointAt(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function kindOf(path: string): SourceKind {
  if (/\.mdx?$/i.test(path)) return 'mdx';
  if (/\.json$/i.test(path)) return 'json';
  return 'yaml';
}

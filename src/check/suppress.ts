/**
 * Disable comments in front-matter, like ESLint's: a YAML comment in a connector's MDX front-matter
 *
 *     # plugboard-disable-next-line operation-id-unsafe, x-ms-position -- the API names it so
 *     # plugboard-disable frontmatter-unknown-key -- reason (the whole file)
 *
 * hides those rules' findings on the next line (the line a finding starts on), or anywhere in that
 * file. This is a filter after the reporter: findings are made and placed as always, then those a
 * comment covers are dropped, and a comment that covers nothing (or names no rule, or an unknown
 * one) is a `frontmatter-unused-disable` finding of its own, so stale comments do not pile up.
 * Comments are read from the `yaml` package's CST, so a `#` inside a string or a block scalar is
 * never taken for one. Power Platform folders have JSON files without comments: their way is the
 * config's per-connector `overrides` (src/check/config.ts).
 */
import { Parser } from 'yaml';
import { tooDeepOffset } from '../core/bounded.ts';
import { sortDiagnostics, type Diagnostic, type Place } from '../core/diagnostic.ts';
import type { Reporter } from '../core/finding.ts';
import { RULE_DEFAULTS, type RuleId } from '../core/rule-ids.ts';
import type { SourceFile } from '../core/source-file.ts';
import { suggest } from '../model/open-object.ts';
import type { Preset } from './presets.ts';

export const UNUSED_RULE = 'frontmatter-unused-disable' satisfies RuleId;

/** The directive words; anything else starting `plugboard-` in a comment is reported as unknown. */
const DIRECTIVE = /^plugboard-([a-z-]+)(?:[ \t]+([^]*))?$/;
/** At most this many comments of one file are read as directives (a file of a million comments stays cheap). */
const MAX_DIRECTIVES = 1000;
/** At most this many CST tokens are walked per file: more than any file within the size limits holds. */
const MAX_TOKENS = 5_000_000;

export interface DisableComment {
  kind: 'next-line' | 'file';
  /** The rule ids it names, as written (unknown ones included). */
  rules: string[];
  /** The text after ` -- `, if any. */
  reason: string | undefined;
  /** 1-based line of the comment in the MDX file. */
  line: number;
  place: Place;
  /** Set when the directive itself is wrong (its word, or no rule named): why. */
  problem?: string;
}

const KNOWN: ReadonlySet<string> = new Set(Object.keys(RULE_DEFAULTS));
const KNOWN_IDS: readonly string[] = [...KNOWN];

function isToken(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The comments (`#…`, offset into `yaml`) of a YAML text, in order; an iterative walk of its CST. */
function yamlComments(yaml: string): Array<{ offset: number; source: string }> {
  const found: Array<{ offset: number; source: string }> = [];
  const stack: unknown[] = [...new Parser().parse(yaml)].reverse();
  let budget = MAX_TOKENS;
  while (stack.length && budget-- > 0) {
    const token = stack.pop();
    if (Array.isArray(token)) {
      for (let i = token.length - 1; i >= 0; i--) stack.push(token[i]);
      continue;
    }
    if (!isToken(token)) continue;
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      found.push({ offset: token.offset, source: token.source });
      continue;
    }
    // Children in source order: a token's arrays and nested tokens (start, key, sep, value, items, end, props).
    const children = Object.values(token).filter((v) => isToken(v));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Parses one comment's text (after `#`) as a directive; undefined when it is an ordinary comment. */
export function parseDirective(comment: string): Omit<DisableComment, 'line' | 'place'> | undefined {
  const m = DIRECTIVE.exec(comment.trim());
  if (!m) return undefined;
  const word = m[1]!;
  const rest = m[2] ?? '';
  const dash = rest.search(/(?:^|[ \t])--(?:[ \t]|$)/);
  const list = dash === -1 ? rest : rest.slice(0, dash);
  const reason = dash === -1 ? undefined : rest.slice(dash).replace(/^[ \t]*--/, '').trim() || undefined;
  const rules = list.split(/[\s,]+/).filter(Boolean).slice(0, 100);
  const kind = word === 'disable-next-line' ? 'next-line' : 'file';
  if (word !== 'disable-next-line' && word !== 'disable') {
    const expected = suggest(`plugboard-${word}`, ['plugboard-disable-next-line', 'plugboard-disable']);
    return { kind, rules: [], reason, problem: `Unknown directive \`plugboard-${word}\`, expected \`plugboard-disable-next-line\` or \`plugboard-disable\`${expected ? `; did you mean \`${expected}\`?` : ''}` };
  }
  if (rules.length === 0) return { kind, rules, reason, problem: `Expected the ids of the rules to disable after \`plugboard-${word}\`, like \`plugboard-${word} x-ms-position -- why\`` };
  return { kind, rules, reason };
}

/** The disable comments of an MDX file's front-matter, in order. */
export function disableComments(file: SourceFile): DisableComment[] {
  if (file.kind !== 'mdx' || !file.text.includes('plugboard-')) return [];
  const { yaml, yamlOffset, present } = file.frontMatter;
  if (!present || !/#[ \t]*plugboard-/.test(yaml)) return [];
  // Nesting past the parse limit is a source-limit error that stops the compile; the CST of such a
  // text takes seconds to build, and its comments are not read.
  if (tooDeepOffset(yaml) !== undefined) return [];
  const out: DisableComment[] = [];
  for (const comment of yamlComments(yaml)) {
    if (out.length >= MAX_DIRECTIVES) break;
    const directive = parseDirective(comment.source.replace(/^#/, ''));
    if (!directive) continue;
    const start = file.pointAt(yamlOffset + comment.offset);
    const end = file.pointAt(yamlOffset + comment.offset + comment.source.trimEnd().length);
    out.push({ ...directive, line: start.line, place: { start, end } });
  }
  return out;
}

export interface DisableOptions {
  /** The levels in force: a comment for a rule that is `off` is not reported as unused. */
  preset: Preset;
  /** False when the checks did not run (a YAML error stopped the compile): nothing is reported unused then. */
  complete: boolean;
}

/**
 * Drops the diagnostics a disable comment covers and adds a `frontmatter-unused-disable` finding
 * for each comment (or rule of a comment) that covered nothing, made by `report`. Returns the
 * diagnostics sorted. `files` are the connector's source files by the path diagnostics name.
 */
export function applyDisableComments(diagnostics: Diagnostic[], files: ReadonlyMap<string, SourceFile>, report: Reporter, options: DisableOptions): Diagnostic[] {
  const byFile = new Map<string, DisableComment[]>();
  for (const [path, file] of files) {
    const comments = disableComments(file);
    if (comments.length) byFile.set(path, comments);
  }
  if (byFile.size === 0) return diagnostics;
  // Per file: the comments covering each line (by the line they cover) and the whole file.
  const covering = new Map<string, { byLine: Map<number, number[]>; whole: number[] }>();
  for (const [path, comments] of byFile) {
    const byLine = new Map<number, number[]>();
    const whole: number[] = [];
    comments.forEach((c, i) => {
      if (c.problem) return;
      if (c.kind === 'file') whole.push(i);
      else byLine.set(c.line + 1, [...(byLine.get(c.line + 1) ?? []), i]);
    });
    covering.set(path, { byLine, whole });
  }
  // Which rule of which comment hid something: `path\0index\0rule`.
  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    const cover = covering.get(d.file);
    if (!cover || d.ruleId === UNUSED_RULE) return true;
    const comments = byFile.get(d.file)!;
    const line = d.place?.start.line;
    const candidates = [...(line === undefined ? [] : (cover.byLine.get(line) ?? [])), ...cover.whole];
    const i = candidates.find((k) => comments[k]!.rules.includes(d.ruleId));
    if (i === undefined) return true;
    used.add(`${d.file}\0${i}\0${d.ruleId}`);
    return false;
  });
  const level = (id: string) => options.preset[id as RuleId] ?? RULE_DEFAULTS[id as RuleId];
  if (level(UNUSED_RULE) === 'off') return sortDiagnostics(kept);
  for (const [path, comments] of byFile) {
    comments.forEach((c, i) => {
      const at = { ruleId: UNUSED_RULE, file: path, place: c.place, source: 'plugboard' } as const;
      const push = (message: string, args: string[]) => {
        const d = report({ ...at, place: { start: { ...c.place.start }, end: { ...c.place.end } }, message, args: [String(c.line), ...args] });
        if (d) kept.push(d);
      };
      if (c.problem) return push(c.problem, ['directive']);
      const where = c.kind === 'file' ? 'in this file' : 'on the next line';
      for (const rule of c.rules) {
        if (!KNOWN.has(rule)) {
          const match = suggest(rule, KNOWN_IDS);
          push(`Unknown rule \`${rule}\` in a disable comment${match ? `, did you mean \`${match}\`?` : ''}`, ['unknown', rule]);
        } else if (options.complete && !used.has(`${path}\0${i}\0${rule}`) && level(rule) !== 'off' && rule !== UNUSED_RULE) {
          push(`Unused disable comment: \`${rule}\` reports nothing ${where}; remove it`, ['unused', rule]);
        }
      }
    });
  }
  return sortDiagnostics(kept);
}

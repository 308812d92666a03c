/**
 * The rule pages of the site (`/rules/` and `/rules/<id>/`), made from the rules themselves: the
 * registry's description, rationale, severities, platform codes and examples (which the one harness,
 * test/rules.test.ts, runs), so the docs cannot drift from what `check` does. Pure data for thin
 * views (src/pages/rules/).
 */
import { describeSpecialEntry, isSpecialEntry, type Area, type ExampleFiles, type Rule } from '../check/define-rule.ts';
import { isFixable } from '../check/fix.ts';
import { PLATFORM_CODES, type PlatformCodeName } from '../check/platform-codes.ts';
import { presets, type Level } from '../check/presets.ts';
import { rules as registry } from '../check/registry.ts';

/** A piece of one-line text: plain, or code (written between backticks in the rule). */
export interface TextPart {
  code: boolean;
  text: string;
}

export interface ExampleFile {
  path: string;
  /** The file's text, or what a special entry is (`a symbolic link to …`). */
  text: string;
  special: boolean;
}

export interface RuleExample {
  files: ExampleFile[];
  /** The findings `check` gives on it, as `String(diagnostic)` (none for an ok example). */
  output: string[];
}

export interface RulePage {
  id: string;
  area: Area;
  /** Severity in each preset, by preset name (`recommended` is the default). */
  severities: Array<{ preset: string; level: Level }>;
  description: TextPart[];
  /** The description as plain text, for `<meta name="description">`. */
  summary: string;
  rationale: TextPart[];
  platformCodes: Array<{ name: string; group: string }>;
  /** What reports it: a check on the compiled definition, the compiler, an importer… */
  checkedBy: string;
  /** `check --fix` mends its findings where the fix is certain. */
  fixable: boolean;
  ok: RuleExample[];
  notOk: RuleExample[];
}

/** `Unexpected \`x\`` → [{text: 'Unexpected '}, {code: 'x'}]; an unpaired backtick stays text. */
export function inlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pieces = text.split('`');
  // An odd count of backticks: the last one is text.
  if (pieces.length % 2 === 0) pieces.splice(-2, 2, `${pieces.at(-2)!}\`${pieces.at(-1)!}`);
  pieces.forEach((piece, i) => {
    if (piece !== '') parts.push({ code: i % 2 === 1, text: piece });
  });
  return parts;
}

function exampleFiles(files: ExampleFiles): ExampleFile[] {
  return Object.entries(files).map(([path, entry]) =>
    isSpecialEntry(entry) ? { path, text: describeSpecialEntry(entry).replace(/`/g, ''), special: true } : { path, text: entry, special: false },
  );
}

function checkedBy(rule: Rule): string {
  if (rule.reportedBy === 'runner') return 'the command running plugboard, when handling the connector fails';
  if (rule.check) return 'a check of the compiled definition';
  if (rule.diff) return '`plugboard diff`, between the connector at two revisions';
  if (rule.area === 'import') return 'the importer, on the source being imported';
  if (rule.area === 'export') return '`export`, on the connector being exported';
  return 'the compiler, on the source';
}

export function rulePage(rule: Rule): RulePage {
  return {
    id: rule.id,
    area: rule.area,
    severities: Object.entries(presets).map(([preset, levels]) => ({ preset, level: levels[rule.id] ?? rule.severity })),
    description: inlineCode(rule.description),
    summary: rule.description.replace(/`/g, ''),
    rationale: inlineCode(rule.rationale),
    platformCodes: (rule.platformCodes ?? []).map((name: PlatformCodeName) => ({ name, group: (PLATFORM_CODES[name] as { group: string }).group })),
    checkedBy: checkedBy(rule),
    fixable: isFixable(rule.id),
    ok: rule.examples.ok.map((files) => ({ files: exampleFiles(files), output: [] })),
    notOk: rule.examples.notOk.map((e) => ({ files: exampleFiles(e.files), output: e.output })),
  };
}

/** Every rule's page, in the registry's order (by id). */
export function rulePages(rules: readonly Rule[] = registry): RulePage[] {
  return rules.map(rulePage);
}

/** The rules grouped by area for the index, areas in alphabetical order. */
export function rulesByArea(pages: readonly RulePage[]): Array<{ area: Area; rules: RulePage[] }> {
  const groups = new Map<Area, RulePage[]>();
  for (const page of pages) groups.set(page.area, [...(groups.get(page.area) ?? []), page]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([area, rules]) => ({ area, rules }));
}

/** Counts for the index's lede: rules, platform codes covered. */
export function catalogueFigures(pages: readonly RulePage[]): { rules: number; codes: number; totalCodes: number; fixable: number } {
  return {
    rules: pages.length,
    codes: new Set(pages.flatMap((p) => p.platformCodes.map((c) => c.name))).size,
    totalCodes: Object.keys(PLATFORM_CODES).length,
    fixable: pages.filter((p) => p.fixable).length,
  };
}

const known = new Set<string>(registry.map((r) => r.id));

/** The site path of a rule's page (without the base), or undefined for an id the registry does not hold. */
export function rulePagePath(id: string): string | undefined {
  return known.has(id) ? `/rules/${id}/` : undefined;
}

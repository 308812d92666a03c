/**
 * What is generated from the registry: the rule reference of src/check/README.md (a table of every
 * rule and a section per rule, whose anchor is the docs URL of its diagnostics, with its examples)
 * and the rule ids of src/core/rule-ids.ts.
 */
import { describeSpecialEntry, isSpecialEntry, type ExampleFiles } from './define-rule.ts';
import { rules } from './registry.ts';

export const RULES_HEADING = '## Rules';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `, where \`env.txt\` is a symbolic link to \`/proc/self/environ\``: the entries an output line cannot show. */
function specialEntries(examples: readonly ExampleFiles[]): string {
  const described = examples.flatMap((files) =>
    Object.entries(files).flatMap(([rel, entry]) => (isSpecialEntry(entry) ? [`\`${rel}\` is ${describeSpecialEntry(entry)}`] : [])),
  );
  if (!described.length) return '';
  return `, where ${described.length > 1 ? `${described.slice(0, -1).join(', ')} and ${described.at(-1)}` : described[0]}`;
}

export function rulesReference(): string {
  const lines = [
    RULES_HEADING,
    '',
    '<!-- Generated from the registry by `npm run rules-docs`; do not edit below this line. -->',
    '',
    '| Rule | Severity | What it checks | Why |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${cell(r.description)} | ${cell(r.rationale)} |`),
  ];
  for (const rule of rules) {
    lines.push('', `## ${rule.id}`, '', rule.description, '', `- Severity: ${rule.severity}`, `- Area: ${rule.area}`, `- Checked: ${rule.reportedBy === 'runner' ? 'by the command, when handling the connector fails (test/hostile/crash.test.ts injects such failures)' : rule.check ? 'on the compiled definition' : rule.diff ? 'by `plugboard diff`, between the connector at two revisions (each example below: a base folder and a head folder)' : rule.live ? 'by `plugboard test`, on an exchange with the live API (each example below: a folder and a recorded exchange)' : rule.area === 'import' ? 'by the importer, on the source being imported' : rule.area === 'export' ? 'by `export`, on the connector being exported (its fidelity report)' : 'by the compiler, on the source'}`, ...(rule.platformCodes?.length ? [`- Platform codes: ${rule.platformCodes.map((c) => `\`${c}\``).join(', ')}`] : []), '', rule.rationale);
    const outputs = [...rule.examples.notOk, ...(rule.diffExamples?.notOk ?? []), ...(rule.liveExamples?.notOk ?? [])].flatMap((e) => e.output);
    if (outputs.length) lines.push('', `For example${specialEntries(rule.examples.notOk.map((e) => e.files))}:`, '', '```text', ...outputs, '```');
  }
  return lines.join('\n') + '\n';
}

/**
 * src/core/rule-ids.ts: every id with its default severity, so that every layer (the compiler too,
 * which must not import the rules) gets the `RuleId` type and a misspelt id fails the typecheck.
 */
export function ruleIdsModule(): string {
  return [
    '// Generated from src/check/registry.ts by `npm run rules-docs`; do not edit. test/check/registry.test.ts keeps it current.',
    '/**',
    ' * Every rule id with its default severity: the `RuleId` type for every layer (the compiler reports',
    ' * rules without importing src/check), and the defaults the `recommended` preset is made of.',
    ' */',
    'export const RULE_DEFAULTS = {',
    ...rules.map((r) => `  '${r.id}': '${r.severity}',`),
    '} as const;',
    '',
    'export type RuleId = keyof typeof RULE_DEFAULTS;',
    '',
  ].join('\n');
}

/** The README with its generated part replaced. */
export function withRulesReference(readme: string): string {
  const at = readme.indexOf(`\n${RULES_HEADING}\n`);
  const head = at === -1 ? readme.trimEnd() + '\n' : readme.slice(0, at + 1);
  return `${head}${at === -1 ? '\n' : ''}${rulesReference()}`;
}

/**
 * The rule reference of src/check/README.md, generated from the registry: a table of every rule
 * and a section per rule (its anchor is the docs URL of its diagnostics) with its examples.
 */
import { rules } from './registry.ts';

export const RULES_HEADING = '## Rules';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

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
    lines.push('', `## ${rule.id}`, '', rule.description, '', `- Severity: ${rule.severity}`, `- Area: ${rule.area}`, `- Checked: ${rule.check ? 'on the compiled definition' : rule.area === 'import' ? 'by the importer, on the source being imported' : 'by the compiler, on the source'}`, '', rule.rationale);
    const outputs = rule.examples.notOk.flatMap((e) => e.output);
    if (outputs.length) lines.push('', 'For example:', '', '```text', ...outputs, '```');
  }
  return lines.join('\n') + '\n';
}

/** The README with its generated part replaced. */
export function withRulesReference(readme: string): string {
  const at = readme.indexOf(`\n${RULES_HEADING}\n`);
  const head = at === -1 ? readme.trimEnd() + '\n' : readme.slice(0, at + 1);
  return `${head}${at === -1 ? '\n' : ''}${rulesReference()}`;
}

/**
 * `plugboard rules`: the catalogue as the registry holds it (id, severity in a preset, area,
 * description, platform codes), and with --coverage how many of the platform's Swagger Validator
 * codes (src/check/platform-codes.ts) a rule stands for. Pure formatting over the registry: the same
 * registry and preset give the same text.
 */
import type { Rule } from '../../check/define-rule.ts';
import { isFixable } from '../../check/fix.ts';
import { PLATFORM_CODES, type PlatformCodeName } from '../../check/platform-codes.ts';
import { presets, type Level, type Preset } from '../../check/presets.ts';
import { rules as registry } from '../../check/registry.ts';
import { assertOneOf, parseCommand, stringOption } from '../args.ts';
import { EXIT, UsageError } from '../util.ts';

export const rulesHelp = `Usage: plugboard rules [options]

Lists every rule of \`plugboard check\`: its id, its severity in the preset, its area,
\`fix\` when \`check --fix\` mends its findings, what it checks, and the platform's Swagger
Validator codes it stands for (in brackets).

Options:
  --format <name>      table (default), json or markdown
  --preset <name>      Severities of this preset: ${Object.keys(presets).join(' or ')} (default: recommended)
  --coverage           Instead: how many of the ${Object.keys(PLATFORM_CODES).length} Swagger Validator codes a rule covers, how many
                       cannot be checked from the files (offline), and the codes not covered yet
  -h, --help           Show this help
`;

const FORMATS = ['table', 'json', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export interface RuleRow {
  id: string;
  severity: Level;
  area: string;
  description: string;
  /** `check --fix` has a fixer for it (src/check/fix.ts). */
  fixable: boolean;
  platformCodes: string[];
}

/** One row per rule, with its severity in `preset` (else its default). */
export function ruleRows(rules: readonly Rule[], preset: Preset): RuleRow[] {
  return rules.map((rule) => ({
    id: rule.id,
    severity: preset[rule.id] ?? rule.severity,
    area: rule.area,
    description: rule.description,
    fixable: isFixable(rule.id),
    platformCodes: [...(rule.platformCodes ?? [])],
  }));
}

export interface Coverage {
  total: number;
  /** Code → the rule that claims it. */
  claimed: Map<PlatformCodeName, string>;
  /** Codes no rule claims that cannot be checked from the files (with the reason). */
  offline: Map<PlatformCodeName, string>;
  /** Codes no rule claims and that could be checked. */
  unclaimed: PlatformCodeName[];
}

export function coverage(rules: readonly Rule[]): Coverage {
  const claimed = new Map<PlatformCodeName, string>();
  for (const rule of rules) for (const code of rule.platformCodes ?? []) if (!claimed.has(code)) claimed.set(code, rule.id);
  const offline = new Map<PlatformCodeName, string>();
  const unclaimed: PlatformCodeName[] = [];
  for (const [name, code] of Object.entries(PLATFORM_CODES) as Array<[PlatformCodeName, { offline?: string }]>) {
    if (claimed.has(name)) continue;
    if (code.offline) offline.set(name, code.offline);
    else unclaimed.push(name);
  }
  return { total: Object.keys(PLATFORM_CODES).length, claimed, offline, unclaimed };
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatRules(rows: readonly RuleRow[], format: Format, presetName: string): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (format === 'markdown') {
    return [
      `| Rule | Severity (${presetName}) | Area | Fix | What it checks | Platform codes |`,
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.area} | ${r.fixable ? 'yes' : ''} | ${md(r.description)} | ${r.platformCodes.map((c) => `\`${c}\``).join(', ')} |`),
      '',
    ].join('\n');
  }
  const idWidth = Math.max(...rows.map((r) => r.id.length), 4);
  const areaWidth = Math.max(...rows.map((r) => r.area.length), 4);
  const lines = rows.map((r) => {
    const codes = r.platformCodes.length ? ` [${r.platformCodes.join(', ')}]` : '';
    return `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.area.padEnd(areaWidth)}  ${r.fixable ? 'fix' : '   '}  ${r.description}${codes}`;
  });
  const counts = (['error', 'warning', 'info', 'off'] as const)
    .map((level) => [level, rows.filter((r) => r.severity === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}`);
  const fixable = rows.filter((r) => r.fixable).length;
  return `${lines.join('\n')}\n\n${rows.length} rules in the ${presetName} preset: ${counts.join(', ')}; ${fixable} with a fix\n`;
}

export function formatCoverage(c: Coverage, format: Format): string {
  const covered = c.claimed.size;
  const checkable = c.total - c.offline.size;
  if (format === 'json') {
    return JSON.stringify(
      {
        total: c.total,
        covered,
        offline: Object.fromEntries(c.offline),
        unclaimed: c.unclaimed,
        claimed: Object.fromEntries([...c.claimed].sort(([a], [b]) => a.localeCompare(b))),
      },
      null,
      2,
    ) + '\n';
  }
  const summary = `${covered} of ${c.total} Swagger Validator codes are covered by a rule; ${c.offline.size} cannot be checked from the files (offline); ${c.unclaimed.length} of the ${checkable} checkable ones are not covered yet.`;
  const group = (name: PlatformCodeName) => (PLATFORM_CODES[name] as { group: string }).group;
  if (format === 'markdown') {
    return [
      summary,
      '',
      ...(c.unclaimed.length ? ['Not covered yet:', '', ...c.unclaimed.map((n) => `- \`${n}\` (${group(n)})`), ''] : []),
      ...(c.offline.size ? ['Offline:', '', ...[...c.offline].map(([n, why]) => `- \`${n}\`: ${why}`), ''] : []),
    ].join('\n');
  }
  const width = Math.max(0, ...c.unclaimed.map((n) => n.length), ...[...c.offline.keys()].map((n) => n.length));
  return [
    summary,
    ...(c.unclaimed.length ? ['', 'Not covered yet:', ...c.unclaimed.map((n) => `  ${n.padEnd(width)}  ${group(n)}`)] : []),
    ...(c.offline.size ? ['', 'Offline:', ...[...c.offline].map(([n, why]) => `  ${n.padEnd(width)}  ${why}`)] : []),
    '',
  ].join('\n');
}

export function runRules(argv: string[]): number {
  const { values, positionals } = parseCommand('rules', argv, {
    format: { type: 'string' },
    preset: { type: 'string' },
    coverage: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(rulesHelp);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument \`${positionals[0]}\``, 'rules');
  const format = stringOption(values, 'format') ?? 'table';
  assertOneOf('format', format, FORMATS, 'rules');
  const presetName = stringOption(values, 'preset') ?? 'recommended';
  assertOneOf('preset', presetName, Object.keys(presets), 'rules');
  if (values.coverage === true) {
    process.stdout.write(formatCoverage(coverage(registry), format as Format));
    return EXIT.ok;
  }
  const preset = presets[presetName as keyof typeof presets];
  process.stdout.write(formatRules(ruleRows(registry, preset), format as Format, presetName));
  return EXIT.ok;
}

/**
 * How precise is the catalogue? Checks every Power Platform connector folder (a directory holding
 * `apiDefinition.swagger.json`) under the given roots with one preset, and prints one row per rule
 * that found something: its severity in that preset, its findings, and how many connectors it
 * found them in; then how many connectors have at least one error, overall and among the certified
 * ones (folders under a `certified-connectors` directory, which passed Microsoft's validation: an
 * error on one of them is almost always a false positive).
 *
 *   node scripts/calibrate.ts [<root>...] [--preset recommended|certification] [--markdown] [--json]
 *
 * The default root is ../shared/corpus. `--markdown` prints the table as Markdown (for a pull
 * request or a README); `--json` prints the measure as JSON. Exit 0 whatever it finds: it measures.
 */
import { plural } from '../src/core/plural.ts';
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Severity } from '../src/core/diagnostic.ts';
import { presets, type PresetName } from '../src/check/presets.ts';
import { checkPowerPlatformFolder, SWAGGER_FILE } from '../src/import/powerplatform-check.ts';

/** Folders deeper than this below a root are not looked at (the corpus is root/category/connector). */
const MAX_DEPTH = 6;
/** Enough for the public repository (about 1,000 connectors) with room to spare. */
const MAX_FOLDERS = 5_000;

/** Connector folders below `root`, sorted; symbolic links are never followed. */
export function connectorFolders(roots: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH || out.length >= MAX_FOLDERS) return;
    const st = lstatSync(dir, { throwIfNoEntry: false });
    if (!st?.isDirectory()) return;
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (entries.includes(SWAGGER_FILE)) {
      out.push(dir);
      return;
    }
    for (const name of entries) if (!name.startsWith('.')) visit(join(dir, name), depth + 1);
  };
  for (const root of roots) visit(resolve(root), 0);
  return out;
}

export interface RuleRow {
  ruleId: string;
  severity: Severity;
  findings: number;
  /** Connectors with at least one finding of the rule. */
  connectors: number;
  /** Of which certified. */
  certified: number;
}

export interface Calibration {
  preset: PresetName;
  connectors: number;
  certified: number;
  withErrors: string[];
  certifiedWithErrors: string[];
  totals: Record<Severity, number>;
  rules: RuleRow[];
}

export const isCertified = (dir: string): boolean => dir.split(/[\\/]/).includes('certified-connectors');

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function calibrate(folders: readonly string[], presetName: PresetName = 'recommended', base = process.cwd()): Calibration {
  const preset = presets[presetName];
  const rows = new Map<string, RuleRow & { seen: Set<string> }>();
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const withErrors: string[] = [];
  const certifiedWithErrors: string[] = [];
  for (const dir of folders) {
    const name = relative(base, dir) || dir;
    const outcome = checkPowerPlatformFolder(dir, name, { preset });
    let errors = false;
    for (const d of outcome.diagnostics) {
      totals[d.severity]++;
      if (d.severity === 'error') errors = true;
      const key = `${d.ruleId}\0${d.severity}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { ruleId: d.ruleId, severity: d.severity, findings: 0, connectors: 0, certified: 0, seen: new Set() }));
      row.findings++;
      if (!row.seen.has(dir)) {
        row.seen.add(dir);
        row.connectors++;
        if (isCertified(dir)) row.certified++;
      }
    }
    if (errors) {
      withErrors.push(name);
      if (isCertified(dir)) certifiedWithErrors.push(name);
    }
  }
  const rules = [...rows.values()]
    .map(({ seen: _seen, ...row }) => row)
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || b.findings - a.findings || a.ruleId.localeCompare(b.ruleId));
  return { preset: presetName, connectors: folders.length, certified: folders.filter(isCertified).length, withErrors, certifiedWithErrors, totals, rules };
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
}

export function formatTable(c: Calibration, markdown: boolean): string {
  const head = ['Rule', 'Severity', 'Findings', 'Connectors', 'Certified'];
  const body = c.rules.map((r) => [markdown ? `\`${r.ruleId}\`` : r.ruleId, r.severity, String(r.findings), String(r.connectors), String(r.certified)]);
  const summary = [
    `Preset \`${c.preset}\`: ${plural(c.connectors, 'connector')} (${c.certified} certified); ${plural(c.totals.error, 'error')}, ${plural(c.totals.warning, 'warning')}, ${c.totals.info} info.`,
    `Connectors with errors: ${c.withErrors.length} of ${c.connectors}.`,
    `Certified connectors with errors: ${c.certifiedWithErrors.length} of ${c.certified}${c.certifiedWithErrors.length ? ` (${c.certifiedWithErrors.map((n) => n.split(/[\\/]/).pop()).join(', ')})` : ''}.`,
  ];
  if (markdown) {
    const lines = [`| ${head.join(' | ')} |`, '| --- | --- | ---: | ---: | ---: |', ...body.map((cells) => `| ${cells.join(' | ')} |`)];
    return [...lines, '', ...summary].join('\n');
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  return [pad(head, widths), ...body.map((cells) => pad(cells, widths)), '', ...summary.map((s) => s.replaceAll('`', ''))].join('\n');
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { preset: { type: 'string', default: 'recommended' }, markdown: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const preset = values.preset!;
  if (!Object.hasOwn(presets, preset)) {
    process.stderr.write(`Unknown preset \`${preset}\`, expected ${Object.keys(presets).join(' or ')}\n`);
    return 2;
  }
  const roots = positionals.length ? positionals : [join(import.meta.dirname, '../../shared/corpus')];
  const folders = connectorFolders(roots);
  if (folders.length === 0) {
    process.stderr.write(`No folder holding ${SWAGGER_FILE} under ${roots.join(', ')}\n`);
    return 2;
  }
  const result = calibrate(folders, preset as PresetName);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatTable(result, values.markdown === true)}\n`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));

/**
 * Does export make a document worse? Imports every Power Platform folder of the corpus, exports it
 * to OpenAPI 3.1 (the fidelity report counted by rule), and lints the compiled Swagger 2.0 (which
 * import proves equal to the source) and the exported OpenAPI with Redocly's recommended rules, in
 * one `redocly lint` run. Prints one row per connector and the totals; exits 1 when an exported
 * document has more Redocly errors than the Swagger it came from.
 *
 *   node scripts/export-lint.ts [<corpus root>...] [--json] [--keep <dir>]
 *
 * The default roots are the shared corpus (../shared/corpus/powerplatform and powerplatform-extra).
 * test/export/redocly.test.ts runs the same measure on a few connectors.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connectorFromFiles } from '../src/compiler/load.ts';
import { exportSource } from '../src/export/index.ts';
import { importSource } from '../src/import/index.ts';
import { powerPlatformFolders } from './sugar-share.ts';

export interface LintRow {
  dir: string;
  /** Redocly errors and warnings of the compiled Swagger 2.0 and of the exported OpenAPI 3.1. */
  swagger: { errors: number; warnings: number };
  openapi: { errors: number; warnings: number };
  /** The fidelity report, by rule id. */
  report: Record<string, number>;
  /** Redocly rule ids of the errors the export has beyond the Swagger's, with counts. */
  newErrors: Record<string, number>;
}

interface Problem {
  ruleId: string;
  severity: string;
  location?: Array<{ source?: { ref?: string } }>;
}

const REDOCLY = join(import.meta.dirname, '../node_modules/.bin/redocly');

/** Lints the files in one Redocly run: file name → problems. */
export function redoclyLint(files: string[]): Map<string, Problem[]> {
  let out = '';
  try {
    out = execFileSync(REDOCLY, ['lint', '--format=json', '--max-problems=100000', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    // Exit 1 when there are errors: the JSON is on standard output all the same.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  const byFile = new Map<string, Problem[]>(files.map((f) => [basename(f), []]));
  for (const p of jsonStream(out).flatMap((o) => (o as { problems: Problem[] }).problems)) {
    const ref = p.location?.[0]?.source?.ref;
    if (ref) byFile.get(basename(ref))?.push(p);
  }
  return byFile;
}

/** Redocly writes one JSON object per file, one after the other: split them. */
function jsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

const count = (problems: Problem[], severity: string) => problems.filter((p) => p.severity === severity).length;

function byRule(problems: Problem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of problems) if (p.severity === 'error') out.set(p.ruleId, (out.get(p.ruleId) ?? 0) + 1);
  return out;
}

/** Imports, exports and lints each folder; `keep` writes the documents there instead of a temporary folder. */
export function measureExportLint(folders: readonly string[], keep?: string): LintRow[] {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'plugboard-export-lint-'));
  mkdirSync(dir, { recursive: true });
  try {
    const rows: Array<Omit<LintRow, 'swagger' | 'openapi' | 'newErrors'> & { files: [string, string] }> = [];
    folders.forEach((folder, i) => {
      const imported = importSource(folder);
      const texts = Object.fromEntries([...imported.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
      const exported = exportSource(connectorFromFiles(imported.id, texts), 'openapi3');
      const report: Record<string, number> = {};
      for (const d of exported.diagnostics) if (d.ruleId.startsWith('export-')) report[d.ruleId] = (report[d.ruleId] ?? 0) + 1;
      // The compiled Swagger is the source (import proves it), as strict JSON.
      const swaggerFile = join(dir, `${i}-swagger.json`);
      const openapiFile = join(dir, `${i}-openapi.json`);
      writeFileSync(swaggerFile, JSON.stringify(exported.compiled.swagger, null, 2));
      writeFileSync(openapiFile, exported.text);
      rows.push({ dir: folder, report, files: [swaggerFile, openapiFile] });
    });
    const lint = redoclyLint(rows.flatMap((r) => r.files));
    return rows.map(({ files, ...row }) => {
      const a = lint.get(basename(files[0])) ?? [];
      const b = lint.get(basename(files[1])) ?? [];
      const before = byRule(a);
      const newErrors: Record<string, number> = {};
      for (const [rule, n] of byRule(b)) if (n > (before.get(rule) ?? 0)) newErrors[rule] = n - (before.get(rule) ?? 0);
      return { ...row, swagger: { errors: count(a, 'error'), warnings: count(a, 'warn') }, openapi: { errors: count(b, 'error'), warnings: count(b, 'warn') }, newErrors };
    });
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatRows(rows: LintRow[]): string {
  const lines = ['| connector | Swagger errors | OpenAPI errors | Swagger warnings | OpenAPI warnings | dropped | approximated | header ignored |', '|---|---|---|---|---|---|---|---|'];
  const total = { se: 0, oe: 0, sw: 0, ow: 0, d: 0, a: 0, h: 0 };
  for (const r of rows) {
    const d = r.report['export-dropped'] ?? 0;
    const a = r.report['export-approximated'] ?? 0;
    const h = r.report['export-header-ignored'] ?? 0;
    Object.assign(total, { se: total.se + r.swagger.errors, oe: total.oe + r.openapi.errors, sw: total.sw + r.swagger.warnings, ow: total.ow + r.openapi.warnings, d: total.d + d, a: total.a + a, h: total.h + h });
    const worse = Object.keys(r.newErrors).length ? ` (more: ${Object.entries(r.newErrors).map(([k, n]) => `${k} ${n}`).join(', ')})` : '';
    lines.push(`| ${r.dir.split('/').slice(-2).join('/')} | ${r.swagger.errors} | ${r.openapi.errors}${worse} | ${r.swagger.warnings} | ${r.openapi.warnings} | ${d} | ${a} | ${h} |`);
  }
  lines.push(`| **${rows.length} connectors** | ${total.se} | ${total.oe} | ${total.sw} | ${total.ow} | ${total.d} | ${total.a} | ${total.h} |`);
  const worse = rows.filter((r) => r.openapi.errors > r.swagger.errors).length;
  lines.push('', `${worse} of ${rows.length} exported documents have more Redocly errors than their Swagger.`);
  return lines.join('\n');
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, keep: { type: 'string' } } });
  const repo = resolve(import.meta.dirname, '..');
  const roots = positionals.length ? positionals.map((p) => resolve(p)) : ['../shared/corpus/powerplatform', '../shared/corpus/powerplatform-extra'].map((p) => join(repo, p));
  const rows = measureExportLint(powerPlatformFolders(roots), values.keep);
  process.stdout.write(values.json ? JSON.stringify(rows, null, 2) + '\n' : formatRows(rows) + '\n');
  process.exitCode = rows.some((r) => r.openapi.errors > r.swagger.errors) ? 1 : 0;
}

/**
 * How much of an imported connector is written as authoring sugar and how much is left raw, for
 * the four constructs issue 10 measures: dynamic values, dynamic schema, triggers and auth.
 * Imports every Power Platform folder (`<root>/<category>/<name>/`) in memory, parses the front-matter
 * of each written MDX file and counts nodes:
 *
 * - dynamic values: a node with `dynamicValues` is sugar; one with `x-ms-dynamic-values` or
 *   `x-ms-dynamic-list` (and no `dynamicValues`) is raw;
 * - dynamic schema: likewise `dynamicSchema` vs `x-ms-dynamic-schema` / `x-ms-dynamic-properties`;
 * - triggers: a file under triggers/ with `kind:` is sugar; without, or an operation with
 *   `x-ms-trigger` kept verbatim under `paths` in connector.mdx, is raw;
 * - auth: connector.mdx with `auth:` is sugar; with raw `securityDefinitions`, `connectionParameters`
 *   or `connectionParameterSets` (and no `auth`) is raw.
 *
 *   node scripts/sugar-share.ts [<corpus root>...] [--json] [--by-connector]
 *
 * The default roots are the shared corpus (../shared/corpus/powerplatform and powerplatform-extra).
 * test/import/sugar-share.test.ts holds the shares this gives and fails when a raw share grows.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { importSource } from '../src/import/index.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const CONSTRUCTS = ['dynamicValues', 'dynamicSchema', 'triggers', 'auth'] as const;
export type Construct = (typeof CONSTRUCTS)[number];
export type Share = Record<Construct, { sugar: number; raw: number }>;

export const emptyShare = (): Share => ({
  dynamicValues: { sugar: 0, raw: 0 },
  dynamicSchema: { sugar: 0, raw: 0 },
  triggers: { sugar: 0, raw: 0 },
  auth: { sugar: 0, raw: 0 },
});

export function addShare(into: Share, from: Share): Share {
  for (const c of CONSTRUCTS) {
    into[c].sugar += from[c].sugar;
    into[c].raw += from[c].raw;
  }
  return into;
}

/** Raw share of one construct in percent (0 when it does not occur). */
export const rawPercent = (s: { sugar: number; raw: number }): number => (s.sugar + s.raw === 0 ? 0 : (100 * s.raw) / (s.sugar + s.raw));

function frontMatterOf(text: string): unknown {
  const m = /^---\n([\s\S]*?)\n?---\n/.exec(text);
  if (!m) return undefined;
  return load(m[1]!);
}

/** Counts sugar and raw nodes over the MDX files of one imported connector (path → text). */
export function countShare(files: ReadonlyMap<string, string | Buffer>): Share {
  const share = emptyShare();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200) return;
    if (Array.isArray(node)) {
      for (const v of node) walk(v, depth + 1);
      return;
    }
    if (!isObj(node)) return;
    if (Object.hasOwn(node, 'dynamicValues')) share.dynamicValues.sugar++;
    else if (Object.hasOwn(node, 'x-ms-dynamic-values') || Object.hasOwn(node, 'x-ms-dynamic-list')) share.dynamicValues.raw++;
    if (Object.hasOwn(node, 'dynamicSchema')) share.dynamicSchema.sugar++;
    else if (Object.hasOwn(node, 'x-ms-dynamic-schema') || Object.hasOwn(node, 'x-ms-dynamic-properties')) share.dynamicSchema.raw++;
    for (const v of Object.values(node)) walk(v, depth + 1);
  };
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (typeof content !== 'string' || !name.endsWith('.mdx')) continue;
    const fm = frontMatterOf(content);
    walk(fm, 0);
    if (!isObj(fm)) continue;
    if (name.startsWith('triggers/')) {
      if (fm.kind !== undefined) share.triggers.sugar++;
      else share.triggers.raw++;
    }
    if (name === 'connector.mdx') {
      if (fm.auth !== undefined) share.auth.sugar++;
      else if (fm.securityDefinitions !== undefined || fm.connectionParameters !== undefined || fm.connectionParameterSets !== undefined) share.auth.raw++;
      if (isObj(fm.paths)) {
        for (const item of Object.values(fm.paths)) {
          if (!isObj(item)) continue;
          for (const op of Object.values(item)) if (isObj(op) && op['x-ms-trigger'] !== undefined) share.triggers.raw++;
        }
      }
    }
  }
  return share;
}

/** Power Platform folders under `<root>/<category>/<name>/` (folders holding a *.swagger.json). */
export function powerPlatformFolders(roots: readonly string[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const category of readdirSync(root).sort()) {
      const categoryDir = join(root, category);
      if (!statSync(categoryDir).isDirectory()) continue;
      for (const name of readdirSync(categoryDir).sort()) {
        const dir = join(categoryDir, name);
        if (statSync(dir).isDirectory() && readdirSync(dir).some((f) => /\.swagger\.json$/i.test(f))) out.push(dir);
      }
    }
  }
  return out;
}

export interface ShareReport {
  total: Share;
  connectors: { dir: string; share: Share; lossless: boolean }[];
}

/** Imports each folder and counts; `lossless` is false when the import reported a difference. */
export function measureShare(folders: readonly string[]): ShareReport {
  const total = emptyShare();
  const connectors: ShareReport['connectors'] = [];
  for (const dir of folders) {
    const result = importSource(dir);
    const share = countShare(result.files);
    addShare(total, share);
    connectors.push({ dir, share, lossless: !result.diagnostics.some((d) => d.ruleId === 'import-not-lossless') });
  }
  return { total, connectors };
}

export function formatShare(report: ShareReport, title: string): string {
  const lines = [`${title}: ${report.connectors.length} connectors, ${report.connectors.filter((c) => c.lossless).length} lossless`, '| construct | sugar | raw | raw share |', '|---|---|---|---|'];
  for (const c of CONSTRUCTS) {
    const s = report.total[c];
    lines.push(`| ${c} | ${s.sugar} | ${s.raw} | ${rawPercent(s).toFixed(1)} % |`);
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, 'by-connector': { type: 'boolean' } } });
  const repo = resolve(import.meta.dirname, '..');
  const roots = positionals.length ? positionals.map((p) => resolve(p)) : ['../shared/corpus/powerplatform', '../shared/corpus/powerplatform-extra'].map((p) => join(repo, p));
  const report = measureShare(powerPlatformFolders(roots));
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    process.stdout.write(formatShare(report, roots.join(', ')) + '\n');
    if (values['by-connector']) {
      for (const c of report.connectors) {
        const raw = CONSTRUCTS.filter((k) => c.share[k].raw).map((k) => `${k} ${c.share[k].raw} raw / ${c.share[k].sugar} sugar`);
        if (raw.length || !c.lossless) process.stdout.write(`${c.dir}${c.lossless ? '' : ' (NOT lossless)'}: ${raw.join(', ')}\n`);
      }
    }
  }
}

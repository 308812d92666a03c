/**
 * After `astro build`: index the pages with Pagefind, print every connector diagnostic and exit 1
 * when any connector has errors — a connector plugboard failed on included (connector-internal-error).
 * Everything is written first, so the site documents the errors. Failures are printed as one plain
 * line each, never as a stack trace or with hints from other tools.
 * Run by `plugboard site` (src/cli/commands/site.ts) after Astro's build, on the folder
 * `PLUGBOARD_SITE_OUT` names (config.ts siteOutDir).
 */
import { join } from 'node:path';
import { createIndex, close } from 'pagefind';
import { firstLine } from '../check/rules/connector-internal-error.ts';
import { plural } from '../core/plural.ts';
import { isSkipped, readRegularText } from '../core/safe-fs.ts';
import { siteOutDir } from './config.ts';
import type { DiagnosticsSummary } from './endpoints.ts';

const out = siteOutDir();

function fail(message: string): void {
  process.stderr.write(`plugboard site: ${message}\n`);
  process.exitCode = 1;
}

async function indexPages(): Promise<void> {
  const started = performance.now();
  try {
    const { index, errors } = await createIndex({});
    if (!index) return fail(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: out });
    if (added.errors.length) return fail(`Pagefind could not index the pages: ${added.errors.join('; ')}`);
    await index.writeFiles({ outputPath: join(out, 'pagefind') });
    process.stdout.write(`Indexed ${plural(added.page_count, 'page')} with Pagefind in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
  } catch (error) {
    fail(`Pagefind failed: ${firstLine(error)}`);
  } finally {
    await close();
  }
}

function readSummary(): DiagnosticsSummary | undefined {
  const text = readRegularText(join(out, 'diagnostics.json'), 256 * 1024 * 1024);
  if (isSkipped(text)) return void fail(`${text.rel} ${text.detail}: did the site build finish?`);
  try {
    return JSON.parse(text) as DiagnosticsSummary;
  } catch (error) {
    return void fail(`${join(out, 'diagnostics.json')} is not JSON: ${firstLine(error)}`);
  }
}

await indexPages();
const summary = readSummary();
if (summary) {
  for (const d of summary.diagnostics) process.stdout.write(`${d.severity} ${d.text}\n`);
  const failed = new Set(summary.diagnostics.filter((d) => d.text.endsWith('(connector-internal-error)')).map((d) => d.connector)).size;
  process.stdout.write(`Site: ${plural(summary.connectors, 'connector')}, ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${failed ? `, ${plural(failed, 'connector')} failed` : ''}\n`);
  if (summary.connectors === 0) fail('no connectors were built into the site');
  if (summary.errors > 0) process.exitCode = 1;
}

/**
 * After `astro build`: index the pages with Pagefind, print every connector diagnostic and exit 1
 * when any connector has errors (the whole site is written first, so it documents them).
 * Run through `npm run build`; `PLUGBOARD_SITE_OUT` picks the folder (default dist).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIndex, close } from 'pagefind';
import { siteOutDir } from './config.ts';
import type { DiagnosticsSummary } from './endpoints.ts';

const out = siteOutDir();
const started = performance.now();
const { index, errors } = await createIndex({});
if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: out });
if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
await index.writeFiles({ outputPath: join(out, 'pagefind') });
await close();
process.stdout.write(`Indexed ${added.page_count} pages with Pagefind in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);

const summary = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8')) as DiagnosticsSummary;
for (const d of summary.diagnostics) process.stdout.write(`${d.severity} ${d.text}\n`);
process.stdout.write(`Site: ${summary.connectors} connectors, ${summary.errors} errors, ${summary.warnings} warnings\n`);
if (summary.connectors === 0) {
  process.stderr.write('No connectors were built into the site\n');
  process.exitCode = 1;
}
if (summary.errors > 0) process.exitCode = 1;

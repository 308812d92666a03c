/** Regenerates the rule reference in src/check/README.md from the registry (`npm run rules-docs`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRulesReference } from '../src/check/docs.ts';

const file = join(import.meta.dirname, '../src/check/README.md');
writeFileSync(file, withRulesReference(readFileSync(file, 'utf8')));
console.log(`wrote ${file}`);

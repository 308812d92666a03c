/** Regenerates what comes from the registry (`npm run rules-docs`): the rule reference in src/check/README.md and src/core/rule-ids.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleIdsModule, withRulesReference } from '../src/check/docs.ts';

const readme = join(import.meta.dirname, '../src/check/README.md');
writeFileSync(readme, withRulesReference(readFileSync(readme, 'utf8')));
console.log(`wrote ${readme}`);
const ids = join(import.meta.dirname, '../src/core/rule-ids.ts');
writeFileSync(ids, ruleIdsModule());
console.log(`wrote ${ids}`);

/** Writes src/model/json-schema/*.schema.json from the zod authoring schemas (`npm run schema`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMAS, toJsonSchema } from '../src/model/json-schema.ts';

const dir = join(import.meta.dirname, '../src/model/json-schema');
mkdirSync(dir, { recursive: true });
for (const name of Object.keys(JSON_SCHEMAS) as Array<keyof typeof JSON_SCHEMAS>) {
  const file = join(dir, `${name}.schema.json`);
  writeFileSync(file, JSON.stringify(toJsonSchema(name), null, 2) + '\n');
  console.log(`wrote ${file}`);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/core/source-file.ts';
import { JSON_SCHEMAS, toJsonSchema } from '../../src/model/json-schema.ts';

const dir = join(import.meta.dirname, '../../src/model/json-schema');
const names = Object.keys(JSON_SCHEMAS) as Array<keyof typeof JSON_SCHEMAS>;

describe('editor JSON Schemas', () => {
  it.each(names)('%s.schema.json is generated from the zod model (run `npm run schema`)', (name) => {
    expect(JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8'))).toEqual(toJsonSchema(name));
  });

  it('accept the test copies of the bundled connectors and reject unknown keys', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = Object.fromEntries(names.map((n) => [n, ajv.compile(toJsonSchema(n))]));
    const root = join(import.meta.dirname, '../fixtures/connectors');
    let files = 0;
    for (const id of readdirSync(root)) {
      const check = (kind: keyof typeof JSON_SCHEMAS, path: string) => {
        const data = yaml.load(splitFrontMatter(readFileSync(path, 'utf8')).yaml, { schema: yaml.CORE_SCHEMA });
        expect(validate[kind]!(data), `${path}: ${JSON.stringify(validate[kind]!.errors?.slice(0, 3))}`).toBe(true);
        files++;
      };
      check('connector', join(root, id, 'connector.mdx'));
      for (const [sub, kind] of [['actions', 'action'], ['triggers', 'trigger'], ['definitions', 'definition']] as const) {
        let entries: string[] = [];
        try {
          entries = readdirSync(join(root, id, sub));
        } catch {
          continue;
        }
        for (const f of entries) check(kind, join(root, id, sub, f));
      }
    }
    expect(files).toBeGreaterThan(20);
    expect(validate.action!({ request: 'GET /x', sumary: 'typo' })).toBe(false);
    expect(validate.action!({ request: 'GET /x', 'x-anything': 1 })).toBe(true);
  });
});

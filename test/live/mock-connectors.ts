/** Connectors for the live tests: the bundled ones compiled, and the corpus folders when present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { compileConnector } from '../../src/build/connector.ts';
import { jobOf } from '../../src/build/connectors.ts';
import type { ApiProperties, Swagger } from '../../src/swagger/index.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const BUNDLED = ['github-issues', 'mailchimp-audiences', 'open-meteo', 'the-cat-api'] as const;

export interface Documents {
  name: string;
  swagger: Swagger;
  apiProperties: ApiProperties | undefined;
}

const compiled = new Map<string, Documents>();

/** A bundled connector, compiled as `check` compiles it (memoized). */
export function bundled(id: string): Documents {
  let docs = compiled.get(id);
  if (!docs) {
    const { result } = compileConnector(jobOf(join(ROOT, 'connectors', id), ROOT));
    docs = { name: id, swagger: result.swagger as Swagger, apiProperties: result.apiProperties as ApiProperties };
    compiled.set(id, docs);
  }
  return docs;
}

export const CORPUS = join(ROOT, '../shared/corpus');
const CORPUS_FOLDERS = ['powerplatform', 'powerplatform-extra'].map((f) => join(CORPUS, f)).filter((f) => existsSync(f));

/** Every corpus connector folder (`apiDefinition.swagger.json`, read leniently as the platform does); empty when absent. */
export function corpus(): Documents[] {
  const out: Documents[] = [];
  for (const root of CORPUS_FOLDERS) {
    for (const kind of readdirSync(root).sort()) {
      for (const name of readdirSync(join(root, kind)).sort()) {
        const file = join(root, kind, name, 'apiDefinition.swagger.json');
        if (!existsSync(file)) continue;
        const props = join(root, kind, name, 'apiProperties.json');
        out.push({
          name,
          swagger: JSON5.parse(readFileSync(file, 'utf8')) as Swagger,
          apiProperties: existsSync(props) ? (JSON5.parse(readFileSync(props, 'utf8')) as ApiProperties) : undefined,
        });
      }
    }
  }
  return out;
}

export const corpusPresent = CORPUS_FOLDERS.length > 0;

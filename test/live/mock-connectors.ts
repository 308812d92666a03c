/** Connectors for the live tests: the bundled ones compiled, and the corpus folders when present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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

/** The corpus connector folders holding an `apiDefinition.swagger.json`, sorted; empty when absent. */
export function corpusFolders(): string[] {
  const out: string[] = [];
  for (const root of CORPUS_FOLDERS) {
    for (const kind of readdirSync(root).sort()) {
      for (const name of readdirSync(join(root, kind)).sort()) {
        if (existsSync(join(root, kind, name, 'apiDefinition.swagger.json'))) out.push(join(root, kind, name));
      }
    }
  }
  return out;
}

/** Every corpus connector folder (`apiDefinition.swagger.json`, read leniently as the platform does); empty when absent. */
export function corpus(): Documents[] {
  return corpusFolders().map((dir) => {
    const props = join(dir, 'apiProperties.json');
    return {
      name: basename(dir),
      swagger: JSON5.parse(readFileSync(join(dir, 'apiDefinition.swagger.json'), 'utf8')) as Swagger,
      apiProperties: existsSync(props) ? (JSON5.parse(readFileSync(props, 'utf8')) as ApiProperties) : undefined,
    };
  });
}

export const corpusPresent = CORPUS_FOLDERS.length > 0;

/**
 * A connector package: its files and their bytes, and the one writer that puts them in a folder.
 * `plugboard build` writes `<out>/<id>/`, the site writes its package folder the same way and
 * serves those bytes at dist/connectors/<id>/ and in the zip (src/site/endpoints.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompileResult } from '../compiler/index.ts';
import { ensureRealFolder, removeWritten, writeFileInside } from './out-folder.ts';

/** The bytes of a JSON output file: two-space indented, newline-terminated. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The files of the package of `result`, by path inside the package, sorted by path. */
export function packageFiles(result: Pick<CompileResult, 'swagger' | 'apiProperties' | 'readme' | 'assets'>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>(result.assets);
  files.set('apiDefinition.swagger.json', Buffer.from(jsonText(result.swagger)));
  files.set('apiProperties.json', Buffer.from(jsonText(result.apiProperties)));
  files.set('readme.md', Buffer.from(result.readme));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Writes the package of `result` into `target` and returns its file names, sorted. Files an
 * earlier build wrote there (`previous`) and this one does not are deleted; nothing else in the
 * folder is (src/build/out-folder.ts).
 */
export function writePackage(result: CompileResult, target: string, previous: readonly string[] = []): string[] {
  if (existsSync(join(target, 'connector.mdx'))) {
    throw new Error(`refusing to replace ${target}: it holds a connector.mdx (is --out pointing at the sources?)`);
  }
  ensureRealFolder(target);
  const files = packageFiles(result);
  for (const [name, bytes] of files) writeFileInside(target, name, bytes);
  removeWritten(target, previous.filter((f) => !files.has(f)));
  return [...files.keys()];
}

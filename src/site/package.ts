/**
 * The files of a connector package, exactly as `plugboard build` writes them
 * (src/cli/compile-one.ts writePackage): the site serves them at the same paths under
 * dist/connectors/<id>/, plus a zip of the whole package. test/site/package.test.ts checks the bytes.
 */
import type { CompileResult } from '../compiler/index.ts';
import { zip } from './zip.ts';

/** Two-space indented JSON with a final newline, as the CLI writes it. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export interface PackageFile {
  /** Path inside the package folder. */
  name: string;
  /** Base64 of the bytes (kept as text so the content store can hold it). */
  base64: string;
}

export function packageFiles(result: Pick<CompileResult, 'swagger' | 'apiProperties' | 'readme' | 'assets'>): PackageFile[] {
  const files = new Map<string, Buffer>();
  for (const [name, bytes] of result.assets) files.set(name, bytes);
  files.set('apiDefinition.swagger.json', Buffer.from(jsonText(result.swagger)));
  files.set('apiProperties.json', Buffer.from(jsonText(result.apiProperties)));
  files.set('readme.md', Buffer.from(result.readme));
  return [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, bytes]) => ({ name, base64: bytes.toString('base64') }));
}

export function packageZip(id: string, files: readonly PackageFile[]): Buffer {
  return zip(files.map((f) => ({ name: `${id}/${f.name}`, data: Buffer.from(f.base64, 'base64') })));
}

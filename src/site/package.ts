/**
 * A connector package as the site serves it: the files src/build wrote (src/build/package.ts, the
 * writer `plugboard build` uses), at the same paths under dist/connectors/<id>/, plus a zip of the
 * whole package. test/site/package.test.ts checks the bytes.
 */
import { zip } from './zip.ts';

export interface PackageFile {
  /** Path inside the package folder. */
  name: string;
  /** Base64 of the bytes (kept as text so the content store can hold it). */
  base64: string;
}

export function packageZip(id: string, files: readonly PackageFile[]): Buffer {
  return zip(files.map((f) => ({ name: `${id}/${f.name}`, data: Buffer.from(f.base64, 'base64') })));
}

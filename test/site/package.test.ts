/**
 * The site serves each connector package at dist/connectors/<id>/ with the same bytes that
 * `plugboard build` writes; the zip holds the same files.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/check/run.ts';
import { writePackage } from '../../src/cli/compile-one.ts';
import { compile } from '../../src/compiler/index.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { buildSiteConnector, connectorDirs, connectorPackage } from '../../src/site/connectors.ts';
import { packageZip } from '../../src/site/package.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'plugboard-site-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function unzip(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const method = buf.readUInt16LE(at + 8);
    const size = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const extra = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 30, at + 30 + nameLength).toString();
    const data = buf.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 30 + nameLength + extra + size;
  }
  return files;
}

describe.each(connectorDirs(['connectors'], ROOT).map((d) => [d.id, d] as const))('%s', (id, { dir, display }) => {
  const c = buildSiteConnector(dir, display, join(out, 'site'));
  const files = connectorPackage(c);

  it('has the bytes `plugboard build` writes', () => {
    const cli = join(out, 'cli', id);
    writePackage(compile(loadConnector(dir, display), { runChecks }), cli);
    const written = readdirSync(cli, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(cli.length + 1)).sort();
    expect(files.map((f) => f.name)).toEqual(written);
    for (const f of files) expect(Buffer.from(f.base64, 'base64').equals(readFileSync(join(cli, f.name))), f.name).toBe(true);
  });

  it('zips the same files, deterministically', () => {
    const zip = packageZip(id, files);
    expect(packageZip(id, files).equals(zip)).toBe(true);
    const entries = unzip(zip);
    expect([...entries.keys()]).toEqual(files.map((f) => `${id}/${f.name}`));
    for (const f of files) expect(entries.get(`${id}/${f.name}`)!.toString('base64')).toBe(f.base64);
  });

  it.skipIf(!existsSync(join(ROOT, 'dist/connectors', id, 'index.html')))('matches the built site in dist/', () => {
    for (const f of files) {
      const built = join(ROOT, 'dist/connectors', id, f.name);
      expect(readFileSync(built).toString('base64'), f.name).toBe(f.base64);
    }
  });
});

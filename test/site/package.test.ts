/**
 * The site serves each connector package at dist/connectors/<id>/ with the same bytes that
 * `plugboard build` writes (one writer: src/build/package.ts); the zip holds the same files.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { connectorJobs } from '../../src/build/connectors.ts';
import { buildConnectors } from '../../src/build/index.ts';
import { buildSiteConnector, connectorPackage } from '../../src/site/connectors.ts';
import { packageZip } from '../../src/site/package.ts';

/** Holds `connectors/`: the tests' own copies of the bundled connectors, never the user's folder. */
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
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

describe.each(connectorJobs(['connectors'], FIXTURES).map((job) => [job.id, job] as const))('%s', (id, job) => {
  const { dir, display } = job;
  const c = buildSiteConnector(dir, display, join(out, 'site'));
  const files = connectorPackage(c);

  it('has the bytes `plugboard build` writes', async () => {
    const { outcomes } = await buildConnectors([job], { threads: 1, out: { dir: join(out, 'cli'), prune: false } });
    expect(outcomes[0]!.crash).toBeUndefined();
    const cli = join(out, 'cli', id);
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
});

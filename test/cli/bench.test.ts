import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const BENCH = fileURLToPath(new URL('../../scripts/bench.ts', import.meta.url));

it('bench skips with a message when the corpus is absent', () => {
  const missing = tempDir() + '/no-corpus';
  const r = spawnSync(process.execPath, [BENCH, '--corpus', missing], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(`bench: skipped, no corpus at ${missing} (pass --corpus <dir>)\n`);
});

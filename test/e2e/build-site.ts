/**
 * vitest globalSetup: builds the site once for the browser tests: the bundled connectors, the test
 * fixtures, a large connector of our own (test/support/large-connector.ts) and, when the corpus is
 * there, the largest real connector imported from it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { largeConnector } from '../support/large-connector.ts';
import { BLACKBAUD_SOURCE, E2E_CONNECTORS, E2E_ENV, E2E_SITE, HAS_BLACKBAUD, LARGE_ID, ROOT } from './paths.ts';

function writeExtraConnectors(): void {
  rmSync(E2E_CONNECTORS, { recursive: true, force: true });
  largeConnector({ root: E2E_CONNECTORS, id: LARGE_ID });
  if (!HAS_BLACKBAUD) return;
  const imported = spawnSync(process.execPath, ['src/cli/main.ts', 'import', BLACKBAUD_SOURCE, '--connectors', E2E_CONNECTORS], { cwd: ROOT, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`importing Blackbaud failed (${imported.status}):\n${imported.stdout}\n${imported.stderr}`);
}

export default function setup(): void {
  if (process.env.PLUGBOARD_E2E_REUSE === '1' && existsSync(`${E2E_SITE}/index.html`)) return;
  writeExtraConnectors();
  const result = spawnSync('npm', ['run', 'build', '--silent'], { env: { ...process.env, ...E2E_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`site build failed (${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
}

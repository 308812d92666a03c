/** vitest globalSetup: builds the site once (bundled connectors + test fixtures) for the browser tests. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { E2E_SITE, E2E_ENV } from './paths.ts';

export default function setup(): void {
  if (process.env.PLUGBOARD_E2E_REUSE === '1' && existsSync(`${E2E_SITE}/index.html`)) return;
  const result = spawnSync('npm', ['run', 'build', '--silent'], { env: { ...process.env, ...E2E_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`site build failed (${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
}

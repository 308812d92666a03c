/**
 * The "Try it" panel of `plugboard site --dev` in a real browser: the dev server started as a user
 * starts it (bundled connectors, a port of its own), an operation page of the-cat-api with the
 * panel laid out as the designer's card, the dynamic dropdown filled from ListBreeds through the
 * dev server, a call to the mock answered 200 and checked against the schema. And the static site
 * the e2e build wrote (test/e2e/build-site.ts) holds no trace of the panel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_SITE, ROOT, SCREENSHOTS } from './paths.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** How long the dev server may take to answer its first page. */
const READY_MS = 90_000;

let browser: Browser;
let dev: ChildProcess;
let base = '';
let log = '';
let startedMs = 0;
const cache = mkdtempSync(join(tmpdir(), 'plugboard-try-it-'));
const errors: string[] = [];

/** This environment as a user's shell has it: without vitest's variables, which make Astro serve nothing (it skips its dev handler under VITEST). */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForDevServer(url: string): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`the dev server exited with ${dev.exitCode}:\n${log.slice(-3000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the dev server did not answer ${url} within ${READY_MS} ms:\n${log.slice(-3000)}`);
}

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(base + path);
  return page;
}

/** A select of the panel by its form key, filled from the dev server. */
const loaded = (page: Page, key: string) => page.locator(`select[data-key="${key}"][data-state=loaded]`).waitFor({ timeout: 15_000 });

/**
 * Picks the second owner of github-issues' Owner dropdown once both dropdowns are filled, waits for
 * the values request of the dependent `key` that the change sends, then for `key` filled again.
 * Gives the owner picked and the JSON of that request.
 */
async function changeOwner(page: Page, key: string, beforeChange: () => Promise<void> = async () => undefined): Promise<{ owner: string; asked: unknown }> {
  const panel = page.locator('details.try-it');
  await loaded(page, key);
  await loaded(page, 'owner');
  await beforeChange();
  const owner = (await panel.locator('select[data-key=owner] option').nth(1).getAttribute('value'))!;
  const request = page.waitForRequest((r) => r.url().endsWith('/_plugboard/try/github-issues/values') && (r.postDataJSON() as { parameter: string }).parameter === key, { timeout: 15_000 });
  await panel.locator('select[data-key=owner]').selectOption(owner);
  const asked = (await request).postDataJSON() as unknown;
  await loaded(page, key);
  return { owner, asked };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Its own process group, so that Astro and everything it started end together.
  dev = spawn(process.execPath, ['src/cli/main.ts', 'site', '--dev', '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...userEnv(), PLUGBOARD_CONNECTORS: 'connectors', PLUGBOARD_SITE_CACHE: join(cache, 'packages'), PLUGBOARD_EDIT_LINKS: 'off', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  dev.stdout!.on('data', keep);
  dev.stderr!.on('data', keep);
  await waitForDevServer(`${base}/`);
  startedMs = Math.round(performance.now() - started);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dev?.pid !== undefined && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    process.kill(-dev.pid, 'SIGTERM');
    const timer = setTimeout(() => dev.exitCode === null && process.kill(-dev.pid!, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(cache, { recursive: true, force: true });
});

describe('the Try it panel of plugboard site --dev', () => {
  it('lays out the operation as the designer does and fills the dynamic dropdown from the dev server', async () => {
    console.log(`dev server answered its first page after ${startedMs} ms`);
    const page = await open('/connectors/the-cat-api/SearchImages/');
    // The first page of a fresh dev server is not reloaded under the user (src/site/dev-reload.ts dropStartupReloads).
    let reloads = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && reloads++);
    const panel = page.locator('details.try-it');
    await panel.locator(':scope > summary').click();
    // Important first (Breed), then the others; advanced folded under "Show advanced options".
    const labels = await panel.locator('form > .try-field > label').allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(['Breed', 'Category', 'Limit']);
    const advanced = panel.locator('details.try-advanced');
    expect(await advanced.locator('summary').innerText()).toBe('Show advanced options');
    expect(await advanced.getAttribute('open')).toBeNull();
    await advanced.locator('summary').click();
    // An enum is a dropdown with its values, the default chosen.
    expect(await panel.locator('select[data-key=size]').inputValue()).toBe('med');
    // Both dynamic dropdowns come from the connector's mock through the dev server.
    for (const key of ['breed_ids', 'category_ids']) {
      await page.locator(`select[data-key=${key}][data-state=loaded]`).waitFor({ timeout: 15_000 });
      expect(await page.locator(`select[data-key=${key}] option`).count()).toBeGreaterThan(2);
    }
    expect(reloads).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'try-it-form.png'), fullPage: true });
    await page.close();
  });

  it('sends GetBreed to the mock with a breed picked from ListBreeds and shows the response and the schema check', async () => {
    const page = await open('/connectors/the-cat-api/GetBreed/');
    const panel = page.locator('details.try-it');
    expect(await panel.locator(':scope > summary h2').innerText()).toBe('Try it');
    await panel.locator(':scope > summary').click();
    const breed = panel.locator('select[data-key=breed_id]');
    expect(await panel.locator('label[for=try-breed_id]').innerText()).toContain('Breed');
    expect(await panel.locator('#try-breed_id-help').innerText()).toBe('The breed to get.');
    await page.locator('select[data-key=breed_id][data-state=loaded]').waitFor({ timeout: 15_000 });
    const first = await breed.locator('option').nth(1).getAttribute('value');
    expect(first).toBeTruthy();
    await breed.selectOption(first!);
    expect(await panel.locator('input[name=try-target][value=mock]').isChecked()).toBe(true);
    const sent = performance.now();
    await panel.locator('button.try-send').click();
    const status = panel.locator('.try-status');
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^200 · \d+ ms · mock$/);
    console.log(`one call through the dev server to the mock, click to response shown: ${Math.round(performance.now() - sent)} ms`);
    expect(await panel.locator('.try-request code').innerText()).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:\\d+/v1/breeds/${first}$`));
    expect(JSON.parse(await panel.locator('.try-body code').innerText())).toMatchObject({ id: expect.anything() });
    expect(await panel.locator('.try-findings li').allInnerTexts()).toEqual(['Matches the schema']);
    await page.screenshot({ path: join(SCREENSHOTS, 'try-it-response.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('github-issues CreateIssue: labels chosen several at a time, filled again when the owner changes, sent as one array', async () => {
    const page = await open('/connectors/github-issues/CreateIssue/');
    const panel = page.locator('details.try-it');
    await panel.locator(':scope > summary').click();
    const labels = panel.locator('select[data-key="body/labels"]');
    expect(await labels.getAttribute('multiple')).not.toBeNull();
    expect(await labels.getAttribute('data-depends')).toBe('owner repo');
    expect(await panel.locator('.try-depends').first().innerText()).toBe('Choices depend on owner, repo; they are loaded again when one changes.');
    // Changing the owner asks ListLabels again, with the owner chosen.
    const { owner, asked } = await changeOwner(page, 'body/labels');
    expect(asked).toMatchObject({ operationId: 'CreateIssue', parameter: 'body/labels', values: { owner } });
    const choices = await labels.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(choices.length).toBeGreaterThanOrEqual(1);
    await labels.selectOption(choices.slice(0, 2));
    await panel.locator('select[data-key="body/labels"] ~ input.try-custom').fill('needs-triage, ');
    await panel.locator('input[data-key="body/title"]').fill('Found a bug');
    await panel.locator('button.try-send').click();
    await expect.poll(() => panel.locator('.try-status').innerText(), { timeout: 15_000 }).toMatch(/^201 · \d+ ms · mock$/);
    const sentBody = JSON.parse(await panel.locator('.try-request-body code').textContent() ?? '{}') as { title: string; labels: string[] };
    expect(sentBody).toMatchObject({ title: 'Found a bug', labels: [...choices.slice(0, 2), 'needs-triage'] });
    await panel.screenshot({ path: join(SCREENSHOTS, 'try-it-multi-select.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a custom value of a dependent dropdown when it is filled again (ListIssues labels)', async () => {
    const page = await open('/connectors/github-issues/ListIssues/');
    const panel = page.locator('details.try-it');
    await panel.locator(':scope > summary').click();
    const custom = panel.locator('select[data-key=labels] ~ input.try-custom');
    await changeOwner(page, 'labels', async () => {
      await panel.locator('select[data-key=labels]').selectOption('__plugboard_custom__');
      await custom.fill('bug,ui');
    });
    expect(await panel.locator('select[data-key=labels]').inputValue()).toBe('__plugboard_custom__');
    expect(await custom.isVisible()).toBe(true);
    await panel.locator('button.try-send').click();
    await expect.poll(() => panel.locator('.try-status').innerText(), { timeout: 15_000 }).toMatch(/^200 · \d+ ms · mock$/);
    expect(await panel.locator('.try-request code').innerText()).toContain('labels=bug%2Cui');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows why a dropdown could not be filled, and fills it on Retry', async () => {
    const page = await open('/connectors/the-cat-api/GetBreed/');
    // The dev server's answer when the source operation fails (no network here: the live API is never called).
    await page.route('**/_plugboard/try/the-cat-api/values', (route) => route.fulfill({ status: 502, contentType: 'application/json', body: JSON.stringify({ error: 'ListBreeds answered 500' }) }));
    const panel = page.locator('details.try-it');
    await panel.locator(':scope > summary').click();
    await page.locator('select[data-key=breed_id][data-state=failed]').waitFor({ timeout: 15_000 });
    expect(await panel.locator('.try-error').innerText()).toBe('Could not load the choices from ListBreeds: ListBreeds answered 500');
    const retry = panel.locator('button.try-retry');
    expect(await retry.innerText()).toBe('Retry');
    await page.unroute('**/_plugboard/try/the-cat-api/values');
    await retry.click();
    await page.locator('select[data-key=breed_id][data-state=loaded]').waitFor({ timeout: 15_000 });
    expect(await panel.locator('.try-error').innerText()).toBe('');
    expect(await retry.innerText()).toBe('Reload');
    await page.close();
  });
});

describe('a static build', () => {
  it('holds no trace of the panel', () => {
    const files = readdirSync(E2E_SITE, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(html|js|css)$/.test(e.name));
    expect(files.filter((e) => e.name.endsWith('.html')).length).toBeGreaterThan(20);
    const traces = files.filter((e) => /try-it|_plugboard\/try|plugboard_custom/.test(readFileSync(join(e.parentPath, e.name), 'utf8'))).map((e) => join(e.parentPath, e.name));
    expect(traces).toEqual([]);
  });
});

/**
 * A site built from the bundled connectors plus hostile connector folders written by the test
 * (test/e2e/hostile-connectors.ts), visited in Chromium: the build reports the hostile content
 * and exits 1, yet writes every other connector; nothing from a connector folder runs in a page;
 * active assets stay out of dist/; an app-store link reads as text; search shows text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostileConnectors } from './hostile-connectors.ts';
import { ROOT } from './paths.ts';
import { serve } from './server.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BUNDLED = ['github-issues', 'mailchimp-audiences', 'open-meteo', 'the-cat-api'];

const work = mkdtempSync(join(tmpdir(), 'plugboard-hostile-site-'));
const out = join(work, 'dist');
let build: ReturnType<typeof spawnSync>;
let log = '';
let browser: Browser;
let site: Awaited<ReturnType<typeof serve>>;
/** Dialogs and page errors seen on any page, and what ran: must stay empty. */
const ran: string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full.slice(out.length + 1)];
  });
}

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('dialog', (d) => {
    ran.push(`${path}: dialog ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => ran.push(`${path}: ${e.message}`));
  await page.goto(site.url + path);
  await page.waitForLoadState('load');
  return page;
}

beforeAll(async () => {
  writeHostileConnectors(join(work, 'connectors'));
  build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PLUGBOARD_CONNECTORS: `connectors:${join(work, 'connectors')}`, PLUGBOARD_SITE_OUT: out },
    encoding: 'utf8',
  });
  log = `${build.stdout}${build.stderr}`;
  site = await serve(out);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('site build with hostile connectors', () => {
  it('exits 1 with the diagnostics, after writing every other connector', () => {
    expect(build.status, log.slice(-3000)).toBe(1);
    for (const rule of ['connector-id-unsafe', 'operation-id-unsafe', 'mdx-url', 'mdx-link-scheme']) expect(log).toContain(`(${rule})`);
    expect(log).not.toMatch(/Browser APIs|nothing was rendered|EISDIR/);
    for (const id of [...BUNDLED, 'hostile-assets', 'hostile-proto']) expect(existsSync(join(out, 'connectors', id, 'index.html')), id).toBe(true);
    expect(existsSync(join(out, 'connectors/github-issues/ListIssues/index.html'))).toBe(true);
    expect(existsSync(join(out, 'connectors/hostile-assets/GetItem/index.html'))).toBe(true);
  });

  it('leaves out the connector with `#` in its name and the pages of unsafe operationIds', () => {
    expect(readdirSync(join(out, 'connectors')).filter((n) => n.startsWith('bad'))).toEqual([]);
    const swagger = join(out, 'connectors/hostile-assets/apiDefinition.swagger.json');
    expect(statSync(swagger).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(swagger, 'utf8')).info.title).toContain('Hostile');
    expect(statSync(join(out, 'connectors/hostile-assets/index.html')).isFile()).toBe(true);
  });

  it('publishes no .html or .svg file from a connector folder', () => {
    const published = files(join(out, 'connectors'));
    expect(published.filter((f) => /\.(svg|xhtml|htm)$/i.test(f) || (/\.html$/i.test(f) && !f.endsWith('/index.html')))).toEqual([]);
    expect(published.some((f) => f.includes('evil') || f.includes('docs/page'))).toBe(false);
  });

  it('writes a readme without the active HTML the body held', () => {
    const readme = readFileSync(join(out, 'connectors/hostile-assets/readme.md'), 'utf8');
    expect(readme).not.toMatch(/(?<!\\)<script|javascript:|data:text/i);
    expect(readme).toContain('\\<script>window.__pwned=6');
  });
});

describe('hostile connector pages in the browser', () => {
  it('runs nothing from a connector on any page', async () => {
    const paths = ['/', '/connectors/hostile-assets/', '/connectors/hostile-assets/GetItem/', '/connectors/hostile-proto/', '/connectors/hostile-assets/evil.html', '/connectors/hostile-assets/logo.svg', '/?q=thing'];
    for (const path of paths) {
      const page = await open(path);
      expect(await page.evaluate('window.__pwned'), path).toBeUndefined();
      expect(await page.locator('a[href^="javascript:"], a[href^="data:"], a[href^="ms-windows-store:"]').count(), path).toBe(0);
      await page.close();
    }
    expect(ran).toEqual([]);
  });

  it('shows the app-store link as text and lists unsafe operations without a link', async () => {
    const page = await open('/connectors/hostile-assets/');
    const prose = await page.locator('.prose').innerText();
    expect(prose).toContain('Install the store app first.');
    expect(prose).toContain('<script>window.__pwned=6</script>');
    expect(await page.locator('h1').innerText()).toBe('Hostile <img src=x onerror="window.__pwned=1;alert(1)">');
    // Unsafe operationIds are listed without a link.
    const actions = page.locator('#actions ~ div table.ops tbody tr');
    expect(await actions.allInnerTexts()).toHaveLength(3);
    expect(await page.locator('#actions ~ div table.ops a').count()).toBe(1);
    await page.close();
    // The catalogue lists the connector with prototype-named keys (compiled, or failed and titled
    // by its id) and leaves out the one whose folder name is unsafe.
    const catalogue = await open('/');
    expect(await catalogue.locator('#cards a[href="/connectors/hostile-proto/"]').count()).toBe(1);
    expect(await catalogue.locator('#cards h3', { hasText: 'Bad name' }).count()).toBe(0);
    expect(await catalogue.locator('#cards > li').count()).toBe(BUNDLED.length + 2);
    await catalogue.close();
  });

  it('shows search results as text, not entities', async () => {
    const page = await open('/');
    await page.fill('#q', 'thing');
    await page.press('#q', 'Enter');
    const result = page.locator('#search-results li', { hasText: 'Get <b' }).first();
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('<thing> & its parts');
    expect(text).not.toMatch(/&lt;|&amp;|&quot;/);
    await page.close();
    expect(ran).toEqual([]);
  });
});

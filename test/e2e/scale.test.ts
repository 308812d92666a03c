/**
 * The site at the scale of real connectors, in Chromium at a phone's 390 px and a desktop's
 * 1280 px: the large connector of test/support/large-connector.ts (hundreds of operations and
 * definitions, long names, deep schemas) and Blackbaud Raiser's Edge NXT from ../shared/corpus
 * (167 operations, 280 definitions; skipped without the corpus). The title is on the first
 * screen, nothing makes the page scroll sideways, desktop tables are not clipped, and every page
 * stays within its size: a connector page ≤ 300 KB, the median connector page ≤ 50 KB.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DYNAMIC_OPERATION, INTERNAL_OPERATION, WIDE_DEFINITION, definitionName, operationId } from '../support/large-connector.ts';
import { BLACKBAUD_ID, E2E_SITE, HAS_BLACKBAUD, LARGE_ID, SCREENSHOTS } from './paths.ts';
import { serve } from './server.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KB = 1024;
const CONNECTOR_PAGE_LIMIT = 300 * KB;
const MEDIAN_CONNECTOR_PAGE_LIMIT = 50 * KB;
/** Operation and definition pages link to definitions instead of expanding them: they stay small. */
const PAGE_LIMIT = 100 * KB;
const WIDTHS = [390, 1280] as const;

let browser: Browser;
let site: Awaited<ReturnType<typeof serve>>;
const errors: string[] = [];

/** Pages of a connector (`index.html` below its folder), as site paths with their sizes. */
function pagesOf(id: string): Array<{ path: string; bytes: number }> {
  const root = join(E2E_SITE, 'connectors', id);
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name === 'index.html' ? [join(dir, name)] : []));
  return walk(root).map((file) => ({ path: file.slice(E2E_SITE.length, -'index.html'.length), bytes: statSync(file).size }));
}

async function open(path: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 780 } });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  const response = await page.goto(site.url + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The title's top, the page's width against the window's, and desktop tables wider than their box. */
async function layout(page: Page): Promise<{ h1Top: number; innerHeight: number; scrollWidth: number; innerWidth: number; clippedTables: number }> {
  // A string: the test is compiled without the DOM library; this runs in the page.
  return page.evaluate(`({
    h1Top: document.querySelector('h1').getBoundingClientRect().top,
    innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth,
    clippedTables: [...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).length,
  })`);
}

beforeAll(async () => {
  site = await serve(E2E_SITE);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const connectors = [
  { id: LARGE_ID, skip: false },
  { id: BLACKBAUD_ID, skip: !HAS_BLACKBAUD },
];

describe.each(connectors)('$id at scale', ({ id, skip }) => {
  it.skipIf(skip)('keeps every page within its size', () => {
    const pages = pagesOf(id);
    const connector = pages.find((p) => p.path === `/connectors/${id}/`)!;
    expect(connector.bytes).toBeLessThanOrEqual(CONNECTOR_PAGE_LIMIT);
    const definitions = pages.filter((p) => p.path.includes('/definitions/'));
    expect(definitions.length).toBeGreaterThan(200);
    const largest = pages.filter((p) => p !== connector).sort((a, b) => b.bytes - a.bytes)[0]!;
    expect(largest.bytes, largest.path).toBeLessThanOrEqual(PAGE_LIMIT);
  });

  it.skipIf(skip)('puts the title first and overflows nothing at 390 and 1280 px', async () => {
    const pages = pagesOf(id);
    const largestOperation = pages.filter((p) => !p.path.includes('/definitions/') && p.path !== `/connectors/${id}/`).sort((a, b) => b.bytes - a.bytes)[0]!;
    const largestDefinition = pages.filter((p) => p.path.includes('/definitions/')).sort((a, b) => b.bytes - a.bytes)[0]!;
    for (const width of WIDTHS) {
      for (const path of [`/connectors/${id}/`, largestOperation.path, largestDefinition.path]) {
        const page = await open(path, width);
        const l = await layout(page);
        expect(l.h1Top, `${path} at ${width}`).toBeLessThan(l.innerHeight);
        expect(l.scrollWidth, `${path} at ${width}`).toBeLessThanOrEqual(l.innerWidth);
        if (width === 1280) expect(l.clippedTables, `${path} at ${width}`).toBe(0);
        if (path === `/connectors/${id}/`) await page.screenshot({ path: join(SCREENSHOTS, `${id}-${width}.png`) });
        await page.close();
      }
    }
    expect(errors).toEqual([]);
  });
});

describe('connector pages of every size', () => {
  it('keep the median connector page within 50 KB', () => {
    const sizes = readdirSync(join(E2E_SITE, 'connectors'))
      .map((id) => join(E2E_SITE, 'connectors', id, 'index.html'))
      .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile())
      .map((f) => statSync(f).size)
      .sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThanOrEqual(6);
    expect(sizes[Math.floor(sizes.length / 2)]!).toBeLessThanOrEqual(MEDIAN_CONNECTOR_PAGE_LIMIT);
  });
});

describe('the large connector', () => {
  const base = `/connectors/${LARGE_ID}/`;

  it('folds the operations menu above the title on a phone and shows it beside the page on a desktop', async () => {
    const phone = await open(base, 390);
    const menu = phone.locator('nav.side details.side-menu');
    expect(await menu.getAttribute('open')).toBeNull();
    const firstLink = phone.locator('nav.side li a').first();
    expect(await firstLink.isVisible()).toBe(false);
    await phone.locator('nav.side summary').click();
    expect(await firstLink.isVisible()).toBe(true);
    await phone.close();
    const desktop = await open(base, 1280);
    expect(await desktop.locator('nav.side summary').isVisible()).toBe(false);
    expect(await desktop.locator('nav.side li a').first().isVisible()).toBe(true);
    await desktop.close();
  });

  it('shows a Contact table and links every definition to its own page', async () => {
    const page = await open(base, 1280);
    const contact = page.locator('table', { has: page.locator('caption', { hasText: 'Contact' }) });
    expect(await contact.locator('tr').allInnerTexts()).toEqual(['Name\tplugboard tests', 'URL\thttps://example.test/support', 'Email\tsupport@example.test']);
    expect(await page.locator('ul.definitions a').count()).toBe(321);
    await page.locator(`ul.definitions a`, { hasText: definitionName(3) }).first().click();
    await page.waitForURL(new RegExp(`/definitions/${definitionName(3)}/$`));
    expect(await page.locator('h1').innerText()).toBe(definitionName(3));
    // Where it is used, and the next definition of its chain a link away.
    expect(await page.locator('#used-by ~ ul a', { hasText: definitionName(2) }).count()).toBe(1);
    await page.locator('table.schema a', { hasText: definitionName(4) }).first().click();
    await page.waitForURL(new RegExp(`/definitions/${definitionName(4)}/$`));
    await page.close();
  });

  it('names the internal operation choices come from by method and path, and says where dynamic item fields come from', async () => {
    const op = await open(`${base}${operationId(1)}/`, 1280);
    expect(await op.locator('table.params tr', { hasText: 'Resource' }).first().innerText()).toContain(`Choices from ${INTERNAL_OPERATION} (an internal operation: GET /choices).`);
    expect(await op.locator(`a[href$="/${INTERNAL_OPERATION}/"]`).count()).toBe(0);
    await op.close();
    const dynamic = await open(`${base}${DYNAMIC_OPERATION}/`, 390);
    const value = dynamic.locator('table.schema tr', { hasText: 'value' });
    expect(await value.innerText()).toContain(`Each item's fields come at run time from ${INTERNAL_OPERATION} (an internal operation: GET /choices).`);
    await dynamic.close();
  });

  it('cuts deep and wide schemas on operation pages and says where the rest is', async () => {
    const wide = await open(`${base}${operationId(0)}/`, 1280);
    const note = wide.locator('section[aria-label^="Response"] p.cut');
    expect(await note.innerText()).toContain('This table stops at 100 rows.');
    expect(await note.locator('a', { hasText: WIDE_DEFINITION }).getAttribute('href')).toBe(`../definitions/${WIDE_DEFINITION}/`);
    await wide.close();
    // Below four levels a row stands for its fields: a definition's links to its page.
    const deep = await open(`${base}${operationId(1)}/`, 1280);
    const cuts = await deep.locator('td .cut').allInnerTexts();
    expect(cuts.some((t) => /^Its fields are on the page of Definition\d+/.test(t.trim()))).toBe(true);
    expect(cuts.some((t) => t.includes('nested deeper than this table goes'))).toBe(true);
    const link = deep.locator('td .cut a[href*="/definitions/"]').first();
    await link.click();
    await deep.waitForURL(/\/definitions\/Definition\d+/);
    await deep.close();
  });
});

describe.skipIf(!HAS_BLACKBAUD)('Blackbaud Raiser\'s Edge NXT', () => {
  it('shows its contact and lists its 280 definitions as links', async () => {
    const page = await open(`/connectors/${BLACKBAUD_ID}/`, 390);
    expect(await page.locator('table', { has: page.locator('caption', { hasText: 'Contact' }) }).innerText()).toContain('skyapi@blackbaud.com');
    expect(await page.locator('ul.definitions a').count()).toBe(280);
    await page.close();
  });
});

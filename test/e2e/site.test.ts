/**
 * The built site in a real browser (Debian chromium through playwright-core): catalogue filters,
 * Pagefind search, a bundled connector's tables and dynamic-values note, escaping of hostile
 * text from a test-only connector, and screenshots at desktop and phone widths. Hostile connector
 * folders are test/e2e/hostile.test.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_SITE, HAS_BLACKBAUD, SCREENSHOTS } from './paths.ts';
import { serve } from './server.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let site: Awaited<ReturnType<typeof serve>>;
const errors: string[] = [];

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 780 } });
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`${path}: dialog ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(site.url + path);
  return page;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  site = await serve(E2E_SITE);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('catalogue', () => {
  it('lists every connector and filters by auth kind and triggers', async () => {
    const page = await open('/');
    const cards = page.locator('#cards > li');
    // The bundled four, the XSS probe, the large connector and, with the corpus, Blackbaud (test/e2e/build-site.ts).
    expect(await cards.count()).toBe(HAS_BLACKBAUD ? 7 : 6);
    await page.selectOption('select[name=auth]', 'oauth2');
    const oauth = ['GitHub Issues', ...(HAS_BLACKBAUD ? ['Blackbaud Raisers Edge NXT'] : [])].sort();
    await expect.poll(async () => (await page.locator('#cards > li:not([hidden]) h3').allInnerTexts()).sort()).toEqual(oauth);
    await page.selectOption('select[name=auth]', '');
    await page.check('input[name=triggers]');
    const names = await page.locator('#cards > li:not([hidden]) h3').allInnerTexts();
    expect(names.sort()).toEqual(['GitHub Issues', 'Mailchimp Audiences']);
    await page.uncheck('input[name=triggers]');
    await page.screenshot({ path: join(SCREENSHOTS, 'catalogue-desktop.png'), fullPage: true });
    await page.close();
  });

  it('finds an operation by name with Pagefind and lands on it', async () => {
    const page = await open('/');
    await page.fill('#q', 'List issues');
    await page.press('#q', 'Enter');
    const first = page.locator('#search-results a').filter({ hasText: 'List issues' }).first();
    await first.waitFor();
    await first.click();
    await page.waitForURL(/\/connectors\/github-issues\/ListIssues\/$/);
    expect(await page.locator('h1').innerText()).toBe('List issues');
    await page.close();
  });

  it('the Pagefind index answers from the page itself', async () => {
    const page = await open('/');
    const hits = (await page.evaluate("(async () => { const pf = await import('/pagefind/pagefind.js'); const r = await pf.search('audience'); const d = await Promise.all(r.results.map((x) => x.data())); return d.map((x) => x.url); })()")) as string[];
    expect(hits.some((u) => u.startsWith('/connectors/mailchimp-audiences/'))).toBe(true);
    await page.close();
  });
});

describe('connector and operation pages', () => {
  it('shows the parameters table, the dynamic-values note and the returns table of ListIssues', async () => {
    const page = await open('/connectors/github-issues/ListIssues/');
    const params = page.locator('table.params').first();
    const owner = params.locator('tr', { hasText: 'Repository Owner' });
    expect(await owner.locator('td').nth(1).innerText()).toContain('owner');
    expect(await owner.locator('td').nth(2).innerText()).toBe('yes');
    // ListRepositories is internal: no page to link, so the note gives its method and path.
    expect(await owner.innerText()).toContain('Choices from ListRepositories (an internal operation: GET /user/repos).');
    const returns = page.locator('#returns ~ section table, section[aria-label^="Response"] table').first();
    const rows = await returns.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(rows).toContain('[].number');
    expect(rows).toContain('[].user.login');
    expect(await page.locator('details.advanced summary').innerText()).toMatch(/Advanced parameters/);
    expect(await page.locator('#usage ~ pre, section pre').first().innerText()).toContain("curl -X GET 'https://api.github.com/repos/");
    await page.screenshot({ path: join(SCREENSHOTS, 'operation-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 780 });
    await page.screenshot({ path: join(SCREENSHOTS, 'operation-phone.png'), fullPage: true });
    await page.close();
  });

  it('says an array of dynamic items is chosen several at a time (CreateIssue labels)', async () => {
    const page = await open('/connectors/github-issues/CreateIssue/');
    const labels = page.locator('table.params tr', { hasText: 'Labels to add' }).first();
    expect(await labels.innerText()).toMatch(/Choose several from ListLabels\b/);
    await page.close();
  });

  it('shows the connector page with auth, downloads and validation', async () => {
    const page = await open('/connectors/github-issues/');
    expect(await page.locator('h1').innerText()).toBe('GitHub Issues');
    expect(await page.locator('.oauth .redirect').innerText()).toContain('https://global.consent.azure-apim.net/redirect');
    const zip = await page.locator('a[href$=".zip"]').getAttribute('href');
    const response = await page.request.get(site.url + zip);
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
    expect(await page.locator('a', { hasText: 'Edit this file' }).first().getAttribute('href')).toBe('https://example.test/edit/main/connectors/github-issues/connector.mdx');
    expect(await page.locator('#validation ~ p.valid, .valid').first().innerText()).toContain('No problems');
    await page.screenshot({ path: join(SCREENSHOTS, 'connector-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 780 });
    await page.screenshot({ path: join(SCREENSHOTS, 'connector-phone.png'), fullPage: true });
    const catalogue = await open('/', 390);
    await catalogue.screenshot({ path: join(SCREENSHOTS, 'catalogue-phone.png'), fullPage: true });
    await catalogue.close();
    await page.close();
  });

  it('shows hostile text from a connector as text and runs none of it', async () => {
    for (const path of ['/', '/connectors/xss-probe/', '/connectors/xss-probe/Probe/']) {
      const page = await open(path);
      await page.waitForLoadState('load');
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('main img[src=x], main script:not([src]):not([is\\:inline]), main iframe, main svg[onload]').count()).toBe(0);
      await page.close();
    }
    const page = await open('/connectors/xss-probe/');
    expect(await page.locator('.lede').first().innerText()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.locator('.prose').innerText()).toContain('<script>window.__xss=5</script>');
    await page.close();
    expect(errors).toEqual([]);
  });
});

describe('rule pages', () => {
  it('lists every rule by area and shows one rule from itself: severities, rationale, examples', async () => {
    const { rules } = await import('../../src/check/registry.ts');
    const index = await open('/rules/');
    expect(await index.locator('h1').innerText()).toBe('Rules');
    expect(await index.locator('main a[href^="/rules/"]').count()).toBe(rules.length);
    await index.locator('a[href="/rules/frontmatter-unknown-key/"]').click();
    await index.waitForURL('**/rules/frontmatter-unknown-key/');
    expect(await index.locator('h1').innerText()).toBe('frontmatter-unknown-key');
    const meta = await index.locator('.meta-table').innerText();
    expect(meta).toContain('Severity (recommended)\terror');
    expect(meta).toContain('plugboard check --fix');
    const output = await index.locator('#not-ok ~ .rule-example .rule-output, section[aria-labelledby=not-ok] .rule-output').first().innerText();
    expect(output).toBe(rules.find((r) => r.id === 'frontmatter-unknown-key')!.examples.notOk[0]!.output.join('\n'));
    await index.screenshot({ path: join(SCREENSHOTS, 'rule-desktop.png'), fullPage: true });
    await index.close();
    expect(errors).toEqual([]);
  });
});

/**
 * Golden tests of the site's page data (src/site): flattened schemas, designer-grouped
 * parameters, usage samples, auth sections and policies of the bundled connectors (the tests' own
 * copies in test/fixtures/connectors, so that a connector a user adds changes nothing here).
 * Accept changes with `npx vitest run -u test/site`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectorJobs } from '../../src/build/connectors.ts';
import { buildSiteConnector, definitionDetail, operationDetail } from '../../src/site/connectors.ts';
import { flattenSchema, PAGE, schemaTable, typeLabel } from '../../src/site/schema.ts';
import { groupParameters, operationReturns } from '../../src/site/operations.ts';
import { definitionNamer } from '../../src/site/connectors.ts';
import { pageLinks } from '../../src/site/links.ts';
import { card, oneLine } from '../../src/site/catalogue.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./golden', import.meta.url));
const packages = mkdtempSync(join(tmpdir(), 'plugboard-site-data-'));
afterAll(() => rmSync(packages, { recursive: true, force: true }));
const connectors = connectorJobs(['connectors'], FIXTURES).map(({ dir, display }) => buildSiteConnector(dir, display, packages));
const byId = new Map(connectors.map((c) => [c.id, c]));
const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

describe('flattenSchema', () => {
  it('gives dotted paths, labels, required flags, arrays and named refs', () => {
    const definitions = { User: { type: 'object', properties: { login: { type: 'string', 'x-ms-summary': 'Login' } } } };
    const rows = flattenSchema(
      {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'integer', format: 'int64', 'x-ms-summary': 'ID' },
          tags: { type: 'array', items: { type: 'string' } },
          owner: { $ref: '#/definitions/User' },
          items: { type: 'array', items: { type: 'object', properties: { n: { type: 'number', title: 'N' } } } },
        },
      },
      definitions,
    );
    expect(rows.map((r) => [r.path, r.label, r.type, r.required])).toEqual([
      ['id', 'ID', 'int64', true],
      ['tags', 'tags', 'array of string', false],
      ['owner', 'owner', 'User', false],
      ['owner.login', 'Login', 'string', false],
      ['items', 'items', 'array of object', false],
      ['items[].n', 'N', 'number', false],
    ]);
  });

  it('stops at cycles', () => {
    const definitions = { Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' }, v: { type: 'string' } } } };
    expect(flattenSchema({ $ref: '#/definitions/Node' }, definitions).map((r) => r.path)).toEqual(['next', 'v']);
    expect(typeLabel({ type: 'array', items: { $ref: '#/definitions/Node' } }, definitions)).toBe('array of Node');
  });

  it('hides objects whose properties are all internal', () => {
    const groups = groupParameters(
      [{ name: 'body', in: 'body', required: true, schema: { type: 'object', properties: { cfg: { type: 'object', properties: { url: { type: 'string', 'x-ms-visibility': 'internal' } } }, name: { type: 'string' } } } }],
      {},
    );
    expect(groups.normal.map((r) => r.key)).toEqual(['body/name']);
    expect(groups.internal).toBe(2);
  });
});

describe('schema tables within a page', () => {
  const chain = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`D${i}`, { type: 'object', properties: { id: { type: 'string' }, ...(i < 11 ? { next: { $ref: `#/definitions/D${i + 1}` } } : {}) } }]));

  it('stops expanding below maxDepth and marks the row whose fields are left out', () => {
    const rows = flattenSchema({ $ref: '#/definitions/D0' }, chain, '', PAGE);
    expect(rows.map((r) => r.path)).toEqual(['id', 'next', 'next.id', 'next.next', 'next.next.id', 'next.next.next', 'next.next.next.id', 'next.next.next.next']);
    expect(rows.at(-1)).toMatchObject({ type: 'D4', ref: 'D4', cut: true });
    expect(rows.filter((r) => r.cut)).toHaveLength(1);
    // Page data and samples still read every level.
    expect(flattenSchema({ $ref: '#/definitions/D0' }, chain).length).toBe(23);
  });

  it('stops at maxRows and says so', () => {
    const wide = { type: 'object', properties: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, { type: 'string' }])) };
    expect(schemaTable(wide, {}, PAGE)).toMatchObject({ truncated: true, rows: { length: PAGE.maxRows } });
    expect(schemaTable(wide, {}, { maxRows: 200, maxDepth: 4 }).truncated).toBe(false);
    const returns = operationReturns({ definitions: { Wide: wide } } as never, { responses: { 200: { description: 'OK', schema: { type: 'array', items: { $ref: '#/definitions/Wide' } } } } }, { Wide: wide });
    expect(returns[0]).toMatchObject({ kind: 'table', truncated: { ref: 'Wide' } });
    expect(returns[0]!.rows).toHaveLength(PAGE.maxRows);
  });

  it('says where the fields of dynamic array items come from', () => {
    const dynamicItems = { type: 'array', items: { 'x-ms-dynamic-schema': { operationId: 'GetSchema', parameters: {}, 'value-path': 'schema' } } };
    const rows = flattenSchema({ type: 'object', properties: { value: dynamicItems } }, {});
    expect(rows).toMatchObject([{ path: 'value', type: 'array', dynamicItems: 'GetSchema' }]);
    const returns = operationReturns({} as never, { responses: { 200: { description: 'OK', schema: dynamicItems } } }, {});
    expect(returns[0]).toMatchObject({ kind: 'dynamic', dynamicItems: true, dynamicSource: 'GetSchema' });
  });
});

describe('links between the pages of a connector', () => {
  const operations = [
    { operationId: 'ListChoices', method: 'get', path: '/choices', internal: true, slug: 'ListChoices' },
    { operationId: 'GetItem', method: 'get', path: '/items/{id}', internal: false, slug: 'GetItem' },
    { operationId: 'bad id', method: 'post', path: '/x', internal: false },
  ] as never;
  const links = pageLinks({ operations, definitions: [{ name: 'Item', slug: 'Item', type: 'object' }] }, '../');

  it('link an operation with a page, and show an internal one by method and path', () => {
    expect(links.operation('GetItem')).toEqual({ operationId: 'GetItem', href: '../GetItem/' });
    expect(links.operation('ListChoices')).toEqual({ operationId: 'ListChoices', internal: { method: 'GET', path: '/choices' } });
    expect(links.operation('bad id')).toEqual({ operationId: 'bad id' });
    expect(links.operation('Missing')).toEqual({ operationId: 'Missing' });
  });

  it('link definitions to their pages', () => {
    expect(links.definition('Item')).toBe('../definitions/Item/');
    expect(links.definition('Other')).toBeUndefined();
  });

  it('name definition pages with safe, unique segments', () => {
    const slug = definitionNamer(['definitions/Taken.png']);
    expect(['Item', 'item', 'ResourceArray[PolicyV2]', 'a b/c', '..', 'index.html', 'Taken.png', 'Item'].map(slug)).toEqual(['Item', 'item-2', 'ResourceArray-PolicyV2-', 'a-b-c', 'definition', 'index.html-2', 'Taken.png-2', 'Item-3']);
  });
});

describe('bundled connectors', () => {
  it('are all there', () => {
    expect([...byId.keys()]).toEqual(['github-issues', 'mailchimp-audiences', 'open-meteo', 'the-cat-api']);
  });

  it.each(connectors.map((c) => [c.id, c] as const))('%s: auth sections, policies, card', async (id, c) => {
    await expect(json({ card: card(c), contact: c.contact, auth: c.auth, policies: c.policies, operations: c.operations, diagnostics: c.diagnostics, definitions: c.definitions.map((d) => definitionDetail(c, d.slug)) })).toMatchFileSnapshot(join(GOLDEN, id, 'connector.json'));
  });

  it.each(connectors.flatMap((c) => c.operations.filter((o) => !o.internal).map((o) => [`${c.id}/${o.operationId}`, c, o] as const)))(
    '%s: parameters, returns, trigger, samples',
    async (name, c, o) => {
      await expect(json(operationDetail(c, o))).toMatchFileSnapshot(join(GOLDEN, `${name}.json`));
    },
  );

  it('carries the Contact of info.contact', () => {
    expect(byId.get('github-issues')!.contact).toEqual({ name: 'plugboard', url: 'https://github.com/plugboard/plugboard', email: 'connectors@plugboard.dev' });
  });

  it('shows the dynamic-values source of ListIssues parameters', () => {
    const c = byId.get('github-issues')!;
    const view = operationDetail(c, c.operations.find((o) => o.operationId === 'ListIssues')!)!;
    expect(view.parameters.important.find((r) => r.key === 'owner')?.dynamicValues).toBe('ListRepositories');
    expect(view.samples.powerFx).toBe('GitHubIssues.ListIssues("<owner>", "<repo>", {state: "open", labels: "<labels>"})');
  });

  it('renders samples from the request builder: marked placeholders, auth, no invented facts', () => {
    const views = connectors.flatMap((c) => c.operations.map((o) => operationDetail(c, o)!));
    for (const view of views) {
      expect(view.samples.curl).not.toMatch(/https:\/\/[^']*\/\//);
      expect(view.samples.flow).not.toContain('"interval": 3');
      expect(view.samples.flow).toContain('/apis/<connector-api-id>');
      expect(view.samples.powerFx === undefined).toBe(view.kind !== 'action');
    }
    const github = byId.get('github-issues')!;
    const getIssue = operationDetail(github, github.operations.find((o) => o.operationId === 'GetIssue')!)!;
    expect(getIssue.samples.curl.split(' \\\n')[0]).toBe("curl -X GET 'https://api.github.com/repos/<owner>/<repo>/issues/<issue_number>'");
    expect(getIssue.samples.curl).toContain("-H 'Authorization: Bearer <access-token>'");
  });

  it('describes the polling trigger of Mailchimp with its Split On and state', () => {
    const c = byId.get('mailchimp-audiences')!;
    const view = operationDetail(c, c.operations.find((o) => o.operationId === 'WhenContactSubscribes')!)!;
    expect(view.trigger).toMatchObject({ kind: 'polling', splitOn: '@triggerBody().members', state: [{ parameter: 'since_timestamp_opt', initial: '1970-01-01T00:00:00+00:00' }] });
    expect(JSON.parse(view.samples.flow).WhenContactSubscribes.splitOn).toBe("@triggerOutputs()?['body/members']");
  });
});

describe('oneLine', () => {
  it('keeps the first sentence', () => {
    expect(oneLine('First one. Second one.')).toBe('First one.');
    expect(oneLine('x'.repeat(200))).toHaveLength(158);
  });
});

describe('navWindow', () => {
  it('keeps operation pages of large connectors bounded', async () => {
    const { navWindow } = await import('../../src/site/nav.ts');
    const ops = Array.from({ length: 100 }, (_, i) => ({ slug: `Op${i}`, kind: i < 2 ? 'webhook' : 'action', internal: false }) as never);
    const w = navWindow(ops, 'Op50', 30);
    expect(w.triggers.length + w.actions.length).toBe(30);
    expect(w.actions.map((o) => o.slug)).toContain('Op50');
    expect(w.hidden).toBe(70);
    expect(navWindow(ops, undefined, 30).hidden).toBe(0);
  });
});

describe('operation documentation', () => {
  it('renders the body of an action or trigger file, in safe mode, for its page', () => {
    const mailchimp = byId.get('mailchimp-audiences')!;
    const trigger = mailchimp.operations.find((o) => o.operationId === 'WhenContactSubscribes')!;
    expect(trigger.docsHtml).toContain('<strong>Opt In Time</strong>');
    expect(trigger.docsHtml).not.toContain('<script');
    // Files without a body carry no documentation.
    const withoutBody = connectors.flatMap((c) => c.operations).filter((o) => !o.docsHtml);
    for (const o of withoutBody) expect(o.docsHtml).toBeUndefined();
  });
});

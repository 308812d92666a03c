/**
 * Issue 10, converting importers: verb-first names for Postman requests named by their URL,
 * summaries for OpenAPI operations without one, several security schemes as `auth: { type:
 * multi }`, and OAuth 2.0 without endpoints as placeholders that check clean. The golden
 * folders (openapi3/multi-auth-no-summary, postman/named-by-path, postman/oauth2-no-urls) hold
 * the whole output; these tests assert the behaviour itself.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileAndCheck } from '../../src/check/run.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { importSource, importSources } from '../../src/import/index.ts';
import { OAUTH_PLACEHOLDERS } from '../../src/import/openapi3/auth.ts';
import { namedByPath, nameFromRoute, sentenceFromId, singular } from '../../src/import/openapi3/naming.ts';
import type { ImportResult } from '../../src/import/types.ts';

const fixtures = join(import.meta.dirname, '../fixtures/import');
const corpus = join(import.meta.dirname, '../../../shared/corpus');
const work = mkdtempSync(join(tmpdir(), 'plugboard-converters-10-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(result: ImportResult) {
  const texts = Object.fromEntries([...result.files].filter(([, c]) => typeof c === 'string')) as Record<string, string>;
  return compileAndCheck(connectorFromFiles(result.id, texts));
}

const errors = (result: ImportResult) => [...result.diagnostics, ...build(result).diagnostics].filter((d) => d.severity === 'error').map(String);
const actions = (result: ImportResult) => [...result.files.keys()].filter((f) => f.startsWith('actions/')).map((f) => f.slice(8, -4));
const front = (result: ImportResult, file: string) => String(result.files.get(file)).split('\n---\n')[0]!;

function write(name: string, value: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

describe('verb-first names from a method and a path', () => {
  it.each([
    ['get', '/todos', 'ListTodos', 'List todos'],
    ['post', '/todos', 'CreateTodo', 'Create todo'],
    ['get', '/todos/{id}', 'GetTodo', 'Get todo'],
    ['get', '/todos/:id', 'GetTodo', 'Get todo'],
    ['put', '/todos/{id}', 'ReplaceTodo', 'Replace todo'],
    ['patch', '/todos/{id}', 'UpdateTodo', 'Update todo'],
    ['delete', '/todos/{id}', 'DeleteTodo', 'Delete todo'],
    ['post', '/todos/{id}/complete', 'CompleteTodo', 'Complete todo'],
    ['get', '/api/v2/users/{userId}/posts', 'ListUserPosts', 'List user posts'],
    ['get', '/users/{userId}/posts/{postId}', 'GetUserPost', 'Get user post'],
    ['get', '/categories', 'ListCategories', 'List categories'],
    ['get', '/status', 'GetStatus', 'Get status'],
    ['post', '/search', 'Search', 'Search'],
  ])('%s %s → %s, "%s"', (method, path, id, summary) => {
    expect(nameFromRoute(method, path)).toEqual({ operationId: id, summary, readable: true });
  });

  it('says when a path has no word to name the operation by', () => {
    expect(nameFromRoute('get', '/')).toEqual({ operationId: 'GetRoot', summary: 'GET /', readable: false });
    expect(nameFromRoute('get', '/{tenant}')).toEqual({ operationId: 'GetByTenant', summary: 'GET /{tenant}', readable: false });
    expect(nameFromRoute('post', '/v1/{id}').readable).toBe(false);
  });

  it('singular of the regular plurals only', () => {
    expect(['todos', 'categories', 'boxes', 'branches', 'status', 'address', 'news', 'data'].map(singular)).toEqual(['todo', 'category', 'box', 'branch', 'status', 'address', 'news', 'data']);
  });

  it('sentence from an operationId', () => {
    expect(['listPets', 'get_user_by_id', 'findPetsByStatus', 'getHTMLPage'].map(sentenceFromId)).toEqual(['List pets', 'Get user by ID', 'Find pets by status', 'Get HTML page']);
  });

  it('tells a Postman name that is a URL from one that says what the request does', () => {
    for (const name of ['/todos', '/todos/:id', '{{baseUrl}}/todos', 'GET /todos', 'https://api.example.org/x', 'New Request', '  ']) expect(namedByPath(name, ''), name).toBe(true);
    expect(namedByPath('{{url}}/a?b=1', '{{url}}/a?b=1')).toBe(true);
    for (const name of ['List todos', 'GET Request', 'hero', 'Object.Query - get package keys']) expect(namedByPath(name, '{{url}}/x'), name).toBe(false);
  });
});

describe('Postman requests named by their URL', () => {
  it('get verb-first operationIds and summaries, and the unreadable one is reported', () => {
    const result = importSource(join(fixtures, 'postman/named-by-path/input.json'));
    expect(actions(result)).toEqual(['ListChores', 'CreateChore', 'GetChore', 'UpdateChore', 'CompleteChore', 'ListHouseholdMembers', 'RemoveAMember', 'GetRoot']);
    expect(front(result, 'actions/ListChores.mdx')).toContain('summary: List chores');
    expect(front(result, 'actions/CompleteChore.mdx')).toContain('summary: Complete chore');
    // A request with a real name keeps it.
    expect(front(result, 'actions/RemoveAMember.mdx')).toContain('summary: Remove a member');
    // The URL is not kept as a description: it says nothing the request line does not.
    expect(front(result, 'actions/ListChores.mdx')).not.toMatch(/^description:/m);
    const named = result.diagnostics.filter((d) => d.args?.[0] === 'request-named-by-url');
    expect(named).toHaveLength(6);
    const unreadable = result.diagnostics.filter((d) => d.args?.[0] === 'request-summary-unreadable');
    expect(unreadable.map((d) => d.message)).toEqual(['Request `/` is named by its URL and `GET /` has no word to name it by: write a `summary` in actions/GetRoot.mdx']);
    // Positioned on the request's name.
    expect(unreadable[0]!.place?.start.line).toBe(23);
    expect(errors(result)).toEqual([]);
  });

  it.skipIf(!existsSync(join(corpus, 'postman/todo.postman.json')))('todo.postman.json: ListTodos, CreateTodo, GetTodo… instead of Todos, Todos2, TodosId', () => {
    const [result] = importSources(join(corpus, 'postman/todo.postman.json'));
    expect(actions(result!)).toEqual(['ListTodos', 'CreateTodo', 'GetTodo', 'ReplaceTodo', 'DeleteTodo', 'GetRoot']);
    expect(result!.diagnostics.filter((d) => d.args?.[0] === 'request-summary-unreadable')).toHaveLength(1);
    expect(errors(result!)).toEqual([]);
  });
});

describe('OAuth 2.0 without endpoints', () => {
  it('Postman: placeholders that check clean, and a warning that says what to fill in', () => {
    const result = importSource(join(fixtures, 'postman/oauth2-no-urls/input.json'));
    const connector = front(result, 'connector.mdx');
    expect(connector).toContain(`authorizationUrl: ${OAUTH_PLACEHOLDERS.authorizationUrl}`);
    expect(connector).toContain(`tokenUrl: ${OAUTH_PLACEHOLDERS.tokenUrl}`);
    expect(connector).toContain(`refreshUrl: ${OAUTH_PLACEHOLDERS.tokenUrl}`);
    const warning = result.diagnostics.find((d) => d.args?.[0] === 'oauth-endpoints-placeholders');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/no `authorizationUrl` \(`\{\{authorizeEndpoint\}\}` is not an absolute URL\) and `tokenUrl`/);
    expect(warning?.message).toMatch(/replace the authorization and token URLs .* with your identity provider's endpoints/);
    expect(errors(result)).toEqual([]);
  });

  it('Postman: the URLs the collection gives are kept, and nothing is reported', () => {
    const path = write('oauth-given.json', {
      info: { name: 'Given', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'oauth2', oauth2: [{ key: 'authUrl', value: 'https://id.example.org/auth' }, { key: 'accessTokenUrl', value: 'https://id.example.org/token' }] },
      item: [{ name: 'Ping', request: { method: 'GET', url: 'https://api.example.org/ping' } }],
    });
    const result = importSource(path);
    expect(front(result, 'connector.mdx')).toContain('authorizationUrl: https://id.example.org/auth');
    expect(front(result, 'connector.mdx')).not.toContain('example.com');
    expect(result.diagnostics.filter((d) => d.args?.[0] === 'oauth-endpoints-placeholders')).toEqual([]);
    expect(errors(result)).toEqual([]);
  });

  it('Postman: only the token URL missing says only that', () => {
    const path = write('oauth-half.json', {
      info: { name: 'Half', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      auth: { type: 'oauth2', oauth2: [{ key: 'authUrl', value: 'https://id.example.org/auth' }] },
      item: [{ name: 'Ping', request: { method: 'GET', url: 'https://api.example.org/ping' } }],
    });
    const result = importSource(path);
    const warning = result.diagnostics.find((d) => d.args?.[0] === 'oauth-endpoints-placeholders');
    expect(warning?.args).toEqual(['oauth-endpoints-placeholders', 'tokenUrl']);
    expect(warning?.message).toMatch(/replace the token URL/);
    expect(errors(result)).toEqual([]);
  });
});

describe('OpenAPI 3', () => {
  const result = importSource(join(fixtures, 'openapi3/multi-auth-no-summary/input.yaml'));

  it('derives a summary for operations without one, from the operationId or the method and path, and reports it', () => {
    expect(front(result, 'actions/listOpenTickets.mdx')).toContain('summary: List open tickets');
    expect(front(result, 'actions/PostTickets.mdx')).toContain('summary: Create ticket');
    expect(front(result, 'actions/GetTicketsByTicketId.mdx')).toContain('summary: Get ticket');
    // A given summary is kept.
    expect(front(result, 'actions/DeleteTicketsByTicketId.mdx')).toContain('summary: Close a ticket');
    const derived = result.diagnostics.filter((d) => d.args?.[0] === 'summary-derived').map((d) => d.message);
    expect(derived).toEqual([
      'No summary: derived "List open tickets" from the operationId',
      'No summary: derived "Create ticket" from the method and path',
      'No summary: derived "Get ticket" from the method and path',
    ]);
    const unreadable = result.diagnostics.filter((d) => d.args?.[0] === 'summary-unreadable');
    expect(unreadable.map((d) => d.message)).toEqual(['No summary, and `GET /{tenant}` has no word to derive one from; write a `summary`']);
    expect(unreadable[0]!.place?.start.line).toBe(48);
  });

  it('several security schemes become `auth: { type: multi }`, one option each, with the server variables in each', () => {
    const connector = front(result, 'connector.mdx');
    expect(connector).toMatch(/auth:\n {2}type: multi\n/);
    const built = build(result);
    const sets = (built.apiProperties as { properties: { connectionParameterSets: { values: Array<{ name: string; parameters: Record<string, unknown> }> } } }).properties.connectionParameterSets;
    expect(sets.values.map((v) => v.name)).toEqual(['apiKey', 'basic', 'oauth']);
    for (const v of sets.values) expect(Object.keys(v.parameters)).toContain('region');
    expect(Object.keys((built.swagger as { securityDefinitions: object }).securityDefinitions)).toEqual(['apiKey', 'basic', 'oauth']);
    expect(result.diagnostics.find((d) => d.args?.[0] === 'security-schemes-become-multi')?.message).toMatch(/^3 security schemes \(`apiKey`, `basic`, `oauth`\) become the options/);
    // The OAuth scheme's empty tokenUrl became a placeholder, reported at the flow.
    expect(result.diagnostics.find((d) => d.args?.[0] === 'oauth-endpoints-placeholders')?.place?.start.line).toBe(70);
    expect(errors(result)).toEqual([]);
  });

  it('odd scheme names give unique option ids; relative OAuth URLs resolve against the server', () => {
    const path = write('odd-schemes.yaml', [
      'openapi: 3.1.0',
      'info: { title: Odd, version: "1" }',
      'servers: [{ url: "https://api.example.org/v2" }]',
      'paths:',
      '  /things:',
      '    get:',
      '      summary: List things',
      '      responses: { "200": { description: OK } }',
      'components:',
      '  securitySchemes:',
      '    "a b": { type: apiKey, in: header, name: X-A }',
      '    "a-b": { type: apiKey, in: query, name: b }',
      '    "__proto__": { type: http, scheme: basic }',
      '    "/": { type: oauth2, flows: { authorizationCode: { authorizationUrl: "oauth/authorize", tokenUrl: "/oauth/token", scopes: {} } } }',
      '',
    ].join('\n'));
    const odd = importSource(path);
    expect(errors(odd)).toEqual([]);
    const built = build(odd);
    const sets = (built.apiProperties as { properties: { connectionParameterSets: { values: Array<{ name: string }> } } }).properties.connectionParameterSets;
    expect(sets.values.map((v) => v.name)).toEqual(['a-b', 'a-b2', '__proto__', 'auth']);
    expect(Object.keys((built.swagger as { securityDefinitions: object }).securityDefinitions)).toEqual(['a b', 'a-b', '__proto__', '/']);
    expect(front(odd, 'connector.mdx')).toContain('authorizationUrl: https://api.example.org/v2/oauth/authorize');
    expect(front(odd, 'connector.mdx')).toContain('tokenUrl: https://api.example.org/oauth/token');
    expect(odd.diagnostics.filter((d) => d.args?.[0] === 'oauth-endpoints-placeholders')).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('type');
  });

  it('one usable scheme stays a single auth', () => {
    const path = write('one-scheme.yaml', [
      'openapi: 3.0.3',
      'info: { title: One, version: "1" }',
      'servers: [{ url: "https://api.example.org" }]',
      'paths:',
      '  /ping:',
      '    get:',
      '      summary: Ping',
      '      responses: { "200": { description: OK } }',
      'components:',
      '  securitySchemes:',
      '    key: { type: apiKey, in: query, name: key }',
      '    cookie: { type: apiKey, in: cookie, name: session }',
      '',
    ].join('\n'));
    const one = importSource(path);
    expect(front(one, 'connector.mdx')).toMatch(/auth:\n {2}type: apiKey\n {2}in: query\n/);
    expect(one.diagnostics.filter((d) => d.args?.[0] === 'security-schemes-become-multi')).toEqual([]);
    expect(errors(one)).toEqual([]);
  });
});

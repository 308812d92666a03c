/**
 * The form of the "Try it" panel (src/site/try-it-form.ts): the designer's layout from the
 * operation's parameter groups — labels, required marks, important first, advanced apart, internal
 * counted — and a control per type; on the bundled connectors as the site compiles them.
 */
import { describe, expect, it } from 'vitest';
import { createReporter } from '../../src/check/reporter.ts';
import { recommended } from '../../src/check/presets.ts';
import { compile } from '../../src/compiler/index.ts';
import { loadConnector } from '../../src/compiler/load.ts';
import { groupParameters, operationView, type ParameterRow } from '../../src/site/operations.ts';
import { flattenSchema } from '../../src/site/schema.ts';
import { controlOf, fieldOf, REST_OF_BODY, tryItEndpoints, tryItForm } from '../../src/site/try-it-form.ts';

const CONNECTORS = new URL('../../connectors/', import.meta.url).pathname;

function viewOf(id: string, method: string, path: string) {
  const result = compile(loadConnector(CONNECTORS + id), { report: createReporter(recommended), check: false });
  return operationView({ title: id }, result.swagger as never, result.apiProperties as never, method, path)!;
}

const row = (over: Partial<ParameterRow>): ParameterRow => ({ path: 'x', name: 'x', key: 'x', in: 'query', label: 'X', type: 'string', description: '', required: false, visibility: '', ...over });

describe('controlOf', () => {
  it.each([
    [{ type: 'string' }, 'text'],
    [{ type: 'date-time' }, 'text'],
    [{ type: 'int32' }, 'number'],
    [{ type: 'double' }, 'number'],
    [{ type: 'boolean' }, 'select'],
    [{ type: 'string', enum: ['a', 'b'] }, 'select'],
    [{ type: 'string', dynamicValues: 'ListThings' }, 'dynamic'],
    [{ type: 'string', enum: ['a'], dynamicValues: 'ListThings' }, 'dynamic'],
    [{ type: 'array of string' }, 'json'],
    [{ type: 'object' }, 'json'],
    [{ type: 'Thing', ref: 'Thing' }, 'json'],
    [{ type: 'string', key: 'body' }, 'json'],
  ] as const)('%j is a %s field', (over, control) => {
    expect(controlOf(row(over as Partial<ParameterRow>))).toBe(control);
  });
});

describe('fieldOf', () => {
  it('takes the label, description, required mark and default; an optional dropdown may be left empty', () => {
    expect(fieldOf(row({ key: 'size', label: 'Size', description: 'How big.', enum: ['s', 'm'], default: 'm' }))).toEqual({
      key: 'size',
      in: 'query',
      label: 'Size',
      description: 'How big.',
      required: false,
      type: 'string',
      control: 'select',
      value: 'm',
      placeholder: '',
      options: [
        { value: '', title: '' },
        { value: 's', title: 's' },
        { value: 'm', title: 'm' },
      ],
    });
  });
  it('a required dropdown with a default has no empty choice; a boolean is Yes / No', () => {
    expect(fieldOf(row({ enum: ['s', 'm'], default: 's', required: true })).options!.map((o) => o.value)).toEqual(['s', 'm']);
    expect(fieldOf(row({ type: 'boolean' })).options).toEqual([
      { value: '', title: '' },
      { value: 'true', title: 'Yes' },
      { value: 'false', title: 'No' },
    ]);
  });
  it("an enum's options show the designer's names from x-ms-enum-values", () => {
    const [rowOf] = flattenSchema({ type: 'string', enum: ['asc', 'desc', 'rand'], 'x-ms-enum-values': [{ value: 'asc', displayName: 'Oldest first' }, { value: 'desc', displayName: 'Newest first' }] });
    expect(rowOf!.enumTitles).toEqual(['Oldest first', 'Newest first', 'rand']);
    expect(fieldOf(row({ enum: rowOf!.enum!, enumTitles: rowOf!.enumTitles! })).options!.slice(1)).toEqual([
      { value: 'asc', title: 'Oldest first' },
      { value: 'desc', title: 'Newest first' },
      { value: 'rand', title: 'rand' },
    ]);
    expect(flattenSchema({ type: 'string', enum: ['a'], 'x-ms-enum-values': [{ value: 'a', displayName: 'a' }] })[0]!.enumTitles).toBeUndefined();
  });
  it('a dynamic field names its source; a required field left empty takes its test value', () => {
    const field = fieldOf(row({ key: 'breed_id', in: 'path', required: true, dynamicValues: 'ListBreeds' }));
    expect(field).toMatchObject({ control: 'dynamic', source: 'ListBreeds', required: true, placeholder: 'Left empty: its test value' });
  });
  it('falls back to the name, then the key, for a field without a label', () => {
    expect(fieldOf(row({ label: '', name: 'n' })).label).toBe('n');
    expect(fieldOf(row({ label: '', name: '', key: 'body/a' })).label).toBe('body/a');
  });
});

describe('tryItForm', () => {
  it('orders important, normal and advanced, counts internal, and leaves out body containers and array members', () => {
    const groups = groupParameters(
      [
        { name: 'id', in: 'path', required: true, type: 'string', 'x-ms-summary': 'ID', 'x-ms-visibility': 'important' },
        { name: 'verbose', in: 'query', type: 'boolean', 'x-ms-visibility': 'advanced' },
        { name: 'api-version', in: 'query', type: 'string', default: '1', 'x-ms-visibility': 'internal' },
        {
          name: 'body',
          in: 'body',
          required: true,
          schema: {
            type: 'object',
            required: ['title'],
            properties: {
              title: { type: 'string', 'x-ms-summary': 'Title', 'x-ms-visibility': 'important' },
              owner: { type: 'object', properties: { login: { type: 'string' } } },
              tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
              meta: { type: 'object' },
            },
          },
        },
      ],
      {},
    );
    const form = tryItForm(groups);
    expect(form.important.map((f) => f.key)).toEqual(['id', 'body/title']);
    expect(form.normal.map((f) => [f.key, f.control])).toEqual([
      ['body/owner.login', 'text'],
      ['body/tags', 'json'],
      ['body/meta', 'json'],
    ]);
    expect(form.advanced.map((f) => f.key)).toEqual(['verbose']);
    expect(form.hidden).toBe(1);
    expect(form.important[1]).toMatchObject({ label: 'Title', required: true, in: 'body' });
  });

  it('offers the rest of a body cut at the page limit as JSON', () => {
    const properties = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const form = tryItForm(groupParameters([{ name: 'body', in: 'body', schema: { type: 'object', properties } }], {}));
    expect(form.normal).toHaveLength(100);
    expect(form.advanced).toEqual([REST_OF_BODY]);
  });

  it('lays out the-cat-api SearchImages as its card: Breed first, Size and File Types folded', () => {
    const form = tryItForm(viewOf('the-cat-api', 'get', '/images/search').parameters);
    expect(form.important.map((f) => [f.label, f.control, f.source])).toEqual([['Breed', 'dynamic', 'ListBreeds']]);
    expect(form.normal.map((f) => [f.label, f.control, f.value])).toEqual([
      ['Category', 'dynamic', ''],
      ['Limit', 'number', '1'],
    ]);
    expect(form.advanced.map((f) => f.label)).toEqual(expect.arrayContaining(['Size', 'File Types', 'Only With Breeds']));
    expect(form.advanced.find((f) => f.key === 'size')).toMatchObject({ control: 'select', value: 'med' });
  });

  it('gives github-issues CreateIssue its body fields by designer key', () => {
    const form = tryItForm(viewOf('github-issues', 'post', '/repos/{owner}/{repo}/issues').parameters);
    const all = [...form.important, ...form.normal, ...form.advanced];
    expect(all.map((f) => f.key)).toEqual(expect.arrayContaining(['owner', 'repo', 'body/title', 'body/labels', 'body/milestone']));
    expect(all.find((f) => f.key === 'body/title')).toMatchObject({ required: true, control: 'text' });
    // Labels and assignees: arrays whose items come from ListLabels / ListAssignees, chosen several at a time.
    expect(all.find((f) => f.key === 'body/labels')).toMatchObject({ control: 'dynamic', multiple: true, source: 'ListLabels', dependsOn: ['owner', 'repo'] });
    expect(all.find((f) => f.key === 'body/assignees')).toMatchObject({ control: 'dynamic', multiple: true, source: 'ListAssignees', dependsOn: ['owner', 'repo'] });
    expect(all.find((f) => f.key === 'owner')).toMatchObject({ control: 'dynamic', source: 'ListRepositories' });
    expect(all.find((f) => f.key === 'owner')!.dependsOn).toBeUndefined();
    expect(form.advanced.map((f) => f.key)).toContain('body/milestone');
  });

  it('names the fields a dropdown is called with, from either extension, and refreshes on none for literals', () => {
    const groups = groupParameters(
      [
        { name: 'site', in: 'query', type: 'string' },
        { name: 'list', in: 'query', type: 'string', 'x-ms-dynamic-values': { operationId: 'GetLists', parameters: { site: { parameter: 'site' }, top: 10, kind: { value: 'all' } } } },
        { name: 'view', in: 'query', type: 'string', 'x-ms-dynamic-list': { operationId: 'GetViews', parameters: { list: { parameterReference: 'list' }, site: { parameterReference: 'site' } } } },
        { name: 'plain', in: 'query', type: 'string', 'x-ms-dynamic-values': { operationId: 'GetPlain', parameters: { top: 10 } } },
        { name: 'body', in: 'body', schema: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string', 'x-ms-dynamic-values': { operationId: 'GetTags', parameters: { list: { parameter: 'list' } } } } }, notes: { type: 'array', items: { type: 'string' } } } } },
      ],
      {},
    );
    const fields = Object.fromEntries(tryItForm(groups).normal.map((f) => [f.key, f]));
    expect(fields.list).toMatchObject({ control: 'dynamic', source: 'GetLists', dependsOn: ['site'] });
    expect(fields.view).toMatchObject({ control: 'dynamic', source: 'GetViews', dependsOn: ['list', 'site'] });
    expect(fields.plain!.dependsOn).toBeUndefined();
    expect(fields['body/tags']).toMatchObject({ control: 'dynamic', multiple: true, source: 'GetTags', dependsOn: ['list'] });
    expect(fields['body/notes']).toMatchObject({ control: 'json' });
    expect(fields['body/notes']!.multiple).toBeUndefined();
  });
});

describe('tryItEndpoints', () => {
  it('lives under the site base, with the id encoded', () => {
    expect(tryItEndpoints('/', 'the-cat-api')).toEqual({ call: '/_plugboard/try/the-cat-api/call', values: '/_plugboard/try/the-cat-api/values' });
    expect(tryItEndpoints('/docs/site/', 'a b').call).toBe('/docs/site/_plugboard/try/a%20b/call');
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonObject, Swagger } from '../../src/compiler/types.ts';
import { runChecks } from '../../src/check/run.ts';
import { apiProperties, bodyParam, doc, op, pathParam, queryParam } from './helpers.ts';

/** A realistic document: 200 operations with path, query and body parameters, dynamic values, definitions. */
function synthetic(operations: number): Swagger {
  const paths: Record<string, JsonObject> = {};
  const definitions: Record<string, JsonObject> = {};
  for (let i = 0; i < operations / 2; i++) {
    definitions[`Item${i}`] = {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string', 'x-ms-summary': 'ID' },
        name: { type: 'string', 'x-ms-summary': 'Name', description: 'The name of the item.' },
        created: { type: 'string', format: 'date-time', 'x-ms-summary': 'Created' },
        tags: { type: 'array', items: { type: 'string' }, 'x-ms-summary': 'Tags' },
        owner: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } } },
        status: { type: 'string', enum: ['open', 'closed'], 'x-ms-enum-values': [{ value: 'open', displayName: 'Open' }, { value: 'closed', displayName: 'Closed' }] },
      },
    };
    paths[`/folders/{folder}/items${i}`] = {
      get: op(`ListItems${i}`, {
        'x-ms-visibility': 'important',
        parameters: [
          pathParam('folder', { 'x-ms-summary': 'Folder', 'x-ms-dynamic-values': { operationId: 'ListItems0', 'value-path': 'id', 'value-title': 'name' } }),
          queryParam('top', { type: 'integer', default: 50, 'x-ms-summary': 'Top', 'x-ms-visibility': 'advanced' }),
          queryParam('filter', { 'x-ms-summary': 'Filter' }),
        ],
        responses: { '200': { description: 'OK', schema: { type: 'object', properties: { value: { type: 'array', items: { $ref: `#/definitions/Item${i}` } } } } }, default: { description: 'Error' } },
      }),
      post: op(`CreateItem${i}`, {
        parameters: [pathParam('folder', { 'x-ms-summary': 'Folder' }), bodyParam({ $ref: `#/definitions/Item${i}` })],
        responses: { '201': { description: 'Created', schema: { $ref: `#/definitions/Item${i}` } } },
      }),
    };
  }
  return doc(paths, { definitions, 'x-ms-connector-metadata': [{ propertyName: 'Website', propertyValue: 'https://contoso.com' }] });
}

describe('speed', () => {
  it('runs every check over a 200-operation document in well under 20 ms', () => {
    const swagger = synthetic(200);
    const api = apiProperties({ policyTemplateInstances: [{ templateId: 'setheader', parameters: { 'x-ms-apimTemplateParameter.name': 'Accept', 'x-ms-apimTemplateParameter.value': 'application/json' } }] });
    expect(runChecks(swagger, api)).toEqual([]); // Also compiles the Swagger schema, once.
    const runs = 50;
    // Fresh copies, so that nothing memoized per document is reused.
    const copies = Array.from({ length: runs }, () => structuredClone(swagger));
    const times = copies.map((copy) => {
      const start = performance.now();
      runChecks(copy, api);
      return performance.now() - start;
    });
    // The median, not the mean: other work on a shared machine must not fail the test, and a
    // regression in the checks moves the median as much as the mean.
    const median = times.sort((a, b) => a - b)[runs >> 1]!;
    console.log(`runChecks over 200 operations: median ${median.toFixed(2)} ms over ${runs} runs`);
    expect(median).toBeLessThan(20);
  });
});

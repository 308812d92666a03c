/**
 * A realistic large document for the checks (path, query and body parameters, dynamic values,
 * definitions) on which no check finds anything: test/check/large-document.test.ts checks that, and
 * `npm run bench -- --check-speed` times every check over it.
 */
import type { ApiProperties, JsonObject, Swagger } from '../../src/swagger/index.ts';
import { apiProperties, bodyParam, doc, op, pathParam, queryParam } from './helpers.ts';

/** apiProperties with a policy, so that the policy rules have something to check. */
export const LARGE_DOCUMENT_API: ApiProperties = apiProperties({
  policyTemplateInstances: [{ templateId: 'setheader', parameters: { 'x-ms-apimTemplateParameter.name': 'Accept', 'x-ms-apimTemplateParameter.value': 'application/json' } }],
});

/** The document with `operations` operations: a GET and a POST on each path, one definition per path. */
export function largeDocument(operations: number): Swagger {
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
    // The first path lists the folders (internal: it feeds the folder dropdown of every other path).
    const folder = i === 0 ? [] : [pathParam('folder', { 'x-ms-summary': 'Folder', 'x-ms-dynamic-values': { operationId: 'ListItems0', 'value-collection': 'value', 'value-path': 'id', 'value-title': 'name' } })];
    paths[i === 0 ? '/folders' : `/folders/{folder}/items${i}`] = {
      get: op(`ListItems${i}`, {
        'x-ms-visibility': i === 0 ? 'internal' : 'important',
        parameters: [
          ...folder,
          queryParam('top', { type: 'integer', default: 50, 'x-ms-summary': 'Top', 'x-ms-visibility': 'advanced' }),
          queryParam('filter', { 'x-ms-summary': 'Filter' }),
        ],
        responses: { '200': { description: 'OK', schema: { type: 'object', properties: { value: { type: 'array', items: { $ref: `#/definitions/Item${i}` } } } } }, default: { description: 'Error' } },
      }),
      post: op(`CreateItem${i}`, {
        parameters: [...(i === 0 ? [] : [pathParam('folder', { 'x-ms-summary': 'Folder' })]), bodyParam({ $ref: `#/definitions/Item${i}` })],
        responses: { '201': { description: 'Created', schema: { $ref: `#/definitions/Item${i}` } } },
      }),
    };
  }
  return doc(paths, { definitions, 'x-ms-connector-metadata': [{ propertyName: 'Website', propertyValue: 'https://contoso.com' }] });
}

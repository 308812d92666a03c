/** Builders for hand-written Swagger documents, and a runner that keeps one rule's findings. */
import type { ApiProperties, Json, JsonObject, Swagger } from '../../src/swagger/index.ts';
import { ruleById } from '../../src/check/registry.ts';
import { runChecks, type CheckFinding } from '../../src/check/run.ts';
import type { CompiledConnector } from '../../src/compiler/index.ts';

/** A valid document with the given paths and extra root keys. */
export function doc(paths: Record<string, JsonObject> = {}, extra: JsonObject = {}): Swagger {
  return {
    swagger: '2.0',
    info: { title: 'Contoso', version: '1.0', description: 'Items and things of the Contoso service.' },
    host: 'api.contoso.com',
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths,
    ...extra,
  };
}

/** An operation with an id, a summary and a 200 response, plus extra keys. */
export function op(operationId: string, extra: JsonObject = {}): JsonObject {
  return { operationId, summary: operationId, responses: { '200': { description: 'OK' } }, ...extra };
}

export function pathParam(name: string, extra: JsonObject = {}): JsonObject {
  return { name, in: 'path', required: true, type: 'string', 'x-ms-url-encoding': 'single', ...extra };
}

export function queryParam(name: string, extra: JsonObject = {}): JsonObject {
  return { name, in: 'query', type: 'string', ...extra };
}

export function bodyParam(schema: Json, extra: JsonObject = {}): JsonObject {
  return { name: 'body', in: 'body', required: true, schema, ...extra };
}

export const NO_API_PROPERTIES: ApiProperties = { properties: {} };

export function apiProperties(properties: JsonObject): ApiProperties {
  return { properties };
}

/** A connector of just the two documents: no sources, readme or assets. */
export function compiled(swagger: Swagger, apiProperties: ApiProperties = NO_API_PROPERTIES): CompiledConnector {
  return { swagger, apiProperties, files: [], readme: '', assets: new Map() };
}

/** All findings of one rule (the rule must exist). */
export function findings(ruleId: string, swagger: Swagger, api: ApiProperties = NO_API_PROPERTIES): CheckFinding[] {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`No rule ${ruleId}`);
  return runChecks(compiled(swagger, api), [rule]);
}

/** `at :: message` lines of one rule's findings, for compact assertions. */
export function lines(ruleId: string, swagger: Swagger, api: ApiProperties = NO_API_PROPERTIES): string[] {
  return findings(ruleId, swagger, api).map((f) => `${f.doc === 'apiProperties' ? 'apiProperties:' : ''}${f.at}${f.onKey ? ' (key)' : ''} :: ${f.message}`);
}

/** A webhook subscribe operation with a correct callback property, plus extra keys. */
export function webhookOp(operationId: string, extra: JsonObject = {}, callback: JsonObject = {}): JsonObject {
  return op(operationId, {
    'x-ms-trigger': 'single',
    parameters: [
      bodyParam({
        type: 'object',
        required: ['callbackUrl'],
        properties: { callbackUrl: { type: 'string', 'x-ms-notification-url': true, 'x-ms-visibility': 'internal', ...callback } },
      }),
    ],
    responses: { '201': { description: 'Created' } },
    ...extra,
  });
}

export const NOTIFICATION_CONTENT: JsonObject = { description: 'An item.', schema: { type: 'object', properties: { id: { type: 'string' } } } };

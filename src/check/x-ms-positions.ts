/**
 * Where each `x-ms-*` extension may appear. This is data, one row per extension, each citing its
 * source. [S] rows follow the certification schema `schemas/apiDefinition.swagger.schema.json` of
 * microsoft/PowerPlatformConnectors (as tabulated in src/PLATFORM.md #where-extensions-may-appear and
 * src/PLATFORM.md #certified-connectors-in-numbers); [O] rows are observed in certified connectors but missing from
 * that schema; [D] rows are documented on learn.microsoft.com. Everything not listed here is an
 * unknown extension, which the certification schema rejects at every position.
 */
import type { Visit } from '../swagger/index.ts';

export type XmsPosition =
  | 'root'
  | 'info'
  | 'path-item'
  | 'operation'
  | 'parameter-body'
  | 'parameter-query'
  | 'parameter-path'
  | 'parameter-header'
  | 'parameter-formData'
  /** A schema reached through tuple `items`, `anyOf`, `oneOf` or `not` (the schema's plain `schema`). */
  | 'schema'
  /** Definitions, body/response/notification schemas and what they reach through properties, object items, allOf, additionalProperties (`schema-dynamic-allowed`). */
  | 'schema-dynamic'
  | 'response'
  | 'response-header';

const NON_BODY: XmsPosition[] = ['parameter-query', 'parameter-path', 'parameter-header', 'parameter-formData'];
const PARAMETERS: XmsPosition[] = ['parameter-body', ...NON_BODY];
const SCHEMAS: XmsPosition[] = ['schema', 'schema-dynamic'];

export interface XmsRow {
  name: string;
  at: readonly XmsPosition[];
  /** Set for extensions the platform ignores (AutoRest). */
  note?: string;
}

export const X_MS_POSITIONS: readonly XmsRow[] = [
  // [S] root `properties.x-ms-capabilities` (`x-ms-capabilities<api>`); operation `x-ms-capabilities<operation>` (chunkTransfer). src/PLATFORM.md #capabilities-paging-and-url-encoding
  { name: 'x-ms-capabilities', at: ['root', 'operation'] },
  // [S] root. src/PLATFORM.md #connector-metadata
  { name: 'x-ms-connector-metadata', at: ['root'] },
  // [S] root. src/PLATFORM.md #connector-metadata
  { name: 'x-ms-docs', at: ['root'] },
  // [O] root, 35 connectors. src/PLATFORM.md #ai-and-agent-extensions
  { name: 'x-ms-openai-manifest', at: ['root'] },
  // [S] `info` (status only) and operation (family, revision, status, replacement). src/PLATFORM.md #lifecycle
  { name: 'x-ms-api-annotation', at: ['info', 'operation'] },
  // [S] `info`. src/PLATFORM.md #lifecycle
  { name: 'x-ms-deployment-version', at: ['info'] },
  // [O] `info`, 19 connectors. src/PLATFORM.md #connector-metadata
  { name: 'x-ms-keywords', at: ['info'] },
  // [O] `info`, 4 connectors. src/PLATFORM.md #ai-and-agent-extensions
  { name: 'x-ms-openai-published-to-copilots', at: ['info'] },
  // [S] path item (sibling of the subscribe operation). src/PLATFORM.md #trigger-extensions, #webhook-triggers
  { name: 'x-ms-notification-content', at: ['path-item'] },
  // [S] operation. src/PLATFORM.md #display-extensions
  { name: 'x-ms-no-generic-test', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-operation-context', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #capabilities-paging-and-url-encoding
  { name: 'x-ms-pageable', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #display-extensions
  { name: 'x-ms-safe-operation', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-trigger', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-trigger-hint', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-trigger-metadata', at: ['operation'] },
  // [S] operation. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-notification', at: ['operation'] },
  // [O] operation, 40 connectors; also at the document root in certified connectors (a second real shape). src/PLATFORM.md #ai-and-agent-extensions
  { name: 'x-ms-openai-data', at: ['root', 'operation'] },
  // [D] operation (Copilot Studio MCP). src/PLATFORM.md #ai-and-agent-extensions
  { name: 'x-ms-agentic-protocol', at: ['operation'] },
  // [O] operation (src/PLATFORM.md #where-extensions-may-appear, #ai-and-agent-extensions) and schema properties (src/PLATFORM.md #certified-connectors-in-numbers: 293 occurrences).
  { name: 'x-ms-require-user-confirmation', at: ['operation', ...SCHEMAS] },
  // [S] operation, every parameter, schema, response, response header. src/PLATFORM.md #where-extensions-may-appear, #display-extensions
  { name: 'x-ms-summary', at: ['operation', ...PARAMETERS, ...SCHEMAS, 'response', 'response-header'] },
  // [S] operation, every parameter, schema, response header. src/PLATFORM.md #where-extensions-may-appear, #display-extensions
  { name: 'x-ms-visibility', at: ['operation', ...PARAMETERS, ...SCHEMAS, 'response-header'] },
  // [S] every parameter and schema. src/PLATFORM.md #display-extensions
  { name: 'x-ms-test-value', at: [...PARAMETERS, ...SCHEMAS] },
  // [S] every parameter (the validator wants them in the body schema rather than on the body parameter) and schema. src/PLATFORM.md #dynamic-data
  { name: 'x-ms-dynamic-values', at: [...PARAMETERS, ...SCHEMAS] },
  // [S] same positions as x-ms-dynamic-values. src/PLATFORM.md #dynamic-data
  { name: 'x-ms-dynamic-list', at: [...PARAMETERS, ...SCHEMAS] },
  // [S] query and path parameters, `schema-dynamic-allowed` schemas. src/PLATFORM.md #dynamic-data, src/PLATFORM.md #certified-connectors-in-numbers
  { name: 'x-ms-dynamic-tree', at: ['parameter-query', 'parameter-path', 'schema-dynamic'] },
  // [S] `schema-dynamic-allowed` schemas only. src/PLATFORM.md #dynamic-data, src/PLATFORM.md #certified-connectors-in-numbers
  { name: 'x-ms-dynamic-schema', at: ['schema-dynamic'] },
  // [S] `schema-dynamic-allowed` schemas only. src/PLATFORM.md #dynamic-data, src/PLATFORM.md #certified-connectors-in-numbers
  { name: 'x-ms-dynamic-properties', at: ['schema-dynamic'] },
  // [S] non-body parameters and schemas. src/PLATFORM.md #display-extensions
  { name: 'x-ms-enum-values', at: [...NON_BODY, ...SCHEMAS] },
  // [S] non-body parameters and schemas. src/PLATFORM.md #display-extensions
  { name: 'x-ms-localizeDefaultValue', at: [...NON_BODY, ...SCHEMAS] },
  // [S] non-body parameters. src/PLATFORM.md #trigger-extensions
  { name: 'x-ms-trigger-value', at: NON_BODY },
  // [S] query and path parameters (meaningful on path parameters only). src/PLATFORM.md #where-extensions-may-appear, #capabilities-paging-and-url-encoding
  { name: 'x-ms-url-encoding', at: ['parameter-query', 'parameter-path'] },
  // [S] `schema-dynamic-allowed` schemas (binary media). src/PLATFORM.md #display-extensions, src/PLATFORM.md #certified-connectors-in-numbers
  { name: 'x-ms-media-kind', at: ['schema-dynamic'] },
  // [S] schemas; only meaningful in the body schema of a webhook subscribe operation (see trigger-webhook-callback). src/PLATFORM.md #webhook-triggers
  { name: 'x-ms-notification-url', at: SCHEMAS },
  // [O] schemas, 5 and 6 connectors. src/PLATFORM.md #display-extensions
  { name: 'x-ms-editor', at: SCHEMAS },
  { name: 'x-ms-editor-options', at: SCHEMAS },
  // [O] parameters and schemas (AI overlays). src/PLATFORM.md #ai-and-agent-extensions
  { name: 'x-ms-explicit-input', at: [...PARAMETERS, ...SCHEMAS] },
  // [S] AutoRest extensions the schema accepts and the platform ignores. src/PLATFORM.md #extensions-not-for-authors
  { name: 'x-ms-enum', at: SCHEMAS, note: 'It is an AutoRest extension that the Power Platform ignores.' },
  { name: 'x-ms-parameter-location', at: NON_BODY, note: 'It is an AutoRest extension that the Power Platform ignores.' },
  { name: 'x-ms-skip-url-encoding', at: ['parameter-path'], note: 'It is an AutoRest extension that the Power Platform ignores; use `x-ms-url-encoding`.' },
];

/** Not for authors: AutoRest leftovers and designer-internal keys (src/PLATFORM.md #extensions-not-for-authors). Still unknown, with a note. */
export const X_MS_NOT_FOR_AUTHORS: Readonly<Record<string, string>> = {
  'x-ms-client-name': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-mutability': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-discriminator-value': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-secret': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-long-running-operation': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-long-running-operation-options': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-client-flatten': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-examples': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-identifiers': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-parameterized-host': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-azure-resource': 'It is an AutoRest extension that the Power Platform ignores.',
  'x-ms-property-name-alias': 'The designer generates it; it is not written by hand.',
  'x-ms-dynamically-added': 'The designer generates it; it is not written by hand.',
  'x-ms-apihub-cached-response': 'It is a gateway response header captured by "import from sample", not an extension.',
  'x-ms-apihub-obo': 'It is a gateway response header captured by "import from sample", not an extension.',
  'x-ms-tooltip': 'There is no tooltip extension; the designer shows `description` as the tooltip.',
};

/**
 * AutoRest extensions: the platform ignores them wherever they are (src/PLATFORM.md #extensions-not-for-authors).
 * They are never wrong for the platform, only useless: `x-ms-autorest` (info) says so, `x-ms-position` leaves them alone.
 */
export const X_MS_AUTOREST: ReadonlySet<string> = new Set([
  ...X_MS_POSITIONS.filter((row) => row.note?.includes('AutoRest')).map((row) => row.name),
  ...Object.entries(X_MS_NOT_FOR_AUTHORS)
    .filter(([, note]) => note.includes('AutoRest'))
    .map(([name]) => name),
]);

export const X_MS_BY_NAME: ReadonlyMap<string, XmsRow> = new Map(X_MS_POSITIONS.map((row) => [row.name, row]));
export const X_MS_NAMES: readonly string[] = X_MS_POSITIONS.map((row) => row.name);

/** The position of a visit for the table, or undefined where no `x-ms-*` key is allowed at all. */
export function xmsPositionOf(visit: Visit): XmsPosition | undefined {
  switch (visit.kind) {
    case 'root':
    case 'info':
    case 'path-item':
    case 'operation':
    case 'response':
    case 'response-header':
      return visit.kind;
    case 'parameter':
      return visit.in && ['body', 'query', 'path', 'header', 'formData'].includes(visit.in)
        ? (`parameter-${visit.in}` as XmsPosition)
        : undefined;
    case 'schema':
      return visit.dynamicAllowed ? 'schema-dynamic' : 'schema';
    case 'ref':
      // Keys beside a schema `$ref` are schema keys; other references take nothing beside `$ref`.
      if (visit.refOf === 'schema') return visit.dynamicAllowed ? 'schema-dynamic' : 'schema';
      return undefined;
    default:
      return undefined;
  }
}

/** Positions that take no `x-ms-*` key, and those whose contents are not positions of the table. */
export function positionIsChecked(visit: Visit): boolean {
  // The notification content object is an extension's value: only its `schema` is a position.
  if (visit.kind === 'notification-content') return false;
  // A parameter without a usable `in` is a swagger-schema finding; don't guess its position.
  if (visit.kind === 'parameter' && xmsPositionOf(visit) === undefined) return false;
  return true;
}

export function isAllowedAt(name: string, position: XmsPosition | undefined): boolean {
  const row = X_MS_BY_NAME.get(name);
  return !!row && position !== undefined && row.at.includes(position);
}

const POSITION_NAMES: Record<XmsPosition, string> = {
  root: 'the document root',
  info: '`info`',
  'path-item': 'a path item',
  operation: 'an operation',
  'parameter-body': 'a body parameter',
  'parameter-query': 'a query parameter',
  'parameter-path': 'a path parameter',
  'parameter-header': 'a header parameter',
  'parameter-formData': 'a formData parameter',
  schema: 'a schema',
  'schema-dynamic': 'a body, response or definition schema',
  response: 'a response',
  'response-header': 'a response header',
};

/** "an operation, a parameter or a schema". */
export function describePositions(positions: readonly XmsPosition[]): string {
  const set = new Set(positions);
  const names: string[] = [];
  const allParameters = PARAMETERS.every((p) => set.has(p));
  const allNonBody = NON_BODY.every((p) => set.has(p));
  for (const p of positions) {
    if (p.startsWith('parameter-')) {
      if (allParameters) {
        if (!names.includes('a parameter')) names.push('a parameter');
        continue;
      }
      if (allNonBody && p !== 'parameter-body') {
        if (!names.includes('a non-body parameter')) names.push('a non-body parameter');
        continue;
      }
    }
    if (p === 'schema-dynamic' && set.has('schema')) continue;
    names.push(POSITION_NAMES[p]);
  }
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * A large connector of our own making, for the site's browser tests and the site bench: hundreds
 * of operations and definitions, long unbroken names (operationIds, property names and paths),
 * deep chains of definitions, a definition wider than a page's table, an internal operation that
 * supplies choices, and array items whose fields come at run time. Deterministic: the same options
 * write the same bytes. It compiles with no errors.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LargeConnectorOptions {
  /** Folder the connector folder is written into (a `connectors/` folder). */
  root: string;
  /** Connector folder name. Default `large-connector`. */
  id?: string;
  /** Visible actions, besides the internal one and the dynamic one. Default 240. */
  operations?: number;
  /** Definitions, besides the wide one. Default 320. */
  definitions?: number;
  /** Definitions in each chain of `$ref`s (Def0 → Def1 → …): how deep schemas go. Default 8. */
  depth?: number;
  /** Properties of the wide definition, more than a page's table shows. Default 160. */
  wide?: number;
}

const LONG = 'WithAnExceptionallyLongUnbrokenNameThatNoPhoneScreenCanHoldOnOneLine';

/** A YAML scalar: JSON strings are valid YAML. */
const q = (s: string) => JSON.stringify(s);

export const definitionName = (i: number) => `Definition${i}${LONG}`;
export const operationId = (i: number) => `GetResource${i}${LONG}`;
export const INTERNAL_OPERATION = 'ListChoicesForDropdowns';
export const DYNAMIC_OPERATION = 'ListRecordsOfRunTimeShape';
export const WIDE_DEFINITION = 'WideRecord';

function frontMatter(lines: string[], body = ''): string {
  return ['---', ...lines, '---', body].join('\n');
}

function definition(i: number, count: number, depth: number): string {
  // Chains of `depth` definitions: each links to the next one of its chain, and the last one ends.
  const next = (i + 1) % depth !== 0 && i + 1 < count ? i + 1 : undefined;
  const lines = [
    'type: object',
    `description: ${q(`Record ${i} of the large test connector. Its properties hold identifiers, nested settings and, in a chain, the next record, like https://example.test/a/very/long/address/that/has/no/spaces/${i}.`)}`,
    'properties:',
    '  id:',
    '    type: string',
    `    description: ${q(`Identifier of record ${i}.`)}`,
    '    summary: ID',
    `  averyveryverylongpropertynamewithoutanybreaksatall${i}:`,
    '    type: string',
    '    description: A property whose name is longer than a phone screen is wide.',
    '  settings:',
    '    type: object',
    '    summary: Settings',
    '    properties:',
    '      level:',
    '        type: object',
    '        properties:',
    '          inner:',
    '            type: object',
    '            properties:',
    '              deepest:',
    '                type: object',
    '                properties:',
    '                  value: { type: integer, format: int32, description: Nested five levels down. }',
    '  items:',
    '    type: array',
    '    summary: Items',
    `    items: { $ref: ${q(`#/definitions/${definitionName((i + 7) % count)}`)} }`,
  ];
  if (next !== undefined) lines.push('  next:', `    $ref: ${q(`#/definitions/${definitionName(next)}`)}`);
  return frontMatter(lines);
}

function wideDefinition(properties: number): string {
  const lines = ['type: object', 'description: A record with more properties than a page shows in one table.', 'properties:'];
  for (let i = 0; i < properties; i++) lines.push(`  field${i}:`, '    type: string', `    description: ${q(`Field ${i} of the wide record.`)}`);
  return frontMatter(lines);
}

function action(i: number, definitions: number): string {
  const def = definitionName((i * 13) % definitions);
  const lines = [
    `operationId: ${operationId(i)}`,
    `request: ${i % 3 === 0 ? 'POST' : 'GET'} /resources/${i}/{resourceIdentifier}`,
    `summary: ${q(`Get resource ${i}`)}`,
    `description: ${q(`Gets resource ${i} with all its nested records; the response reaches ${def}.`)}`,
    'parameters:',
    '  resourceIdentifier:',
    '    type: string',
    '    summary: Resource',
    '    description: The resource, chosen from the list the connector reads for the designer.',
    `    dynamicValues: { operationId: ${INTERNAL_OPERATION}, value: id, title: name }`,
    '  filterExpressionWithAVeryLongParameterNameThatDoesNotBreak:',
    '    type: string',
    '    summary: Filter',
    '    description: An OData filter like startswith(name,%27a%27).',
    '    visibility: advanced',
  ];
  if (i % 3 === 0) lines.push('body:', '  required: true', '  description: The record to send.', '  schema:', `    $ref: ${q(`#/definitions/${def}`)}`);
  lines.push(
    'responses:',
    "  '200':",
    '    description: The resource.',
    '    schema:',
    i % 5 === 0 ? `      $ref: ${q(`#/definitions/${WIDE_DEFINITION}`)}` : `      $ref: ${q(`#/definitions/${def}`)}`,
  );
  return frontMatter(lines, `Resource ${i} is one of many: this body makes the page longer, as real documentation does.\n`);
}

/** Writes the connector folder `<root>/<id>/` and returns its path. */
export function largeConnector(options: LargeConnectorOptions): string {
  const { root, id = 'large-connector', operations = 240, definitions = 320, depth = 8, wide = 160 } = options;
  const dir = join(root, id);
  for (const sub of ['actions', 'definitions']) mkdirSync(join(dir, sub), { recursive: true });
  const write = (rel: string, text: string) => writeFileSync(join(dir, rel), text);
  write(
    'connector.mdx',
    frontMatter(
      [
        `title: Large Connector ${LONG}`,
        `description: ${q(`A connector of ${operations + 2} operations and ${definitions + 1} definitions with long names and deep schemas, made by the tests to hold the site to the size of the largest real connectors.`)}`,
        "version: '1.0'",
        'publisher: plugboard tests',
        'stackOwner: plugboard tests',
        'contact:',
        '  name: plugboard tests',
        '  url: https://example.test/support',
        '  email: support@example.test',
        'website: https://example.test',
        'privacyPolicy: https://example.test/privacy',
        'categories: [Productivity]',
        'host: large.example.test',
        'basePath: /',
        'schemes: [https]',
        'consumes: [application/json]',
        'produces: [application/json]',
        'auth:',
        '  type: apiKey',
        '  in: header',
        '  name: x-api-key',
        '  field:',
        '    label: API key',
        '    description: The key of your account.',
      ],
      `# Large Connector\n\nA connector made by the tests. Its operations reach chains of ${depth} definitions.\n`,
    ),
  );
  for (let i = 0; i < definitions; i++) write(`definitions/${definitionName(i)}.mdx`, definition(i, definitions, depth));
  write(`definitions/${WIDE_DEFINITION}.mdx`, wideDefinition(wide));
  for (let i = 0; i < operations; i++) write(`actions/${operationId(i)}.mdx`, action(i, definitions));
  write(
    `actions/${INTERNAL_OPERATION}.mdx`,
    frontMatter([
      'request: GET /choices',
      'summary: List choices',
      'description: Lists the choices of the resource dropdowns; the designer calls it, people do not.',
      'visibility: internal',
      'responses:',
      "  '200':",
      '    description: The choices.',
      '    schema:',
      '      type: array',
      '      items: { type: object, properties: { id: { type: string }, name: { type: string } } }',
    ]),
  );
  write(
    `actions/${DYNAMIC_OPERATION}.mdx`,
    frontMatter([
      'request: GET /records',
      'summary: List records of a run-time shape',
      'description: Lists records whose fields the service describes when the flow runs.',
      'responses:',
      "  '200':",
      '    description: The records.',
      '    schema:',
      '      type: object',
      '      properties:',
      '        value:',
      '          type: array',
      '          description: The records.',
      '          items:',
      `            x-ms-dynamic-schema: { operationId: ${INTERNAL_OPERATION}, parameters: {}, value-path: schema }`,
    ]),
  );
  return dir;
}

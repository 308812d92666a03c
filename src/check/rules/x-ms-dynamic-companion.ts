import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, deref, isObject, parametersOf, type Analysis, type JsonObject, type Visit } from '../../swagger/index.ts';
import { DYNAMIC_KEYS } from '../dynamic.ts';

const LIST_CATEGORIES = mdx([
  'request: GET /categories',
  'summary: List categories',
  'x-ms-visibility: internal',
  'parameters:',
  '  group:',
  '    in: query',
  '    type: string',
  'responses:',
  "  '200':",
  '    description: OK',
]);

const createItem = (extra: readonly string[]) =>
  mdx([
    'request: POST /items',
    'summary: Create an item',
    'body:',
    '  schema:',
    '    type: object',
    '    properties:',
    '      group:',
    '        type: string',
    '      category:',
    '        type: string',
    '        x-ms-dynamic-values:',
    '          operationId: ListCategories',
    '          value-path: id',
    '          parameters:',
    '            group:',
    '              parameter: group',
    ...extra.map((line) => `        ${line}`),
    'responses:',
    "  '201':",
    '    description: Created',
  ]);

const WITH_LIST = [
  'x-ms-dynamic-list:',
  '  operationId: ListCategories',
  '  itemValuePath: id',
  '  parameters:',
  '    group:',
  '      parameterReference: body/group',
];

/** How an argument `{ parameter: name }` of this operation is found: as a parameter, a body property, or both. */
function referenceKind(analysis: Analysis, operation: Visit, name: string): 'parameter' | 'property' | 'ambiguous' | undefined {
  let parameters = 0;
  let property = false;
  for (const { node } of parametersOf(analysis, operation)) {
    if (node.name === name) parameters++;
    if (node.in === 'body' && !property) {
      const schema = deref(analysis.swagger, node.schema);
      property = !!schema && hasProperty(analysis, schema, name, 0, new Set());
    }
  }
  if (parameters > 1 || (parameters === 1 && property)) return 'ambiguous';
  return parameters === 1 ? 'parameter' : property ? 'property' : undefined;
}

function hasProperty(analysis: Analysis, schema: JsonObject, name: string, depth: number, seen: Set<JsonObject>): boolean {
  if (depth > 12 || seen.has(schema)) return false;
  seen.add(schema);
  const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.map((p) => deref(analysis.swagger, p)).filter(isObject) : [])];
  return parts.some(
    (part) =>
      isObject(part.properties) &&
      (Object.hasOwn(part.properties, name) ||
        Object.values(part.properties).some((child) => {
          const resolved = deref(analysis.swagger, child);
          return !!resolved && hasProperty(analysis, resolved, name, depth + 1, seen);
        })),
  );
}

/** `value-path` of x-ms-dynamic-schema as `itemValuePath` must read it: without a trailing `/properties`. */
const expectedItemValuePath = (valuePath: string) => valuePath.replace(/^\/+|\/+$/g, '').replace(/(^|\/)properties$/, '');

export default defineRule({
  id: 'x-ms-dynamic-companion',
  area: 'x-ms',
  severity: 'warning',
  platformCodes: [
    'DynamicExtensionDefinitionNotAllowedInParameter',
    'DynamicListExtensionRequiredForAmbiguousReferences',
    'DynamicListExtensionRequiredForNonParameterReferences',
    'DynamicPropertiesExtensionRequiredForAmbiguousReferences',
    'DynamicPropertiesExtensionRequiredForNonParameterReferences',
    'DynamicPropertiesExtensionRequiredPropertiesValuePath',
    'DynamicPropertiesItemValuePathMismatch',
    'DynamicTreeExtensionMissing',
  ],
  description: 'Dynamic-data extensions come with the companion the designer needs: `x-ms-dynamic-list` beside values that read body properties, `x-ms-dynamic-properties` beside such a schema, `x-ms-dynamic-tree` beside a file picker; and they sit on the body schema, not the body parameter.',
  rationale:
    '`{ parameter: name }` of `x-ms-dynamic-values` and `x-ms-dynamic-schema` names a parameter; a body property, or a name a parameter and a property share, can only be said with the path syntax of their successors ' +
    '`x-ms-dynamic-list` and `x-ms-dynamic-properties` (`{ parameterReference: body/name }`), which newer clients read; the validator requires them then, with `itemValuePath` equal to the schema\'s `value-path` without a trailing `/properties`. ' +
    'A file picker (`capability: file-picker`) needs `x-ms-dynamic-tree` to browse. A warning, not an error: older clients still read the first extension.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem(WITH_LIST), 'actions/ListCategories.mdx': LIST_CATEGORIES }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/CreateItem.mdx': createItem([]), 'actions/ListCategories.mdx': LIST_CATEGORIES },
        output: [
          'actions/CreateItem.mdx:17:26-17:31: `group` is a property of the body, which `x-ms-dynamic-values` cannot name; add `x-ms-dynamic-list` with `parameterReference: body/group` (x-ms-dynamic-companion)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const visit of analysis.withXms) {
      const keys = DYNAMIC_KEYS.filter((key) => visit.node[key] !== undefined);
      if (keys.length === 0) continue;
      if (visit.kind === 'parameter' && visit.in === 'body') {
        for (const key of keys) {
          report({ message: `Unexpected \`${key}\` on a body parameter; put it on the body's schema`, at: visit.at(key), onKey: true, args: [key, 'body-parameter'] });
        }
      }
      const operation = visit.operation;
      for (const [key, successor] of [['x-ms-dynamic-values', 'x-ms-dynamic-list'], ['x-ms-dynamic-schema', 'x-ms-dynamic-properties']] as const) {
        const value = visit.node[key];
        if (!isObject(value) || visit.node[successor] !== undefined || !operation || !isObject(value.parameters)) continue;
        for (const [arg, binding] of Object.entries(value.parameters)) {
          if (!isObject(binding) || typeof binding.parameter !== 'string') continue;
          const kind = referenceKind(analysis, operation, binding.parameter);
          if (kind !== 'property' && kind !== 'ambiguous') continue;
          report({
            message:
              kind === 'property'
                ? `\`${binding.parameter}\` is a property of the body, which \`${key}\` cannot name; add \`${successor}\` with \`parameterReference: body/${binding.parameter}\``
                : `\`${binding.parameter}\` is both a parameter and a body property, which \`${key}\` cannot tell apart; add \`${successor}\` with \`parameterReference\``,
            at: visit.at(key, 'parameters', arg, 'parameter'),
            args: [key, arg, kind],
          });
        }
      }
      const schema = visit.node['x-ms-dynamic-schema'];
      const properties = visit.node['x-ms-dynamic-properties'];
      if (isObject(schema) && isObject(properties) && typeof schema['value-path'] === 'string') {
        const expected = expectedItemValuePath(schema['value-path']);
        const actual = properties.itemValuePath;
        if (typeof actual !== 'string') {
          if (expected !== '') {
            report({ message: `Missing \`itemValuePath\` in \`x-ms-dynamic-properties\`, expected \`${expected}\` as the schema's \`value-path\``, at: visit.at('x-ms-dynamic-properties'), onKey: true, args: ['item-value-path'] });
          }
        } else if (expectedItemValuePath(actual) !== expected) {
          report({
            message: `Unexpected \`itemValuePath\` \`${actual}\`, expected \`${expected}\`: the \`value-path\` of \`x-ms-dynamic-schema\` without a trailing \`/properties\``,
            at: visit.at('x-ms-dynamic-properties', 'itemValuePath'),
            args: ['item-value-path-mismatch'],
          });
        }
      }
      const values = visit.node['x-ms-dynamic-values'];
      if (isObject(values) && values.capability === 'file-picker' && visit.node['x-ms-dynamic-tree'] === undefined) {
        report({ message: 'Missing `x-ms-dynamic-tree` beside a file picker (`capability: file-picker`); it says how to open and browse the tree', at: visit.at('x-ms-dynamic-values', 'capability'), args: ['tree'] });
      }
    }
  },
});

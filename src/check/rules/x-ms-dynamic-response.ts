import type { Segment } from '../../core/pointer.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, type JsonObject } from '../../swagger/index.ts';
import { dynamicCalls, isPrimitive, itemsOf, resolvePath, responseSchema, typeOf, type DynamicCall, type Resolved } from '../dynamic.ts';

const listItems = (itemLines: readonly string[]) =>
  mdx([
    'request: GET /items',
    'summary: List items',
    'x-ms-visibility: internal',
    'responses:',
    "  '200':",
    '    description: OK',
    '    schema:',
    '      type: object',
    '      properties:',
    '        value:',
    '          type: array',
    '          items:',
    ...itemLines.map((line) => `            ${line}`),
  ]);

const OBJECT_ITEMS = ['type: object', 'properties:', '  id:', '    type: string', '  name:', '    type: string'];

const getItem = (lines: readonly string[]) =>
  mdx([
    'request: GET /items/{id}',
    'summary: Get an item',
    'parameters:',
    '  id:',
    '    type: string',
    '    x-ms-dynamic-values:',
    '      operationId: ListItems',
    ...lines.map((line) => `      ${line}`),
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

/** The paths of each extension: the collection (relative to the response) and the item paths (relative to each item). */
const PATHS: Record<DynamicCall['key'], { collection?: string; items: string[]; root: string[] }> = {
  'x-ms-dynamic-values': { collection: 'value-collection', items: ['value-path', 'value-title'], root: [] },
  'x-ms-dynamic-list': { collection: 'itemsPath', items: ['itemValuePath', 'itemTitlePath'], root: [] },
  // `itemIsParent` is an expression over the item (`(is_folder eq true)`), not a path.
  'x-ms-dynamic-tree': { collection: 'itemsPath', items: ['itemValuePath', 'itemTitlePath', 'itemFullTitlePath'], root: [] },
  'x-ms-dynamic-schema': { items: [], root: ['value-path'] },
  'x-ms-dynamic-properties': { items: [], root: ['itemValuePath'] },
};

export default defineRule({
  id: 'x-ms-dynamic-response',
  area: 'x-ms',
  severity: 'warning',
  platformCodes: ['InvokedOperationShouldProduceArray', 'InvokedOperationShouldProduceProperty'],
  description: 'The paths of a dynamic-data extension (`value-collection`, `value-path`, `itemsPath`, `itemValuePath`…) exist in the response of the operation it calls.',
  rationale:
    'The designer reads the dropdown, tree or schema out of the called operation\'s response at these paths: a path the response does not have gives an empty dropdown or no fields, ' +
    'and `x-ms-dynamic-values` needs `value-path` when the items are objects. When the items are strings or numbers, each item is its own value and no `value-path` is needed. ' +
    'A warning, not an error: the declared response schema may be incomplete. Nothing is reported where the response declares nothing (no schema, an open object, a dynamic schema); ' +
    'a dotted path (`data.items`) that resolves is accepted like `data/items`.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem(['value-collection: value', 'value-path: id', 'value-title: name']), 'actions/ListItems.mdx': listItems(OBJECT_ITEMS) },
      { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem(['value-collection: value']), 'actions/ListItems.mdx': listItems(['type: string']) },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem(['value-collection: values', 'value-path: id']), 'actions/ListItems.mdx': listItems(OBJECT_ITEMS) },
        output: ['actions/GetItem.mdx:9:25-9:31: The response of `ListItems` has no `values`, named by `value-collection` of `x-ms-dynamic-values` (x-ms-dynamic-response)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem(['value-collection: value', 'value-path: key']), 'actions/ListItems.mdx': listItems(OBJECT_ITEMS) },
        output: ['actions/GetItem.mdx:10:19-10:22: The items `ListItems` returns have no `key`, named by `value-path` of `x-ms-dynamic-values` (x-ms-dynamic-response)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem(['value-title: name']), 'actions/ListItems.mdx': listItems(OBJECT_ITEMS) },
        output: [
          'actions/GetItem.mdx:8:20-8:29: Expected `ListItems`, called by `x-ms-dynamic-values`, to return an array; name the array in its response with `value-collection` (x-ms-dynamic-response)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const call of dynamicCalls(analysis)) {
      if (!call.target) continue;
      const root = responseSchema(analysis, call.target);
      if (root.kind !== 'known') continue;
      const at = (...segments: Segment[]) => call.visit.at(call.key, ...call.path, ...segments);
      const paths = PATHS[call.key];
      const missing = (field: string, resolved: Resolved, where: string) => {
        if (resolved.kind !== 'missing') return false;
        report({ message: `${where} no \`${resolved.segment}\`, named by \`${field}\` of \`${call.key}\``, at: at(field), args: [call.key, ...call.path.map(String), field] });
        return true;
      };
      for (const field of paths.root) {
        const path = call.call[field];
        if (typeof path === 'string') missing(field, resolvePath(analysis, root.schema, path), `The response of \`${call.operationId}\` has`);
      }
      if (paths.collection === undefined) continue;
      const collectionPath = call.call[paths.collection];
      let collection: JsonObject = root.schema;
      if (typeof collectionPath === 'string') {
        const resolved = resolvePath(analysis, root.schema, collectionPath);
        if (missing(paths.collection, resolved, `The response of \`${call.operationId}\` has`) || resolved.kind !== 'known') continue;
        collection = resolved.schema;
      }
      const type = typeOf(collection);
      if (type !== 'array') {
        if (type === undefined) continue;
        report({
          message:
            typeof collectionPath === 'string'
              ? `Expected \`${collectionPath}\` in the response of \`${call.operationId}\` to be an array, named by \`${paths.collection}\` of \`${call.key}\``
              : `Expected \`${call.operationId}\`, called by \`${call.key}\`, to return an array; name the array in its response with \`${paths.collection}\``,
          at: typeof collectionPath === 'string' ? at(paths.collection) : at('operationId'),
          args: [call.key, ...call.path.map(String), 'array'],
        });
        continue;
      }
      const items = itemsOf(analysis, collection);
      if (items.kind !== 'known' || isPrimitive(items.schema)) continue;
      for (const field of paths.items) {
        const path = call.call[field];
        if (typeof path === 'string') missing(field, resolvePath(analysis, items.schema, path), `The items \`${call.operationId}\` returns have`);
      }
      if (call.key === 'x-ms-dynamic-values' && call.call['value-path'] === undefined && typeOf(items.schema) === 'object') {
        report({
          message: `Missing \`value-path\` in \`${call.key}\`: the items \`${call.operationId}\` returns are objects, it names the value of each`,
          at: at(),
          onKey: true,
          args: [call.key, 'value-path'],
        });
      }
    }
  },
});

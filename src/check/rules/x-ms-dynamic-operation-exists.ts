import type { Json, JsonObject } from '../../swagger/index.ts';
import type { Segment } from '../../core/pointer.ts';
import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, deref, isObject, parametersOf, type Analysis, type Visit } from '../../swagger/index.ts';
import { resolvePath } from '../dynamic.ts';

const LIST_ITEMS = mdx([
  'request: GET /items',
  'summary: List items',
  'x-ms-visibility: internal',
  'responses:',
  "  '200':",
  '    description: OK',
]);

const getItem = (operationId: string) =>
  mdx([
    'request: GET /items/{id}',
    'summary: Get an item',
    'parameters:',
    '  id:',
    '    type: string',
    '    x-ms-dynamic-values:',
    `      operationId: ${operationId}`,
    '      value-path: id',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

interface Reference {
  /** Where the operationId string is, relative to the extension value. */
  path: Segment[];
  operationId: Json | undefined;
  /** `parameters` of the call, and how they refer to this operation's parameters. */
  parameters?: Json | undefined;
  style?: 'parameter' | 'parameterReference';
}

/** The operations an extension value calls. */
function referencesOf(key: string, value: Json): Reference[] {
  if (!isObject(value)) return [];
  switch (key) {
    case 'x-ms-dynamic-values':
    case 'x-ms-dynamic-schema':
      return [{ path: ['operationId'], operationId: value.operationId, parameters: value.parameters, style: 'parameter' }];
    case 'x-ms-dynamic-list':
    case 'x-ms-dynamic-properties':
      return [{ path: ['operationId'], operationId: value.operationId, parameters: value.parameters, style: 'parameterReference' }];
    case 'x-ms-dynamic-tree':
      return (['open', 'browse'] as const)
        .filter((step) => isObject(value[step]))
        .map((step) => ({ path: [step, 'operationId'], operationId: (value[step] as JsonObject).operationId }));
    case 'x-ms-notification':
      return [{ path: ['operationId'], operationId: value.operationId }];
    case 'x-ms-operation-context':
      return isObject(value.simulate) ? [{ path: ['simulate', 'operationId'], operationId: value.simulate.operationId }] : [];
    case 'x-ms-capabilities': {
      const refs: Reference[] = [];
      if (isObject(value.testConnection)) refs.push({ path: ['testConnection', 'operationId'], operationId: value.testConnection.operationId });
      const picker = value['file-picker'];
      if (isObject(picker)) {
        for (const step of ['open', 'browse'] as const) {
          if (isObject(picker[step])) refs.push({ path: ['file-picker', step, 'operationId'], operationId: (picker[step] as JsonObject).operationId });
        }
      }
      return refs;
    }
    default:
      return [];
  }
}

const KEYS = new Set([
  'x-ms-dynamic-values',
  'x-ms-dynamic-list',
  'x-ms-dynamic-schema',
  'x-ms-dynamic-properties',
  'x-ms-dynamic-tree',
  'x-ms-notification',
  'x-ms-operation-context',
  'x-ms-capabilities',
]);

/** Names an argument may refer to: the operation's parameters and, for body schemas, the body's property names. */
function namesFor(analysis: Analysis, operation: Visit, cache: Map<Visit, Set<string>>): Set<string> {
  let names = cache.get(operation);
  if (names) return names;
  names = new Set();
  for (const { node } of parametersOf(analysis, operation)) {
    if (typeof node.name === 'string') names.add(node.name);
    if (node.in === 'body') collectProperties(analysis, node.schema, names, new Set(), 0);
  }
  cache.set(operation, names);
  return names;
}

function collectProperties(analysis: Analysis, schema: Json | undefined, names: Set<string>, seen: Set<object>, depth: number): void {
  const node = deref(analysis.swagger, schema);
  if (!node || seen.has(node) || depth > 16) return;
  seen.add(node);
  if (isObject(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      names.add(name);
      collectProperties(analysis, child, names, seen, depth + 1);
    }
  }
  if (Array.isArray(node.allOf)) for (const part of node.allOf) collectProperties(analysis, part, names, seen, depth + 1);
  if (node.items !== undefined && !Array.isArray(node.items)) collectProperties(analysis, node.items, names, seen, depth + 1);
}

/**
 * A reference to a parameter (`folder`) or to a property in the body, by path from the body
 * parameter (`body/folder/id`) or from a property (`folder/id`, `folder.id`): resolved through
 * the body schema, an open schema accepted.
 */
function resolves(analysis: Analysis, operation: Visit, raw: string, known: Set<string>): boolean {
  if (known.has(raw)) return true;
  const segments = raw.split(/[/.]/).filter(Boolean);
  if (segments.length < 2) return false;
  for (const { node } of parametersOf(analysis, operation)) {
    if (node.in !== 'body') continue;
    const schema = deref(analysis.swagger, node.schema);
    if (!schema) return known.has(segments[0]!);
    const path = segments[0] === node.name ? segments.slice(1) : segments;
    if (resolvePath(analysis, schema, path.join('/')).kind !== 'missing') return true;
  }
  return false;
}

export default defineRule({
  id: 'x-ms-dynamic-operation-exists',
  area: 'x-ms',
  severity: 'error',
  platformCodes: ['OperationIdNotFound'],
  description: 'Operations called by dynamic values, dynamic schemas, test connection, notifications and operation context exist, with the parameters they pass.',
  rationale:
    'The designer calls these operations by operationId at design time; a missing one gives an empty dropdown or no fields, and the validator rejects it (`OperationIdNotFound`). ' +
    'Arguments like `{ parameter: folder }` or `{ parameterReference: body/folder }` take the value of a parameter of the same operation, so that parameter must exist too.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem('ListItems'), 'actions/ListItems.mdx': LIST_ITEMS }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItem('ListItem'), 'actions/ListItems.mdx': LIST_ITEMS },
        output: ['actions/GetItem.mdx:8:20-8:28: Unknown operation `ListItem` in `x-ms-dynamic-values`, did you mean `ListItems`? (x-ms-dynamic-operation-exists)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    const ids = [...analysis.operationsById.keys()];
    const names = new Map<Visit, Set<string>>();
    for (const visit of analysis.withXms) {
      // One finding per missing operation or parameter per node, although values and list (schema and properties) say the same twice.
      let reported: Set<string> | undefined;
      for (const key of visit.xms!) {
        if (!KEYS.has(key)) continue;
        const value = visit.node[key]!;
        reported ??= new Set();
        for (const ref of referencesOf(key, value)) {
          const id = ref.operationId;
          if (typeof id !== 'string') continue; // Shape problems are x-ms-value's.
          if (!analysis.operationsById.has(id)) {
            if (reported.has(`op\0${id}`)) continue;
            reported.add(`op\0${id}`);
            const hint = suggest(id, ids);
            report({
              message: `Unknown operation \`${id}\` in \`${key}\`${hint ? `, did you mean \`${hint}\`?` : '; no operation has this operationId'}`,
              at: visit.at(key, ...ref.path),
              args: [key, id],
            });
            continue;
          }
          if (!ref.style || !isObject(ref.parameters) || !visit.operation) continue;
          const known = namesFor(analysis, visit.operation, names);
          for (const [arg, binding] of Object.entries(ref.parameters)) {
            if (!isObject(binding)) continue;
            const raw = ref.style === 'parameter' ? binding.parameter : binding.parameterReference;
            if (typeof raw !== 'string') continue;
            if (resolves(analysis, visit.operation, raw, known)) continue;
            const name = raw.split(/[/.]/)[0]!;
            if (known.has(name) || reported.has(`param\0${name}`)) continue;
            reported.add(`param\0${name}`);
            const hint = suggest(name, [...known]);
            report({
              message: `Unknown parameter \`${name}\` in \`${key}\`, this operation has no parameter of that name${hint ? `; did you mean \`${hint}\`?` : ''}`,
              at: visit.at(key, 'parameters', arg, ref.style),
              args: [key, name],
            });
          }
        }
      }
    }
  },
});

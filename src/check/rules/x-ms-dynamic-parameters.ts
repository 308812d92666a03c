import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { analyze, deref, isObject, parametersOf, type Analysis, type Json, type JsonObject, type Visit } from '../../swagger/index.ts';
import { dynamicCalls, resolvePath, typeOf } from '../dynamic.ts';

const listFolders = mdx([
  'request: GET /drives/{drive}/folders',
  'summary: List folders',
  'x-ms-visibility: internal',
  'parameters:',
  '  drive:',
  '    type: string',
  '  top:',
  '    in: query',
  '    type: integer',
  'responses:',
  "  '200':",
  '    description: OK',
]);

const getFolder = (args: readonly string[]) =>
  mdx([
    'request: GET /folders/{folder}',
    'summary: Get a folder',
    'parameters:',
    '  drive:',
    '    required: true',
    '    type: string',
    '  folder:',
    '    type: string',
    '    x-ms-dynamic-values:',
    '      operationId: ListFolders',
    '      value-path: id',
    '      parameters:',
    ...args.map((line) => `        ${line}`),
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

/** Types that carry the same values once serialized: a string parameter takes anything. */
const family = (type: string | undefined) => (type === 'integer' ? 'number' : type);

function compatible(source: string | undefined, target: string | undefined): boolean {
  if (source === undefined || target === undefined || target === 'string' || target === 'file') return true;
  return family(source) === family(target);
}

/** The JSON type of a literal argument as the target parameter would read it. */
function literalType(value: Json): string | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return value.startsWith('@') ? undefined : /^-?\d+(\.\d+)?$/.test(value) ? undefined : /^(true|false)$/i.test(value) ? 'boolean' : 'string';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The type of a parameter or schema (body parameters by their schema). */
function declaredType(analysis: Analysis, node: JsonObject): string | undefined {
  if (node.in === 'body') {
    const schema = deref(analysis.swagger, node.schema);
    return schema ? typeOf(schema) : undefined;
  }
  return typeOf(node);
}

/** What a reference in this operation names: a parameter, or a property of its body (by path, from the body or from a property). */
function source(analysis: Analysis, operation: Visit, raw: string): JsonObject | undefined {
  const params = parametersOf(analysis, operation);
  const direct = params.find((p) => p.node.name === raw);
  if (direct) return direct.node;
  const segments = raw.split(/[/.]/).filter(Boolean);
  for (const { node } of params) {
    if (node.in !== 'body') continue;
    const schema = deref(analysis.swagger, node.schema);
    if (!schema) return undefined;
    const path = segments[0] === node.name ? segments.slice(1) : segments;
    const resolved = resolvePath(analysis, schema, path.join('/'));
    if (resolved.kind === 'known') return resolved.schema;
    // A sibling property of a body schema property (x-ms-dynamic-values in the body names `{ parameter: object }`).
    if (segments.length === 1) {
      const found = findProperty(analysis, schema, raw, 0, new Set());
      if (found) return found;
    }
  }
  return undefined;
}

function findProperty(analysis: Analysis, schema: JsonObject, name: string, depth: number, seen: Set<JsonObject>): JsonObject | undefined {
  if (depth > 12 || seen.has(schema)) return undefined;
  seen.add(schema);
  const parts = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf.map((p) => deref(analysis.swagger, p)).filter(isObject) : [])];
  for (const part of parts) {
    if (!isObject(part.properties)) continue;
    const own = part.properties[name];
    if (own !== undefined) return deref(analysis.swagger, own);
    for (const child of Object.values(part.properties)) {
      const resolved = deref(analysis.swagger, child);
      const found = resolved && findProperty(analysis, resolved, name, depth + 1, seen);
      if (found) return found;
    }
  }
  return undefined;
}

/** A body property the target reads by name (`body/prop` or `prop` of its body schema). */
function isBodyProperty(analysis: Analysis, target: Visit, name: string): boolean {
  return parametersOf(analysis, target).some(({ node }) => {
    if (node.in !== 'body') return false;
    const schema = deref(analysis.swagger, node.schema);
    return !!schema && findProperty(analysis, schema, name, 0, new Set()) !== undefined;
  });
}

export default defineRule({
  id: 'x-ms-dynamic-parameters',
  area: 'x-ms',
  severity: 'warning',
  platformCodes: ['OperationParameterNameNotFound', 'OperationParameterNameIsAmbiguous', 'OperationParameterStaticTypeMismatch', 'OperationParameterTypeMismatch', 'SourcePropertyInternal'],
  description: 'The arguments a dynamic-data extension passes name parameters of the called operation, once, with values of a compatible type.',
  rationale:
    'The designer calls the operation with these arguments at design time. An argument the operation has no parameter for is dropped; a name two of its parameters share (a query and a header) is ambiguous; ' +
    'a literal or a referenced parameter of another type (an object for an integer, a string for a boolean) makes the call fail; and `parameterReference` ignores defaults, so an internal property with a default must be passed as a static `value`. ' +
    'A warning, not an error: the call still happens, the dropdown is what breaks. A string parameter takes any value; numbers in strings and expressions (`@…`) are not judged.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(['drive:', '  parameter: drive', 'top: 10']), 'actions/ListFolders.mdx': listFolders }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(['driveId:', '  parameter: drive']), 'actions/ListFolders.mdx': listFolders },
        output: ['actions/GetFolder.mdx:14:9-14:16: Unknown parameter `driveId` of `ListFolders`, passed by `x-ms-dynamic-values` (x-ms-dynamic-parameters)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(['drive:', '  parameter: drive', 'top: [10]']), 'actions/ListFolders.mdx': listFolders },
        output: ['actions/GetFolder.mdx:16:14-16:18: Expected the value of `top` to be integer, the type of that parameter of `ListFolders`, not array (x-ms-dynamic-parameters)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const call of dynamicCalls(analysis)) {
      const args = call.call.parameters;
      if (!call.target || !isObject(args)) continue;
      const reference = call.key === 'x-ms-dynamic-list' || call.key === 'x-ms-dynamic-properties' || call.key === 'x-ms-dynamic-tree';
      const targetParams = parametersOf(analysis, call.target.visit);
      const at = (...segments: string[]) => call.visit.at(call.key, ...call.path, 'parameters', ...segments);
      for (const [name, binding] of Object.entries(args)) {
        const first = name.split('/')[0]!;
        const matches = targetParams.filter((p) => p.node.name === first);
        if (matches.length === 0) {
          if (isBodyProperty(analysis, call.target.visit, first)) continue;
          report({ message: `Unknown parameter \`${first}\` of \`${call.operationId}\`, passed by \`${call.key}\``, at: at(name), onKey: true, args: [call.key, ...call.path.map(String), name, 'unknown'] });
          continue;
        }
        if (matches.length > 1) {
          const places = matches.map((p) => String(p.node.in)).join(' and ');
          report({ message: `Ambiguous parameter \`${first}\` of \`${call.operationId}\`: it is in ${places}; rename one`, at: at(name), onKey: true, args: [call.key, ...call.path.map(String), name, 'ambiguous'] });
          continue;
        }
        if (name !== first) continue; // A path into the target's body: its type is the body schema's business.
        const target = matches[0]!.node;
        const targetType = declaredType(analysis, target);
        if (!isObject(binding) || (!reference && binding.parameter === undefined) || (reference && binding.value !== undefined)) {
          const literal = reference && isObject(binding) ? binding.value! : binding;
          const type = literalType(literal);
          if (!compatible(type, targetType)) {
            report({
              message: `Expected the value of \`${name}\` to be ${targetType}, the type of that parameter of \`${call.operationId}\`, not ${type}`,
              at: reference ? at(name, 'value') : at(name),
              args: [call.key, ...call.path.map(String), name, 'static-type'],
            });
          }
          continue;
        }
        const raw = reference ? binding.parameterReference : binding.parameter;
        if (typeof raw !== 'string' || !call.visit.operation) continue;
        const from = source(analysis, call.visit.operation, raw);
        if (!from) continue; // Unknown references are x-ms-dynamic-operation-exists'.
        const sourceType = declaredType(analysis, from);
        if (!compatible(sourceType, targetType)) {
          report({
            message: `Expected \`${raw}\`, passed as \`${name}\` to \`${call.operationId}\`, to be ${targetType} like that parameter, not ${sourceType}`,
            at: at(name, reference ? 'parameterReference' : 'parameter'),
            args: [call.key, ...call.path.map(String), name, 'type'],
          });
        }
        if (reference && from['x-ms-visibility'] === 'internal' && from.default !== undefined) {
          report({
            message: `\`${raw}\` is internal with a default, which \`parameterReference\` does not pass; pass \`{ value: ${JSON.stringify(from.default)} }\` instead`,
            at: at(name, 'parameterReference'),
            args: [call.key, ...call.path.map(String), name, 'internal'],
          });
        }
      }
    }
  },
});

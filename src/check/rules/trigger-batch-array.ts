import { defineRule } from '../define-rule.ts';
import { CONNECTOR, POLLING_TRIGGER, mdx } from '../examples.ts';
import { analyze, deref, isObject, policiesFor, type Analysis, type JsonObject, type OperationEntry } from '../../swagger/index.ts';
import { resolvePath, responseSchema, typeOf } from '../dynamic.ts';
import { webhookOf } from '../webhook.ts';

const trigger = (itemsLines: readonly string[]) =>
  mdx([
    'request: GET /items',
    'summary: When an item is created',
    'description: Triggers when an item is created.',
    'x-ms-trigger: batch',
    'x-ms-trigger-hint: Create an item to fire this trigger.',
    'responses:',
    "  '200':",
    '    description: OK',
    '    schema:',
    '      type: object',
    '      properties:',
    ...itemsLines.map((line) => `        ${line}`),
  ]);

/** A polling trigger whose items are at `value`, of the given schema. */
const polling = (valueLines: readonly string[]) =>
  mdx([
    ...POLLING_TRIGGER.split('\n').slice(1, -2),
    '    schema:',
    '      type: object',
    '      properties:',
    '        value:',
    ...valueLines.map((line) => `          ${line}`),
  ]);

/** `@triggerBody().value`, `@triggerBody()?['value']`, `@triggerBody()['data']['items']` → `value`, `data/items`; undefined for anything else. */
export function triggerDataPath(expression: string): string | undefined {
  const match = /^@\{?triggerBody\(\)((?:\??(?:\.[A-Za-z_$][\w$@-]*|\['[^']*'\]))*)\}?$/.exec(expression.trim());
  if (!match) return undefined;
  const segments = [...match[1]!.matchAll(/\.([A-Za-z_$][\w$@-]*)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2]!);
  return segments.join('/');
}

/** The schema the trigger's items come from, and how it is named in the message. */
function dataOf(analysis: Analysis, operation: OperationEntry, apiProperties: Parameters<typeof policiesFor>[0]): { schema: JsonObject; what: string; path: string | undefined } | undefined {
  const hook = webhookOf(analysis, operation);
  if (hook) {
    const content = operation.pathItem.node['x-ms-notification-content'];
    const schema = isObject(content) ? deref(analysis.swagger, content.schema) : undefined;
    return schema && typeOf(schema) !== undefined ? { schema, what: 'the notification payload', path: undefined } : undefined;
  }
  const root = responseSchema(analysis, operation);
  if (root.kind !== 'known') return undefined;
  const polling = operation.operationId ? policiesFor(apiProperties, operation.operationId).find((p) => p.templateId === 'pollingtrigger') : undefined;
  const expression = polling?.get('triggerDataPath');
  const path = expression === undefined ? undefined : triggerDataPath(expression);
  if (path === undefined || path === '') return { schema: root.schema, what: 'the response', path: undefined };
  const at = resolvePath(analysis, root.schema, path);
  return at.kind === 'known' ? { schema: at.schema, what: `\`${path}\` (the \`triggerDataPath\`) in the response`, path } : undefined;
}

/** An array, or an object holding one at its top level (the designer offers those for Split On). */
function holdsArray(analysis: Analysis, schema: JsonObject): boolean | undefined {
  const type = typeOf(schema);
  if (type === 'array') return true;
  if (type !== 'object' || !isObject(schema.properties)) return undefined;
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined;
  let unknown = false;
  for (const child of Object.values(schema.properties)) {
    const resolved = deref(analysis.swagger, child);
    const childType = resolved ? typeOf(resolved) : undefined;
    if (childType === 'array') return true;
    if (childType === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

export default defineRule({
  id: 'trigger-batch-array',
  area: 'trigger',
  severity: 'warning',
  description: 'A `batch` trigger returns an array, or an object holding one (at its `triggerDataPath` for a polling trigger).',
  rationale:
    '`x-ms-trigger: batch` says each call returns several items: the designer offers Split On over the array to run the flow once per item, and the `pollingtrigger` policy reads the new items at `triggerDataPath`. ' +
    'A batch trigger whose response holds no array has nothing to split, and its outputs are one object; make it `single`, or declare the array. ' +
    'A warning: the trigger fires, the flow gets the wrong shape. Nothing is reported where the schema declares nothing.',
  examples: {
    ok: [
      { 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': POLLING_TRIGGER },
      { 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': polling(['type: array', 'items:', '  type: object']) },
    ],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'triggers/OnNewItem.mdx': polling(['type: object']) },
        output: ['triggers/OnNewItem.mdx:2:1-2:5: Expected `value` (the `triggerDataPath`) in the response of batch trigger `OnNewItem` to be an array (trigger-batch-array)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/OnNewItem.mdx': trigger(['id:', '  type: string']) },
        output: ['actions/OnNewItem.mdx:5:1-5:13: Expected the response of batch trigger `OnNewItem` to be an array or to hold one; make it `x-ms-trigger: single` or declare the array (trigger-batch-array)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const analysis = analyze(swagger);
    for (const operation of analysis.operations) {
      if (operation.visit.node['x-ms-trigger'] !== 'batch') continue;
      const data = dataOf(analysis, operation, apiProperties);
      if (!data) continue;
      const ok = data.path === undefined ? holdsArray(analysis, data.schema) : typeOf(data.schema) === undefined ? undefined : typeOf(data.schema) === 'array';
      if (ok !== false) continue;
      const id = operation.operationId ?? `${operation.method.toUpperCase()} ${operation.path}`;
      report({
        message:
          data.path === undefined
            ? `Expected ${data.what} of batch trigger \`${id}\` to be an array or to hold one; make it \`x-ms-trigger: single\` or declare the array`
            : `Expected ${data.what} of batch trigger \`${id}\` to be an array`,
        at: operation.visit.at('x-ms-trigger'),
        onKey: true,
        args: [],
      });
    }
  },
});

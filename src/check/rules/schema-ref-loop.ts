import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { findCycles } from '../schemas.ts';
import { isObject, type JsonObject } from '../../swagger/index.ts';

const connector = (...lines: string[]) => mdx([...CONNECTOR_LINES, 'definitions:', ...lines]);

/**
 * The references that make a node *be* another one: a `$ref` standing for the whole node, and the
 * `$ref`s of its `allOf` parts (inline parts followed, bounded). A property or item reference is not
 * one: a tree may contain itself below a property, as recursive schemas do.
 */
function identityRefs(node: JsonObject, at: string, out: Array<{ ref: string; at: string }>, depth = 0): void {
  if (depth > 16) return;
  if (typeof node.$ref === 'string') {
    out.push({ ref: node.$ref, at: `${at}/$ref` });
    return;
  }
  if (!Array.isArray(node.allOf)) return;
  node.allOf.slice(0, 64).forEach((part, i) => {
    if (isObject(part)) identityRefs(part, `${at}/allOf/${i}`, out, depth + 1);
  });
}

export default defineRule({
  id: 'schema-ref-loop',
  area: 'schema',
  severity: 'error',
  description: 'No definition is, through `$ref` and `allOf` alone, itself.',
  rationale:
    'A definition that is a reference to another that refers back (or that includes itself in its `allOf`) never reaches an actual schema: resolving it loops forever, ' +
    'and the Swagger Validator rejects it (`SchemaRefLoopNotAllowed`; a shared response cannot be a `$ref` at all, which `swagger-schema` reports). ' +
    'A schema that contains itself below a property or in `items` (a tree, a folder of folders) is not a loop: that is legal recursion, used by certified connectors.',
  platformCodes: ['SchemaRefLoopNotAllowed'],
  examples: {
    ok: [
      {
        'connector.mdx': connector('  Folder:', '    type: object', '    properties:', '      folders:', '        type: array', '        items:', "          $ref: '#/definitions/Folder'"),
        'actions/GetItem.mdx': GET_ITEM,
      },
    ],
    notOk: [
      {
        files: { 'connector.mdx': connector('  Item:', "    $ref: '#/definitions/Record'", '  Record:', '    allOf:', "      - $ref: '#/definitions/Item'"), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:7:11-7:33: Unexpected reference loop `#/definitions/Item` → `#/definitions/Record` → `#/definitions/Item`; a schema cannot be only a reference to itself (schema-ref-loop)'],
      },
    ],
  },
  check({ swagger, report }) {
    if (!isObject(swagger.definitions)) return;
    const edges = new Map<string, Array<{ ref: string; at: string }>>();
    for (const [name, node] of Object.entries(swagger.definitions)) {
      const out: Array<{ ref: string; at: string }> = [];
      if (isObject(node)) identityRefs(node, `/definitions/${escape(name)}`, out);
      edges.set(`#/definitions/${escape(name)}`, out);
    }
    for (const cycle of findCycles(edges)) {
      const names = cycle.map((step) => `\`${step.from}\``).join(' → ');
      report({ message: `Unexpected reference loop ${names} → \`${cycle[0]!.from}\`; a schema cannot be only a reference to itself`, at: cycle[0]!.at, args: [cycle[0]!.from] });
    }
  },
});

function escape(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { findCycles, propertiesOf, requiredOf } from '../schemas.ts';
import { isObject, type JsonObject } from '../../swagger/index.ts';

const connector = (...required: string[]) =>
  mdx([...CONNECTOR_LINES, 'definitions:', '  Person:', '    type: object', ...required, '    properties:', '      name:', '        type: string', '      manager:', "        $ref: '#/definitions/Person'"]);

interface Edge {
  ref: string;
  at: string;
  /** Through a required property (not only `$ref`/`allOf`, which schema-ref-loop reports). */
  viaProperty: boolean;
}

/** The definitions a schema cannot exist without: its required properties' references, and its `allOf` parts (bounded). */
function requiredRefs(node: JsonObject, at: string, out: Edge[], viaProperty: boolean, depth = 0): void {
  if (depth > 16 || out.length > 256) return;
  if (typeof node.$ref === 'string') {
    out.push({ ref: node.$ref, at: `${at}/$ref`, viaProperty });
    return;
  }
  const properties = propertiesOf(node);
  for (const name of requiredOf(node)) {
    const property = properties[name];
    if (isObject(property)) requiredRefs(property, `${at}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, out, true, depth + 1);
  }
  if (Array.isArray(node.allOf)) {
    node.allOf.slice(0, 64).forEach((part, i) => {
      if (isObject(part)) requiredRefs(part, `${at}/allOf/${i}`, out, viaProperty, depth + 1);
    });
  }
}

export default defineRule({
  id: 'schema-required-loop',
  area: 'schema',
  severity: 'error',
  description: 'No schema requires itself: a chain of required properties never leads back to the schema it starts from.',
  rationale:
    'If a `Person` requires a `manager` that is a `Person`, every valid value contains another one, without end: no finite value satisfies the schema, and the designer expanding required inputs never stops. ' +
    'The Swagger Validator rejects it (`RequiredLoopInSchemaNotAllowed`). Make one property of the loop optional; recursion through optional properties is fine.',
  platformCodes: ['RequiredLoopInSchemaNotAllowed'],
  examples: {
    ok: [{ 'connector.mdx': connector('    required: [name]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('    required: [name, manager]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:13:15-13:37: Unexpected loop of required properties `Person` → `Person`: no finite value can be valid; make one of them optional (schema-required-loop)'] }],
  },
  check({ swagger, report }) {
    if (!isObject(swagger.definitions)) return;
    const edges = new Map<string, Edge[]>();
    for (const [name, node] of Object.entries(swagger.definitions)) {
      const key = `/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const out: Edge[] = [];
      if (isObject(node)) requiredRefs(node, key, out, false);
      edges.set(`#${key}`, out);
    }
    const viaProperty = new Set([...edges.values()].flat().filter((edge) => edge.viaProperty).map((edge) => edge.at));
    for (const cycle of findCycles(edges)) {
      if (!cycle.some((step) => viaProperty.has(step.at))) continue; // a pure $ref/allOf loop: schema-ref-loop
      const names = [...cycle.map((step) => step.from), cycle[0]!.from].map((ref) => `\`${ref.slice('#/definitions/'.length)}\``).join(' → ');
      report({ message: `Unexpected loop of required properties ${names}: no finite value can be valid; make one of them optional`, at: cycle[0]!.at, args: [cycle[0]!.from] });
    }
  },
});

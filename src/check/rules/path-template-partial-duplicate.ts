import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { isVariableSegment, operationName, pathSegments } from '../operations.ts';
import { analyze, type OperationEntry } from '../../swagger/index.ts';

const search = (path: string) => mdx([`request: GET ${path}`, 'summary: Search items', 'responses:', "  '200':", '    description: OK']);

/** Most operations a method may have before the pairwise comparison is skipped (it is quadratic). */
const MAX_PER_METHOD = 2000;

/**
 * Where two paths of one length overlap: the first segment where a fixed one meets a variable, when
 * every other segment is equal or a variable on both sides; -1 when they do not overlap.
 */
function overlapAt(a: string[], b: string[]): number {
  if (a.length !== b.length) return -1;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    const va = isVariableSegment(a[i]!);
    const vb = isVariableSegment(b[i]!);
    if (va && vb) continue;
    if (va || vb) {
      if (first === -1) first = i;
    } else if (a[i] !== b[i]) return -1;
  }
  return first;
}

export default defineRule({
  id: 'path-template-partial-duplicate',
  area: 'operation',
  severity: 'info',
  platformCodes: ['PartialDuplicateOperationPath'],
  description: 'No operation path matches another of the same method where a fixed segment meets a variable, like `/items/search` and `/items/{id}`.',
  rationale:
    'When a value of `{id}` happens to equal `search`, the call goes to the other operation. The validator warns about such paths (`PartialDuplicateOperationPath`), ' +
    'but real APIs are shaped like this (`/images/search` beside `/images/{id}`) and certified connectors carry them (156 pairs in 6 of the 35 reference connectors), ' +
    'so it is advice: where you own the API, a distinct fixed segment (`/items/by-id/{id}`) routes every value the same way.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/SearchItems.mdx': search('/search/items') }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'actions/SearchItems.mdx': search('/items/search') },
        output: [
          'actions/SearchItems.mdx:2:1-2:27: `GET /items/search` also matches `GET /items/{id}` (GetItem) when a value equals its fixed segments; calls may go to the wrong operation (path-template-partial-duplicate)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    const byMethod = new Map<string, Array<{ op: OperationEntry; segments: string[] }>>();
    for (const op of analyze(swagger).operations) {
      let list = byMethod.get(op.method);
      if (!list) byMethod.set(op.method, (list = []));
      if (list.length < MAX_PER_METHOD) list.push({ op, segments: pathSegments(op.path) });
    }
    // One finding per pair, on the path with the fixed segment where they first meet: the same findings in any order of operations.
    for (const list of byMethod.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const at = overlapAt(list[i]!.segments, list[j]!.segments);
          if (at === -1) continue;
          const [fixed, variable] = isVariableSegment(list[i]!.segments[at]!) ? [list[j]!.op, list[i]!.op] : [list[i]!.op, list[j]!.op];
          report({
            message: `\`${fixed.method.toUpperCase()} ${fixed.path}\` also matches \`${variable.method.toUpperCase()} ${variable.path}\` (${operationName(variable)}) when a value equals its fixed segments; calls may go to the wrong operation`,
            at: fixed.visit.pointer,
            onKey: true,
            cause: { message: 'The other operation', at: variable.visit.pointer },
            args: [fixed.method, fixed.path, variable.path],
          });
        }
      }
    }
  },
});

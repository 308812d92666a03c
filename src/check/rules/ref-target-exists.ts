import { fromPointer } from '../../core/pointer.ts';
import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import type { Swagger } from '../../swagger/index.ts';
import { analyze, isObject, resolveLocal, type Visit } from '../../swagger/index.ts';

const SECTION = { schema: 'definitions', parameter: 'parameters', response: 'responses', 'path-item': undefined } as const;

const DEFINITIONS = mdx([
  ...CONNECTOR_LINES,
  'definitions:',
  '  Item:',
  '    type: object',
  '    properties:',
  '      id:',
  '        type: string',
]);

export default defineRule({
  id: 'ref-target-exists',
  area: 'connector',
  severity: 'error',
  platformCodes: ['ParameterReferenceNotFound', 'ParameterReferenceNotValid', 'PathItemRefNotSuppored', 'SchemaReferenceNotFound', 'SchemaReferenceNotValid', 'ResponseReferenceNotFound', 'ResponseReferenceNotValid', 'JsonPointerNotValid'],
  description: 'Every `$ref` points into this document, at an existing definition, parameter or response.',
  rationale:
    'The platform takes one self-contained file: a reference to another file cannot be resolved, and a reference to a missing entry breaks the import ' +
    '(`SchemaReferenceNotFound`, `ParameterReferenceNotFound`, `ResponseReferenceNotFound`). ' +
    'Schemas refer to `#/definitions/…`, parameters to `#/parameters/…`, responses to `#/responses/…`.',
  examples: {
    ok: [
      {
        'connector.mdx': DEFINITIONS,
        'actions/GetItem.mdx': mdx([
          'request: GET /items/{id}',
          'summary: Get an item',
          'parameters:',
          '  id:',
          '    type: string',
          'responses:',
          "  '200':",
          '    description: OK',
          '    schema:',
          "      $ref: '#/definitions/Item'",
        ]),
      },
    ],
    notOk: [
      {
        files: {
          'connector.mdx': DEFINITIONS,
          'actions/GetItem.mdx': mdx([
            'request: GET /items/{id}',
            'summary: Get an item',
            'parameters:',
            '  id:',
            '    type: string',
            'responses:',
            "  '200':",
            '    description: OK',
            '    schema:',
            "      $ref: '#/definitions/Itme'",
          ]),
        },
        output: ['actions/GetItem.mdx:11:13-11:33: Unresolved reference `#/definitions/Itme`, did you mean `#/definitions/Item`? (ref-target-exists)'],
      },
    ],
  },
  check({ swagger, report }) {
    // Most documents repeat the same few references: check each (kind, reference) once.
    const checked = new Map<string, boolean>();
    for (const visit of analyze(swagger).of('ref')) {
      const ref = visit.ref!;
      const key = `${visit.refOf ?? ''}\0${ref}`;
      if (checked.get(key) === true) continue;
      const problem = problemOf(swagger, visit.refOf, ref);
      checked.set(key, problem === undefined);
      if (problem) report({ message: problem, at: visit.at('$ref'), args: [ref] });
    }
  },
});

/** What is wrong with a reference, or undefined when it resolves. */
function problemOf(swagger: Swagger, refOf: Visit['refOf'], ref: string): string | undefined {
  if (!ref.startsWith('#')) {
    return `Unexpected external reference \`${ref}\`; the platform takes a single file, so move the target into this document`;
  }
  let segments: string[];
  try {
    segments = fromPointer(ref);
  } catch {
    return `Unexpected reference \`${ref}\`, expected a JSON pointer like \`#/definitions/Item\``;
  }
  if (refOf === 'path-item') {
    return 'Unexpected `$ref` on a path item; the platform does not support path item references, write the operations here';
  }
  const section = refOf ? SECTION[refOf] : undefined;
  if (section && (segments.length !== 2 || segments[0] !== section)) {
    return `Unexpected reference \`${ref}\` for a ${refOf}, expected \`#/${section}/<name>\``;
  }
  if (resolveLocal(swagger, ref) !== undefined) return undefined;
  const container = section ? swagger[section] : undefined;
  const names = isObject(container) ? Object.keys(container) : [];
  const hint = suggest(segments[1] ?? '', names);
  return hint
    ? `Unresolved reference \`${ref}\`, did you mean \`#/${section}/${hint}\`?`
    : `Unresolved reference \`${ref}\`; add \`${segments[1]}\` to \`${section}\``;
}

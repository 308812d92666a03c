import { fromPointer } from '../../core/pointer.ts';
import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze, isObject, resolveLocal } from '../walk.ts';

const SECTION = { schema: 'definitions', parameter: 'parameters', response: 'responses', 'path-item': undefined } as const;

const DEFINITIONS = mdx([
  'title: Contoso',
  'host: api.contoso.com',
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
    for (const visit of analyze(swagger).of('ref')) {
      const ref = visit.ref!;
      const at = visit.at('$ref');
      if (!ref.startsWith('#')) {
        report({ message: `Unexpected external reference \`${ref}\`; the platform takes a single file, so move the target into this document`, at });
        continue;
      }
      let segments: string[];
      try {
        segments = fromPointer(ref);
      } catch {
        report({ message: `Unexpected reference \`${ref}\`, expected a JSON pointer like \`#/definitions/Item\``, at });
        continue;
      }
      const section = visit.refOf ? SECTION[visit.refOf] : undefined;
      if (visit.refOf === 'path-item') {
        report({ message: `Unexpected \`$ref\` on a path item; the platform does not support path item references, write the operations here`, at });
        continue;
      }
      if (section && (segments.length !== 2 || segments[0] !== section)) {
        report({ message: `Unexpected reference \`${ref}\` for a ${visit.refOf}, expected \`#/${section}/<name>\``, at });
        continue;
      }
      if (resolveLocal(swagger, ref) !== undefined) continue;
      const container = section ? swagger[section] : undefined;
      const names = isObject(container) ? Object.keys(container) : [];
      const hint = suggest(segments[1] ?? '', names);
      report({
        message: hint
          ? `Unresolved reference \`${ref}\`, did you mean \`#/${section}/${hint}\`?`
          : `Unresolved reference \`${ref}\`; add \`${segments[1]}\` to \`${section}\``,
        at,
      });
    }
  },
});

import { suggest } from '../../model/open-object.ts';
import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, getItemWithId, mdx } from '../examples.ts';
import { analyze, describe } from '../../swagger/index.ts';
import {
  X_MS_AUTOREST,
  X_MS_BY_NAME,
  X_MS_NAMES,
  X_MS_NOT_FOR_AUTHORS,
  describePositions,
  isAllowedAt,
  positionIsChecked,
  xmsPositionOf,
} from '../x-ms-positions.ts';

/** Did-you-mean on the part after `x-ms-`, preferring names allowed at this position. */
function didYouMean(key: string, here: readonly string[]): string | undefined {
  const tail = key.slice('x-ms-'.length);
  for (const candidates of [here, X_MS_NAMES]) {
    const hint = suggest(tail, candidates.map((name) => name.slice('x-ms-'.length)));
    if (hint !== undefined) return `x-ms-${hint}`;
  }
  return undefined;
}

export default defineRule({
  id: 'x-ms-position',
  area: 'x-ms',
  severity: 'warning',
  platformCodes: ['ExtensionNameNotValid'],
  description: 'Each `x-ms-*` extension is a known one, at a position where the platform reads it.',
  rationale:
    'The certification schema lists the `x-ms-*` keys allowed at each position and rejects any other, and the designer silently ignores an extension in the wrong place or with a typo ' +
    '(`x-ms-visibilty` in the wild hid nothing). Your own extensions are fine as `x-…` without `ms-`. ' +
    'The allow-list is the table of src/PLATFORM.md #where-extensions-may-appear plus extensions observed in certified connectors (`x-ms-openai-data`, `x-ms-keywords`, `x-ms-editor`, …); see `src/check/x-ms-positions.ts`. ' +
    'A warning, not an error: the platform imports the definition and ignores the key, and certified connectors carry such keys (`x-ms-visbility`). ' +
    'AutoRest extensions (`x-ms-client-name`, `x-ms-mutability`, …) are left to `x-ms-autorest`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': getItemWithId('    x-ms-visibilty: advanced'),
        },
        output: [
          'actions/GetItem.mdx:7:5-7:19: Unknown extension `x-ms-visibilty` in a path parameter, did you mean `x-ms-visibility`? (x-ms-position)',
        ],
      },
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/ListItems.mdx': mdx([
            'request: GET /items',
            'summary: List items',
            'parameters:',
            '  X-Tenant:',
            '    in: header',
            '    type: string',
            '    x-ms-url-encoding: single',
            'responses:',
            "  '200':",
            '    description: OK',
          ]),
        },
        output: [
          'actions/ListItems.mdx:8:5-8:22: Unexpected `x-ms-url-encoding` in a header parameter, expected it on a query parameter or a path parameter (x-ms-position)',
        ],
      },
    ],
  },
  check({ swagger, report }) {
    for (const visit of analyze(swagger).withXms) {
      if (!positionIsChecked(visit)) continue;
      const position = xmsPositionOf(visit);
      for (const key of visit.xms!) {
        if (isAllowedAt(key, position) || X_MS_AUTOREST.has(key)) continue;
        const row = X_MS_BY_NAME.get(key);
        const at = visit.at(key);
        if (row) {
          report({
            message: `Unexpected \`${key}\` in ${describe(visit)}, expected it on ${describePositions(row.at)}`,
            at,
            onKey: true,
            ...(row.note ? { note: row.note } : {}),
            args: [key],
          });
          continue;
        }
        const here = position === undefined ? [] : X_MS_NAMES.filter((name) => isAllowedAt(name, position));
        const hint = didYouMean(key, here);
        const note = X_MS_NOT_FOR_AUTHORS[key];
        report({
          message: hint
            ? `Unknown extension \`${key}\` in ${describe(visit)}, did you mean \`${hint}\`?`
            : `Unknown extension \`${key}\` in ${describe(visit)}; use \`x-${key.slice('x-ms-'.length)}\` for an extension of your own`,
          at,
          onKey: true,
          ...(note ? { note } : {}),
          args: [key],
        });
      }
    }
  },
});

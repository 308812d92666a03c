import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { dynamicCalls } from '../dynamic.ts';
import { analyze, isObject, parametersOf } from '../../swagger/index.ts';

const LIST_FOLDERS = mdx([
  'request: GET /drives/{drive}/folders',
  'summary: List folders',
  'x-ms-visibility: internal',
  'parameters:',
  '  drive:',
  '    type: string',
  'responses:',
  "  '200':",
  '    description: OK',
]);

/** `GetFolder` whose `folder` lists folders with these `parameters` lines. */
const getFolder = (args: readonly string[]) =>
  mdx([
    'request: GET /folders/{folder}',
    'summary: Get a folder',
    'parameters:',
    '  drive:',
    '    in: query',
    '    type: string',
    '    required: true',
    '  folder:',
    '    type: string',
    '    x-ms-dynamic-values:',
    '      operationId: ListFolders',
    '      value-path: id',
    ...(args.length ? ['      parameters:', ...args.map((line) => `        ${line}`)] : []),
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'x-ms-dynamic-required',
  area: 'x-ms',
  severity: 'error',
  platformCodes: ['OperationMissingRequiredProperty'],
  description: 'A dynamic-data extension passes every required parameter of the operation it calls, except those with a `default`.',
  rationale:
    'The designer calls the operation when the maker opens the dropdown; a required parameter left out makes that call fail, and the validator rejects it (`OperationMissingRequiredProperty`; ' +
    'no connector of the reference corpus has one). A required parameter with a `default` is sent with it, so it need not be passed. ' +
    'Body parameters and the `browse` step of `x-ms-dynamic-tree` (fed by the selected item) are not checked; an argument bound to an optional parameter is `x-ms-dynamic-required-source`\'s.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(['drive:', '  parameter: drive']), 'actions/ListFolders.mdx': LIST_FOLDERS }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder([]), 'actions/ListFolders.mdx': LIST_FOLDERS },
        output: ['actions/GetFolder.mdx:11:5-11:24: Missing required parameter `drive` of `ListFolders` in the `parameters` of `x-ms-dynamic-values`; pass it from a parameter or a value (x-ms-dynamic-required)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const call of dynamicCalls(analysis)) {
      if (!call.target || (call.key === 'x-ms-dynamic-tree' && call.path[0] === 'browse')) continue;
      const args = isObject(call.call.parameters) ? call.call.parameters : {};
      for (const { node } of parametersOf(analysis, call.target.visit)) {
        if (node.in === 'body' || node.required !== true || node.default !== undefined || typeof node.name !== 'string') continue;
        const name = node.name;
        if (Object.hasOwn(args, name)) continue;
        report({
          message: `Missing required parameter \`${name}\` of \`${call.operationId}\` in the \`parameters\` of \`${call.key}\`; pass it from a parameter or a value`,
          at: call.visit.at(call.key, ...call.path),
          onKey: true,
          args: [call.key, ...call.path.map(String), name],
        });
      }
    }
  },
});

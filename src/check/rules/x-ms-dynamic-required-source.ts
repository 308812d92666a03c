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

/** `GetFolder` whose `folder` lists the folders of its query parameter `drive` (lines 15–16 pass it). */
const getFolder = (driveRequired: boolean) =>
  mdx([
    'request: GET /folders/{folder}',
    'summary: Get a folder',
    'parameters:',
    '  drive:',
    '    in: query',
    '    type: string',
    `    required: ${driveRequired}`,
    '  folder:',
    '    type: string',
    '    x-ms-dynamic-values:',
    '      operationId: ListFolders',
    '      value-path: id',
    '      parameters:',
    '        drive:',
    '          parameter: drive',
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'x-ms-dynamic-required-source',
  area: 'x-ms',
  severity: 'warning',
  platformCodes: ['OperationParameterRequiredMismatch'],
  description: 'A required parameter of the operation a dynamic-data extension calls is fed from a required parameter of the calling operation, not an optional one.',
  rationale:
    'The designer fills the argument from the parameter the maker is editing; when that parameter is optional and left empty, the call goes out without a value the called operation requires and the dropdown fails. ' +
    'The validator reports it (`OperationParameterRequiredMismatch`); certified connectors carry it (2 of the 35 reference connectors), so it is a warning: make the source required, or pass a `value`. ' +
    'Path parameters are always required; body properties are not checked.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(true), 'actions/ListFolders.mdx': LIST_FOLDERS }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetFolder.mdx': getFolder(false), 'actions/ListFolders.mdx': LIST_FOLDERS },
        output: ['actions/GetFolder.mdx:16:22-16:27: Expected `drive`, passed as the required parameter `drive` of `ListFolders`, to be required too; when it is left empty the call fails (x-ms-dynamic-required-source)'],
      },
    ],
  },
  check({ swagger, report }) {
    const analysis = analyze(swagger);
    for (const call of dynamicCalls(analysis)) {
      const args = call.call.parameters;
      if (!call.target || !call.visit.operation || !isObject(args)) continue;
      const reference = call.key !== 'x-ms-dynamic-values' && call.key !== 'x-ms-dynamic-schema';
      const callers = parametersOf(analysis, call.visit.operation);
      for (const { node } of parametersOf(analysis, call.target.visit)) {
        if (node.in === 'body' || node.required !== true || node.default !== undefined || typeof node.name !== 'string') continue;
        const name = node.name;
        const binding = Object.hasOwn(args, name) ? args[name] : undefined;
        const source = isObject(binding) ? (reference ? binding.parameterReference : binding.parameter) : undefined;
        if (typeof source !== 'string') continue;
        const from = callers.find((p) => p.node.name === source);
        if (!from || from.node.required === true || from.node.in === 'path' || from.node.in === 'body') continue;
        report({
          message: `Expected \`${source}\`, passed as the required parameter \`${name}\` of \`${call.operationId}\`, to be required too; when it is left empty the call fails`,
          at: call.visit.at(call.key, ...call.path, 'parameters', name, reference ? 'parameterReference' : 'parameter'),
          args: [call.key, ...call.path.map(String), name],
        });
      }
    }
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR, mdx } from '../examples.ts';
import { dynamicCalls } from '../dynamic.ts';
import { analyze, isObject } from '../../swagger/index.ts';

const LIST_FOLDERS = mdx([
  'request: GET /folders',
  'summary: List folders',
  'x-ms-visibility: internal',
  'parameters:',
  '  parent:',
  '    in: query',
  '    type: string',
  'responses:',
  "  '200':",
  '    description: OK',
]);

/** `GetFile` whose `path` is picked from a folder tree; `step` passes the parent by `selectedItemValuePath` (lines 12–17). */
const getFile = (step: 'open' | 'browse') =>
  mdx([
    'request: GET /files',
    'summary: Get a file',
    'parameters:',
    '  path:',
    '    in: query',
    '    type: string',
    '    x-ms-dynamic-tree:',
    '      settings:',
    '        canSelectParentNodes: true',
    '        canSelectLeafNodes: true',
    `      ${step}:`,
    '        operationId: ListFolders',
    '        itemValuePath: id',
    '        parameters:',
    '          parent:',
    '            selectedItemValuePath: id',
    ...(step === 'browse' ? ['      open:', '        operationId: ListFolders', '        itemValuePath: id'] : ['      browse:', '        operationId: ListFolders', '        itemValuePath: id']),
    'responses:',
    "  '200':",
    '    description: OK',
  ]);

export default defineRule({
  id: 'x-ms-dynamic-selected-item',
  area: 'x-ms',
  severity: 'error',
  platformCodes: ['SelectedItemValuePathNotAllowedInThisPosition'],
  description: 'Only the `browse` step of `x-ms-dynamic-tree` passes arguments with `selectedItemValuePath`.',
  rationale:
    '`selectedItemValuePath` takes a value from the tree node the maker has just opened, which exists only while browsing; the `open` step and the other dynamic-data extensions ' +
    'have no selected node, and the validator rejects the argument there (`SelectedItemValuePathNotAllowedInThisPosition`). Pass a `parameter` or a `value` instead.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetFile.mdx': getFile('browse'), 'actions/ListFolders.mdx': LIST_FOLDERS }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetFile.mdx': getFile('open'), 'actions/ListFolders.mdx': LIST_FOLDERS },
        output: ['actions/GetFile.mdx:17:13-17:34: Unexpected `selectedItemValuePath` in the `open` step of `x-ms-dynamic-tree`, there is no selected item yet; it is allowed only in `browse` (x-ms-dynamic-selected-item)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const call of dynamicCalls(analyze(swagger))) {
      const args = call.call.parameters;
      if (!isObject(args) || (call.key === 'x-ms-dynamic-tree' && call.path[0] === 'browse')) continue;
      const where = call.key === 'x-ms-dynamic-tree' ? `the \`${String(call.path[0])}\` step of \`${call.key}\`` : `\`${call.key}\``;
      for (const [name, binding] of Object.entries(args)) {
        if (!isObject(binding) || binding.selectedItemValuePath === undefined) continue;
        report({
          message: `Unexpected \`selectedItemValuePath\` in ${where}, there is no selected item yet; it is allowed only in \`browse\``,
          at: call.visit.at(call.key, ...call.path, 'parameters', name, 'selectedItemValuePath'),
          onKey: true,
          args: [call.key, ...call.path.map(String), name],
        });
      }
    }
  },
});

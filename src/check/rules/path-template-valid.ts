import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const listAt = (path: string) => mdx([`request: GET ${path}`, 'summary: List items', 'responses:', "  '200':", '    description: OK']);

/** What is wrong with a path template (leading `/` aside: the Swagger schema reports that), or undefined. */
function problemOf(path: string): { code: string; message: string } | undefined {
  if (/[?#]/.test(path)) {
    return { code: 'query', message: `Unexpected \`${path.includes('?') ? '?' : '#'}\` in path \`${path}\`; a path has no query or fragment: declare query parameters with \`in: query\`, or percent-encode the character` };
  }
  if (path.includes('*')) return { code: 'wildcard', message: `Unexpected \`*\` in path \`${path}\`; the platform does not support wildcard paths, use a path parameter` };
  const withDefault = /\{[^{}/]*=[^{}/]*\}/.exec(path);
  if (withDefault) {
    return { code: 'default', message: `Unexpected default in path variable \`${withDefault[0]}\`; set the default on the path parameter instead` };
  }
  for (const segment of path.split('/')) {
    // Whole variables out; an empty `{}` or any brace left over is not a template.
    if (/[{}]/.test(segment.replace(/\{[^{}]+\}/g, ''))) {
      return { code: 'template', message: `Unexpected \`{\` or \`}\` in path \`${path}\`; each \`{name}\` must be whole within one segment, and other braces percent-encoded` };
    }
  }
  return undefined;
}

export default defineRule({
  id: 'path-template-valid',
  area: 'operation',
  severity: 'error',
  platformCodes: ['OperationPathContainsUnsupportedCharacters', 'OperationPathMayNotContainQueryOrFragment', 'OperationPathTemplateNotValid', 'OperationPathVariablesContainDefaults'],
  description: 'An operation path is a plain template: no `?` or `#`, no `*`, each `{name}` closed within one segment, and no `{name=default}`.',
  rationale:
    'The platform builds the URL by filling `{name}` from the path parameter of that name, and adds query parameters itself. ' +
    'A path with a query or fragment, a wildcard, a stray brace or a default inside a variable cannot be filled that way; the validator rejects it ' +
    '(`OperationPathMayNotContainQueryOrFragment`, `OperationPathContainsUnsupportedCharacters`, `OperationPathTemplateNotValid`, `OperationPathVariablesContainDefaults`). ' +
    'A path that does not start with `/` is reported by `swagger-schema`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listAt('/items?all=true') },
        output: ['actions/ListItems.mdx:2:1-2:29: Unexpected `?` in path `/items?all=true`; a path has no query or fragment: declare query parameters with `in: query`, or percent-encode the character (path-template-valid)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listAt('/files/*') },
        output: ['actions/ListItems.mdx:2:1-2:22: Unexpected `*` in path `/files/*`; the platform does not support wildcard paths, use a path parameter (path-template-valid)'],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': listAt('/items/{id') },
        output: ['actions/ListItems.mdx:2:1-2:24: Unexpected `{` or `}` in path `/items/{id`; each `{name}` must be whole within one segment, and other braces percent-encoded (path-template-valid)'],
      },
    ],
  },
  check({ swagger, report }) {
    for (const item of analyze(swagger).of('path-item')) {
      const path = String(item.segments[0]);
      const problem = problemOf(path);
      if (problem) report({ message: problem.message, at: item.pointer, onKey: true, args: [problem.code] });
    }
  },
});

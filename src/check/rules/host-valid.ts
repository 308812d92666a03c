import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';

const connector = (host: string, basePath = '/v1') => mdx(['title: Contoso', "version: '1.0'", `host: ${host}`, `basePath: ${basePath}`]);

/** The shape `swagger-schema` already requires: no scheme, path, spaces or placeholders. */
const SCHEMA_SHAPE = /^[^{}/ :\\]+(?::\d+)?$/;
/** A DNS label; underscores are tolerated, as resolvers and .NET's `Uri` accept them. */
const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

/** What is wrong with a host that passes the schema's pattern, or undefined. */
function hostProblem(host: string): string | undefined {
  const [name = '', port] = host.split(':');
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `port \`${port}\` is not between 1 and 65535`;
  if (name.length > 253) return 'it is longer than 253 characters';
  const labels = name.split('.');
  if (labels.some((label) => label === '')) return 'it has an empty label (two dots, or a dot at an end)';
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) return `label \`${bad}\` is not letters, digits and inner hyphens (at most 63)`;
  return undefined;
}

/** What is wrong with a base path that starts with `/` (else `swagger-schema` reports it), or undefined. */
function basePathProblem(basePath: string): string | undefined {
  if (/[?#]/.test(basePath)) return 'it holds a query or fragment';
  if (/\s/.test(basePath)) return 'it holds white space';
  if (/[{}]/.test(basePath)) return 'it holds a `{placeholder}`, which the platform does not fill in a base path';
  if (basePath.includes('//')) return 'it holds an empty segment (`//`)';
  return undefined;
}

export default defineRule({
  id: 'host-valid',
  area: 'connector',
  severity: 'error',
  description: '`host` is a DNS name (or IP address) with an optional port, and `basePath` a plain URL path.',
  rationale:
    'The platform builds every request URL from `host` and `basePath`; a host with an empty label, a character DNS does not allow or a port above 65535, or a base path with a query, a fragment or a `{placeholder}` ' +
    'gives URLs that cannot be called, and the Swagger Validator rejects them (`HostNameNotValid`, `BasePathNotValid`). ' +
    'A scheme, path or placeholder in `host`, and a `basePath` not starting with `/`, are `swagger-schema`\'s findings; a host that varies per connection is a `dynamichosturl` policy.',
  platformCodes: ['HostNameNotValid', 'BasePathNotValid'],
  examples: {
    ok: [{ 'connector.mdx': connector('api.contoso.com:8443'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      { files: { 'connector.mdx': connector('api..contoso.com'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:4:7-4:23: Expected `host` to be a valid host name: it has an empty label (two dots, or a dot at an end) (host-valid)'] },
      { files: { 'connector.mdx': connector('api.contoso.com', "'/v1?format=json'"), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:5:11-5:28: Expected `basePath` to be a plain URL path: it holds a query or fragment (host-valid)'] },
    ],
  },
  check({ swagger, report }) {
    const { host, basePath } = swagger;
    if (typeof host === 'string' && SCHEMA_SHAPE.test(host)) {
      const problem = hostProblem(host);
      if (problem) report({ message: `Expected \`host\` to be a valid host name: ${problem}`, at: '/host', args: [] });
    }
    if (typeof basePath === 'string' && basePath.startsWith('/')) {
      const problem = basePathProblem(basePath);
      if (problem) report({ message: `Expected \`basePath\` to be a plain URL path: ${problem}`, at: '/basePath', args: [] });
    }
  },
});

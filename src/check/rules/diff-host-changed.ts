import { defineRule } from '../define-rule.ts';
import { mdx } from '../diff-examples.ts';

const at = (version: string, host: string, basePath?: string) => ({ 'connector.mdx': mdx(['title: Contoso', `version: '${version}'`, `host: ${host}`, ...(basePath ? [`basePath: ${basePath}`] : [])]) });

export default defineRule({
  id: 'diff-host-changed',
  area: 'diff',
  severity: 'error',
  description: 'The `host` or `basePath` of the connector changed.',
  rationale: 'Every operation goes to the new address at once, for every existing flow; an address that moved is a new service, whose operations must be checked one by one. Custom connectors whose host differs per environment set it with a policy instead.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [{ base: at('1.0', 'api.contoso.com', '/v1'), head: at('1.0', 'api.contoso.com', '/v1') }],
    notOk: [{ base: at('1.0', 'api.contoso.com', '/v1'), head: at('2.0', 'api.fabrikam.com', '/v2'), output: [
          "connector.mdx:4:7-4:23: The `host` changed from `api.contoso.com` to `api.fabrikam.com`; every request of every flow goes to the new address (diff-host-changed)",
          "connector.mdx:5:11-5:14: The `basePath` changed from `/v1` to `/v2`; every request of every flow goes to the new address (diff-host-changed)",
        ] }],
  },
  diff({ base, head, report }) {
    for (const key of ['host', 'basePath'] as const) {
      const [was, now] = [base.swagger[key], head.swagger[key]];
      if (was === now || (was === undefined && now === '/') || (was === '/' && now === undefined)) continue;
      const message = `The \`${key}\` changed from ${was === undefined ? 'none' : `\`${String(was)}\``} to ${now === undefined ? 'none' : `\`${String(now)}\``}; every request of every flow goes to the new address`;
      if (now !== undefined) report({ at: `/${key}`, message, args: [key] });
      else report({ side: 'base', at: `/${key}`, message, args: [key] });
    }
  },
});

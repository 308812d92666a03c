import { defineRule } from '../define-rule.ts';
import { GET_ITEM, mdx } from '../examples.ts';
import { analyze } from '../../swagger/index.ts';

const connector = (schemes: string) => mdx(['title: Contoso', "version: '1.0'", 'host: api.contoso.com', `schemes: ${schemes}`]);

export default defineRule({
  id: 'host-scheme-supported',
  area: 'connector',
  severity: 'error',
  description: '`schemes` lists only `http` and `https`: no WebSocket schemes.',
  rationale:
    'Connectors call APIs over HTTP(S) only; Swagger allows `ws` and `wss`, but the platform cannot open a WebSocket and the Swagger Validator rejects them (`SchemeNotSupported`). ' +
    'Other values are not Swagger at all and are `swagger-schema`\'s findings.',
  platformCodes: ['SchemeNotSupported'],
  examples: {
    ok: [{ 'connector.mdx': connector('[https]'), 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [{ files: { 'connector.mdx': connector('[https, wss]'), 'actions/GetItem.mdx': GET_ITEM }, output: ['connector.mdx:5:18-5:21: Unexpected scheme `wss`; the platform calls APIs over `https` (or `http`) only (host-scheme-supported)'] }],
  },
  check({ swagger, report }) {
    const lists: Array<[unknown, string]> = [[swagger.schemes, '/schemes']];
    for (const { visit } of analyze(swagger).operations) lists.push([visit.node.schemes, visit.at('schemes')]);
    for (const [list, at] of lists) {
      if (!Array.isArray(list)) continue;
      list.forEach((scheme, i) => {
        if (scheme === 'ws' || scheme === 'wss') report({ message: `Unexpected scheme \`${scheme}\`; the platform calls APIs over \`https\` (or \`http\`) only`, at: `${at}/${i}`, args: [String(i)] });
      });
    }
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'export-dropped',
  area: 'export',
  severity: 'warning',
  description: 'A part of the connector that the export format has no place for was left out of the exported document.',
  rationale:
    'OpenAPI and Postman cannot say everything a Power Platform connector says: custom code (`script.csx`) runs in the gateway, an identity provider without known endpoints has no OAuth flow to write, and a Swagger `collectionFormat: tsv` has no OpenAPI style. A tool reading the export would call the API differently from the connector, so each loss is named where the connector says it, and `export` exits 3 when there is any.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'script.csx': 'public class Script : ScriptBase { }\n' },
        output: ['script.csx:1:1-1:1: Custom code `script.csx` has no place in an OpenAPI document; calls that it changes behave differently without the connector (export-dropped)'],
      },
    ],
  },
});

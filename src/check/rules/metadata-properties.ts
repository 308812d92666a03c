import { defineRule } from '../define-rule.ts';
import { CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { isPublished, metadataEntries, PUBLISHED_ACTION, publishedConnector } from '../certification.ts';
import { or } from '../text.ts';

const NAMES = ['Website', 'Privacy policy', 'Categories'] as const;

export default defineRule({
  id: 'metadata-properties',
  area: 'info',
  severity: 'warning',
  description: 'A published connector (one that names its `publisher`) has `x-ms-connector-metadata` with `Website`, `Privacy policy` and `Categories`.',
  rationale:
    'The connector page shows these three in its "Connector Metadata" table and the catalogue files the connector by its categories; the Swagger Validator refuses a connector without them (`ConnectorMetadataPropertiesMissing`).',
  platformCodes: ['ConnectorMetadataPropertiesMissing'],
  examples: {
    ok: [
      { 'connector.mdx': publishedConnector(), 'actions/GetItem.mdx': PUBLISHED_ACTION },
      { 'connector.mdx': mdx(CONNECTOR_LINES), 'actions/GetItem.mdx': GET_ITEM },
    ],
    notOk: [
      {
        files: { 'connector.mdx': mdx([...CONNECTOR_LINES, 'publisher: Contoso', 'description: Manage the items of a Contoso account from your flows.', 'website: https://contoso.com']), 'actions/GetItem.mdx': GET_ITEM },
        output: ['connector.mdx:7:10-7:29: Missing `Privacy policy` and `Categories` in the connector metadata of a published connector (metadata-properties)'],
      },
    ],
  },
  check({ swagger, apiProperties, report }) {
    const entries = metadataEntries(swagger);
    // Names are compared without case: certified connectors write `Privacy Policy` and pass.
    const names = new Set((entries ?? []).map((e) => e.name.toLowerCase()));
    if (!isPublished(apiProperties)) return;
    const missing = NAMES.filter((n) => !names.has(n.toLowerCase())).map((n) => `\`${n}\``);
    if (!missing.length) return;
    const at = entries === undefined ? '' : '/x-ms-connector-metadata';
    report({ message: `Missing ${or(missing).replace(/ or /, ' and ')} in the connector metadata of a published connector`, at, args: ['missing'] });
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';

export default defineRule({
  id: 'mdx-link-scheme',
  area: 'connector',
  severity: 'warning',
  description: 'Links in an MDX body with a scheme other than http, https, mailto or tel are shown as text without the link.',
  rationale:
    'A readme may name an app-store, settings or FTP address (a certified connector links `ms-windows-store://`); such a link cannot run code in the page, but it opens an app the reader did not expect, so the site shows its text without the link and says so. Schemes that can run code are `mdx-url` errors.',
  examples: {
    ok: [{ 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\n[Get the app](https://apps.microsoft.com/detail/9nblggh4nns1) or [call us](tel:+1-555-0100).\n'), 'actions/GetItem.mdx': GET_ITEM }, { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [
      {
        files: { 'connector.mdx': mdx(CONNECTOR_LINES, '# Contoso\n\nInstall [the app](ms-windows-store://pdp/?productid=9NBLGGH4NNS1) first, or fetch [the files](ftp://ftp.contoso.com/).\n'), 'actions/GetItem.mdx': GET_ITEM },
        output: [
          'connector.mdx:8:9-8:66: Unexpected link scheme `ms-windows-store:` in `ms-windows-store://pdp/?productid=9NBLGGH4NNS1`; the site shows its text without the link (it links http, https, mailto and tel) (mdx-link-scheme)',
          'connector.mdx:8:83-8:118: Unexpected link scheme `ftp:` in `ftp://ftp.contoso.com/`; the site shows its text without the link (it links http, https, mailto and tel) (mdx-link-scheme)',
        ],
      },
    ],
  },
});

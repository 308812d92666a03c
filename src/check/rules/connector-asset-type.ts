import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'connector-asset-type',
  area: 'connector',
  severity: 'warning',
  description:
    'Files beside connector.mdx are copied into the package and published only when their type is inert (png, jpg, jpeg, gif, webp, ico, csx, cs, txt, md, json, yaml, yml, csv) and their name can be a URL.',
  rationale:
    'The site publishes every asset under the connector URL; an HTML or SVG file from a pull request would run its script in the site origin, and a name with `#`, `?` or `%` cannot be served. So only a fixed list of inert types is copied, and anything else is left out of the package, the zip and the site.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'logo.png': 'PNG bytes', 'script.csx': 'public class Script : ScriptBase {}\n', 'settings.json': '{}\n' }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': GET_ITEM,
          'README.md': '# Contoso\n',
          'images/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>\n',
          'page.html': '<script>fetch("/api").then(…)</script>\n',
          'screenshot#1.png': 'PNG bytes',
        },
        output: [
          'images/logo.svg:1:1-1:1: Left out `logo.svg` from the package and the site: `.svg` is not one of the inert types copied beside a connector (png, jpg, jpeg, gif, webp, ico, csx, cs, txt, md, json, yaml, yml, csv) (connector-asset-type)',
          'page.html:1:1-1:1: Left out `page.html` from the package and the site: `.html` is not one of the inert types copied beside a connector (png, jpg, jpeg, gif, webp, ico, csx, cs, txt, md, json, yaml, yml, csv) (connector-asset-type)',
          'README.md:1:1-1:1: Left out `README.md` from the package and the site: plugboard writes its own `readme.md` into the package (connector-asset-type)',
          'screenshot#1.png:1:1-1:1: Left out `screenshot#1.png` from the package and the site: its name cannot be part of a URL (it contains `#`) (connector-asset-type)',
        ],
      },
    ],
  },
});

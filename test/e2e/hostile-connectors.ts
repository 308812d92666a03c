/**
 * Connector folders a hostile pull request could hold, written by the test into a temporary
 * folder (never committed): active assets, unsafe links, markup in every text field, operationIds
 * that name package files, a folder name with `#`, and a prototype-named front-matter key.
 * Every script in them sets `window.__pwned` or opens a dialog, so a test can tell if one ran.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONNECTOR_HEAD = ["version: '1.0'", 'host: hostile.example.com', 'publisher: plugboard tests'];

function action(operationId: string, summary: string, description = 'An operation.'): string {
  return ['---', `operationId: ${JSON.stringify(operationId)}`, `request: GET /${operationId.replace(/[^A-Za-z]/g, '')}/items`, `summary: ${JSON.stringify(summary)}`, `description: ${JSON.stringify(description)}`, 'responses:', "  '200':", '    description: OK', '---', ''].join('\n');
}

/** Files of each hostile connector folder, by folder name. */
export const HOSTILE_CONNECTORS: Record<string, Record<string, string>> = {
  'hostile-assets': {
    'connector.mdx': [
      '---',
      'title: \'Hostile <img src=x onerror="window.__pwned=1;alert(1)">\'',
      'description: \'Hostile <script>window.__pwned=2;alert(2)</script> description.\'',
      ...CONNECTOR_HEAD,
      '---',
      '# Hostile',
      '',
      'Install [the store app](ms-windows-store://pdp/?productid=9NBLGGH4NNS1) first.',
      '',
      'Never [click here](javascript:window.__pwned=3;alert(3)) and never [this](data:text/html,<script>alert(4)</script>).',
      '',
      '{/* --><script>window.__pwned=5;alert(5)</script><!-- */}',
      '',
      'Escaped \\<script>window.__pwned=6\\</script> stays text.',
      '',
    ].join('\n'),
    'evil.html': '<!doctype html><script>window.__pwned=7;alert(7)</script>',
    'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(8)"><script>window.__pwned=8;alert(8)</script></svg>',
    'docs/page.html': '<script>alert(9)</script>',
    'actions/GetItem.mdx': action('GetItem', 'Get <b onmouseover="alert(10)">item</b>', 'Gets a <thing> & its parts.'),
    'actions/Index.mdx': action('index.html', 'Index page'),
    'actions/Definition.mdx': action('apiDefinition.swagger.json', 'Definition page'),
  },
  'bad#name': {
    'connector.mdx': ['---', 'title: Bad name', ...CONNECTOR_HEAD, '---', '# Bad name', ''].join('\n'),
    'actions/GetItem.mdx': action('GetItem', 'Get item'),
  },
  'hostile-proto': {
    'connector.mdx': ['---', 'title: Prototype keys', 'constructor: x', '__proto__:', '  polluted: true', ...CONNECTOR_HEAD, '---', '# Prototype keys', ''].join('\n'),
    'actions/GetItem.mdx': action('GetItem', 'Get item'),
  },
};

/** Writes the hostile connector folders under `root`. */
export function writeHostileConnectors(root: string): void {
  for (const [id, files] of Object.entries(HOSTILE_CONNECTORS)) {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, id, name, '..'), { recursive: true });
      writeFileSync(join(root, id, name), text);
    }
  }
}

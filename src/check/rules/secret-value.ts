import { defineRule } from '../define-rule.ts';
import { CONNECTOR, CONNECTOR_LINES, GET_ITEM, mdx } from '../examples.ts';
import { readmeFile, readmeLineOffset } from '../certification.ts';
import { assignedSecret, isSecretName, looksLikeSecret, masked, tokenShape } from '../secrets.ts';
import { toPointer } from '../../core/pointer.ts';

/** Keys whose string value is a sample of the field's value. */
const SAMPLE_KEYS = new Set(['default', 'example', 'x-example', 'x-ms-test-value', 'value', 'x-ms-apimTemplateParameter.value']);
/** Keys naming the field whose samples sit beside them. */
const NAME_KEYS = ['name', 'x-ms-apimTemplateParameter.name'];
/** Files of the package that are text and could carry a secret. */
const TEXT_ASSET = /\.(?:csx|cs|json|txt|md|ya?ml|csv)$/i;

const MAX_NODES = 200_000;
const MAX_DEPTH = 64;

type Found = { at: string; message: string; args: string[] };

/** Secrets in one JSON document: token shapes in any string, real-looking values of secret-named fields. */
function scan(root: unknown, found: Found[]): void {
  let nodes = 0;
  // One path, pushed and popped as the walk goes: a pointer is made only for a finding.
  const path: string[] = [];
  const visit = (node: unknown, depth: number, secretField: string | undefined): void => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH || found.length >= 50) return;
    const at = () => toPointer(path);
    if (typeof node === 'string') {
      const shape = tokenShape(node);
      if (shape) found.push({ at: at(), message: `Unexpected ${shape.name} in \`${path.at(-1) ?? ''}\`: it is published with the connector; use a placeholder like \`[YOUR_API_KEY]\``, args: [at()] });
      else if (secretField !== undefined && looksLikeSecret(node)) found.push({ at: at(), message: `Unexpected secret ${masked(node)} in \`${secretField}\`: it is published with the connector; use a placeholder like \`[YOUR_CLIENT_SECRET]\``, args: [at()] });
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(String(i));
        visit(node[i], depth + 1, secretField);
        path.pop();
      }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const object = node as Record<string, unknown>;
    const nameKey = NAME_KEYS.find((k) => typeof object[k] === 'string' && isSecretName(object[k] as string));
    const named = nameKey ? (object[nameKey] as string) : undefined;
    for (const [key, value] of Object.entries(object)) {
      // A secret-named key with a string (or `{ value }`) value; the samples beside a secret-named `name`.
      const field = isSecretName(key) && path.at(-1) !== 'properties' ? key : named !== undefined && (SAMPLE_KEYS.has(key) || key === 'enum') ? named : key === 'value' || SAMPLE_KEYS.has(key) || key === 'enum' ? secretField : undefined;
      path.push(key);
      visit(value, depth + 1, field);
      path.pop();
    }
  };
  visit(root, 0, undefined);
}

/** 1-based line of `index` in `text`. */
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

export default defineRule({
  id: 'secret-value',
  area: 'connector',
  severity: 'error',
  description:
    'No secret in the connector: no client secret, API key, token or password in defaults, examples, `x-ms-test-value`, policy values, apiProperties, the readme or `script.csx`; well-known token shapes are found anywhere, other values by the name of their field. Placeholders like `[YOUR_CLIENT_SECRET]`, `{{token}}` or `xxx` are fine.',
  rationale:
    'Every file of a connector is published: in the public repository, in the package, on the connector page. A secret there is leaked to everyone at the first pull request and must be revoked; certification forbids secrets, client ids and client secrets and asks for clearly marked dummy values.',
  examples: {
    ok: [
      {
        'connector.mdx': mdx([...CONNECTOR_LINES, 'auth:', '  type: oauth2', '  provider: oauth2', "  clientId: '[YOUR_CLIENT_ID]'", '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token', '  settings:', "    clientSecret: '[YOUR_CLIENT_SECRET]'"]),
        'actions/GetItem.mdx': GET_ITEM,
        'script.csx': 'var key = this.Context.Request.Headers.GetValues("X-Api-Key");\nvar apiKey = "{{apiKey}}";\n',
      },
    ],
    notOk: [
      {
        files: {
          'connector.mdx': mdx([...CONNECTOR_LINES, 'auth:', '  type: oauth2', '  provider: oauth2', '  clientId: 2f6a1c0e', '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token', '  settings:', '    clientSecret: Qm9v~8Kp2.xR4sTz_9LwYq3N']),
          'actions/GetItem.mdx': GET_ITEM,
        },
        output: ['connector.mdx:6:3-6:15: Unexpected secret `Qm9v…` in `clientSecret`: it is published with the connector; use a placeholder like `[YOUR_CLIENT_SECRET]` (secret-value)'],
      },
      {
        files: {
          'connector.mdx': `${CONNECTOR}\nCall it with \`Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb250b3NvIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ\`.\n`,
          'actions/GetItem.mdx': GET_ITEM,
          'script.csx': 'public class Script : ScriptBase\n{\n    private const string ApiKey = "a8F3kL0pQ7zX2mN9";\n}\n',
        },
        output: [
          'connector.mdx:2:1-2:15: Unexpected bearer token in the readme (line 7): it is published with the connector; use a placeholder like `[YOUR_API_KEY]` (secret-value)',
          'script.csx:1:1-1:1: Unexpected secret in `ApiKey` in script.csx (line 3): it is published with the connector; use a placeholder, and read secrets from the connection (secret-value)',
        ],
      },
    ],
  },
  check({ swagger, apiProperties, readme, files, assets, report }) {
    const found: Found[] = [];
    scan(swagger, found);
    for (const f of found) report({ message: f.message, at: f.at, args: f.args });
    const inProperties: Found[] = [];
    scan(apiProperties, inProperties);
    for (const f of inProperties) report({ message: f.message, at: f.at, doc: 'apiProperties', args: f.args });

    const texts: Array<[file: string, label: string, text: string, offset: number]> = [[readmeFile(files), 'the readme', readme, readmeLineOffset(files)]];
    for (const [name, bytes] of assets) if (TEXT_ASSET.test(name) && bytes.length <= 4_000_000) texts.push([name, name, bytes.toString('utf8'), 0]);
    for (const [file, label, text, offset] of texts) {
      const shape = tokenShape(text);
      if (shape) {
        report({ message: `Unexpected ${shape.name} in ${label} (line ${lineOf(text, shape.index) + offset}): it is published with the connector; use a placeholder like \`[YOUR_API_KEY]\``, file, at: '', args: [label, shape.name] });
        continue;
      }
      const assigned = assignedSecret(text);
      if (assigned) report({ message: `Unexpected secret in \`${assigned.name}\` in ${label} (line ${lineOf(text, assigned.index) + offset}): it is published with the connector; use a placeholder, and read secrets from the connection`, file, at: '', args: [label, assigned.name] });
    }
  },
});

/**
 * What the certification, readme, metadata and secret rules share: where a connector's certification
 * metadata sits in the compiled documents, whether the connector is published (so that the
 * "missing" rules apply), the readme's headings, and what a placeholder looks like.
 * Sources: platform-format.md §1.7, §4 and §8; real-world-corpus.md §5.2–5.3 and §6.
 */
import { isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';
import { CONNECTOR_LINES, mdx } from './examples.ts';

/** Names of Microsoft products a title or description must not carry (certification string guidance). */
export const PRODUCT_NAMES = [
  'Power Platform', 'Power Automate', 'Power Apps', 'PowerApps', 'Microsoft Flow', 'Logic Apps', 'Copilot Studio', 'Power Virtual Agents', 'Power BI',
] as const;

/** One entry of `x-ms-connector-metadata`. */
export interface MetadataEntry {
  name: string;
  value: unknown;
  /** Pointer of the entry's `propertyValue`. */
  at: string;
}

/** The `x-ms-connector-metadata` entries (bounded), or undefined when the block is absent or not an array. */
export function metadataEntries(swagger: Swagger): MetadataEntry[] | undefined {
  const block = (swagger as Record<string, unknown>)['x-ms-connector-metadata'];
  if (!Array.isArray(block)) return undefined;
  return block.slice(0, 100).flatMap((entry, i) =>
    isObject(entry) && typeof entry.propertyName === 'string' ? [{ name: entry.propertyName, value: entry.propertyValue, at: `/x-ms-connector-metadata/${i}/propertyValue` }] : [],
  );
}

/** `apiProperties.properties`, or an empty object. */
export function propertiesOf(apiProperties: ApiProperties | undefined): Record<string, unknown> {
  const properties = isObject(apiProperties) ? apiProperties.properties : undefined;
  return isObject(properties) ? properties : {};
}

/**
 * A connector is published (headed for the public catalogue, where certification applies) when it
 * names its `publisher`. Only then do the rules about a *missing* description, metadata, contact,
 * stack owner or readme section report: a private connector needs none of them.
 */
export function isPublished(apiProperties: ApiProperties | undefined): boolean {
  const publisher = propertiesOf(apiProperties).publisher;
  return typeof publisher === 'string' && publisher.trim() !== '';
}

/** The file the readme is reported in: connector.mdx's body, or the folder's readme.md when checked as it is. */
export function readmeFile(files: ReadonlyArray<{ path: string }>): string {
  return files.length > 0 ? 'connector.mdx' : 'readme.md';
}

/** Lines before the readme in its file: connector.mdx's front-matter with its fences (0 for a readme.md). */
export function readmeLineOffset(files: ReadonlyArray<{ path: string; text: string }>): number {
  const text = files.find((f) => f.path === 'connector.mdx')?.text;
  if (text === undefined || !text.startsWith('---')) return 0;
  const close = text.indexOf('\n---', 3);
  if (close === -1) return 0;
  return text.slice(0, close + 4).split('\n').length;
}

export interface Heading {
  depth: number;
  text: string;
  /** 1-based line in the readme. */
  line: number;
}

/** ATX headings of a Markdown text outside fenced code, at most 2,000, text trimmed and unescaped. */
export function headings(markdown: string): Heading[] {
  const found: Heading[] = [];
  let fence: string | undefined;
  const lines = markdown.split('\n', 100_000);
  for (const [i, line] of lines.entries()) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === undefined) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const match = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    found.push({ depth: match[1]!.length, text: match[2]!.replace(/\\(.)/g, '$1').replace(/[*_`]/g, '').trim(), line: i + 1 });
    if (found.length >= 2000) break;
  }
  return found;
}

/**
 * A value that stands for a secret rather than being one: empty, `[YOUR_CLIENT_SECRET]`, `<secret>`,
 * `{{token}}`, `{clientSecret}`, `xxx…`, `***`, `your-api-key`, `dummy`, `@connectionParameters(…)`.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return true;
  if (/^\[[^\]]*\]$|^<[^>]*>$|^\{\{.*\}\}$|^\{[^{}]*\}$|^\$\{.*\}$|^%[^%]+%$/.test(v)) return true;
  if (/^(.)\1+$/.test(v) || /^[x*•.\-_]+$/i.test(v)) return true;
  if (/@(connectionParameters|parameters|environmentVariables)\(/i.test(v)) return true;
  return /\b(your|my|example|sample|dummy|placeholder|replace|changeme|redacted|insert|enter|test|fake|secret_here|token_here)\b|xxx/i.test(v.replace(/[_-]/g, ' '));
}

/** Examples: the front-matter lines (from line 5 on) of a published connector that meets every certification rule. */
export const PUBLISHED_LINES = [
  'description: Manage the items and folders of a Contoso account from flows and apps.',
  'publisher: Contoso',
  'stackOwner: Contoso',
  'website: https://www.contoso.com',
  'privacyPolicy: https://www.contoso.com/privacy',
  'categories: [Productivity]',
  'contact:',
  '  name: Contoso support',
  '  url: https://www.contoso.com/support',
  '  email: support@contoso.com',
] as const;

/** Examples: the readme of a published connector, with every section certification asks for. */
export const PUBLISHED_README = `
# Contoso

Contoso keeps items in folders. This connector reads them from flows and apps.

## Publisher: Contoso

## Prerequisites

A Contoso account.

## Supported Operations

### Get an item

Gets one item by its ID.

## Obtaining Credentials

Create an API key in the Contoso settings.

## Known Issues and Limitations

None at this time.

## Deployment Instructions

Run \`plugboard build\` and upload the package.
`;

/** Examples: a published connector.mdx (lines 2–14 front-matter), `extra` lines after them, and the readme. */
export function publishedConnector(extra: readonly string[] = [], readme = PUBLISHED_README): string {
  return mdx([...CONNECTOR_LINES, ...PUBLISHED_LINES, ...extra], readme);
}

/** Examples: `GET /items/{id}` with every description a published connector needs. */
export const PUBLISHED_ACTION = mdx([
  'request: GET /items/{id}',
  'summary: Get an item',
  'description: Gets one item by its ID.',
  'parameters:',
  '  id:',
  '    type: string',
  '    summary: Item ID',
  '    description: The ID of the item.',
  'responses:',
  "  '200':",
  '    description: OK',
]);

/** One `oAuthSettings` of a connection parameter (or of a parameter set's), with its pointer in apiProperties. */
export interface OAuthSettings {
  settings: Record<string, unknown>;
  at: string;
}

/** Every `oauthSetting` connection parameter's `oAuthSettings`, in `connectionParameters` and in each parameter set (bounded). */
export function oauthSettings(apiProperties: ApiProperties | undefined): OAuthSettings[] {
  const properties = propertiesOf(apiProperties);
  const found: OAuthSettings[] = [];
  const scanParameters = (parameters: unknown, base: string) => {
    if (!isObject(parameters)) return;
    for (const [name, parameter] of Object.entries(parameters).slice(0, 200)) {
      if (isObject(parameter) && isObject(parameter.oAuthSettings)) found.push({ settings: parameter.oAuthSettings, at: `${base}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}/oAuthSettings` });
    }
  };
  scanParameters(properties.connectionParameters, '/properties/connectionParameters');
  const sets = isObject(properties.connectionParameterSets) ? properties.connectionParameterSets.values : undefined;
  if (Array.isArray(sets)) sets.slice(0, 50).forEach((set, i) => isObject(set) && scanParameters(set.parameters, `/properties/connectionParameterSets/values/${i}/parameters`));
  return found;
}

/**
 * The certification, readme, icon, metadata, auth and secret rules beyond their examples: the
 * connector a new user writes from the scaffold's comments, real PNG icons (which text examples
 * cannot hold), the secret detector's shapes and placeholders, and the certification preset.
 */
import { describe, expect, it } from 'vitest';
import { certification, recommended } from '../../src/check/presets.ts';
import { compileAndCheck } from '../../src/check/run.ts';
import { assignedSecret, looksLikeSecret, tokenShape } from '../../src/check/secrets.ts';
import { isPlaceholder } from '../../src/check/certification.ts';
import { readIcon } from '../../src/check/icon.ts';
import { connectorTemplate } from '../../src/cli/template.ts';
import { connectorFromFiles } from '../../src/compiler/load.ts';
import { CONNECTOR, GET_ITEM } from '../../src/check/examples.ts';

/** A PNG header (signature + IHDR) of the given size: all image-size reads. */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(2, 17);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, Buffer.alloc(12)]);
}

function check(files: Record<string, string>, options: { icon?: Buffer; preset?: typeof recommended } = {}) {
  const source = connectorFromFiles('example', files);
  if (options.icon) source.assets.set('icon.png', options.icon);
  return compileAndCheck(source, { preset: options.preset ?? recommended }).diagnostics;
}

const ids = (diagnostics: ReturnType<typeof check>) => diagnostics.map((d) => `${d.ruleId} ${d.severity}`);

describe('the connector the issue describes', () => {
  const connector = [
    '---',
    'title: Contoso Enterprise Items API Connector Pro',
    'description: Items',
    "version: '1.0'",
    'host: api.contoso.com',
    'publisher: Contoso',
    "brandColor: '#ffffff'",
    'categories: [Productivity, Data, AI, Foo]',
    '---',
    '',
  ].join('\n');
  const action = GET_ITEM.replace('summary: Get an item', 'summary: Get an item.');

  it('is no longer "no problems": every certification defect is reported', () => {
    const found = ids(check({ 'connector.mdx': connector, 'actions/GetItem.mdx': action }));
    for (const rule of ['info-title-length', 'info-restricted-words', 'info-description-length', 'brand-color', 'metadata-categories', 'metadata-categories-count', 'summary-trailing-punctuation']) {
      expect(found).toContain(`${rule} warning`);
    }
  });

  it('fails under the certification preset', () => {
    const errors = check({ 'connector.mdx': connector, 'actions/GetItem.mdx': action }, { preset: certification }).filter((d) => d.severity === 'error');
    expect(new Set(errors.map((d) => d.ruleId))).toEqual(
      new Set(['info-title-length', 'info-restricted-words', 'info-description-length', 'brand-color', 'metadata-categories', 'metadata-categories-count', 'metadata-properties', 'summary-trailing-punctuation']),
    );
  });
});

describe('the scaffold of `plugboard new`', () => {
  it.each([
    ['recommended', recommended],
    ['certification', certification],
  ] as const)('checks clean under %s', (_name, preset) => {
    const files = connectorTemplate({ id: 'contoso-items', title: 'Contoso Items' });
    expect(check(files, { preset }).map(String)).toEqual([]);
  });
});

describe('icons, read with image-size', () => {
  it('reads the format and size of a PNG header', () => {
    expect(readIcon(png(230, 230))).toEqual({ type: 'png', width: 230, height: 230 });
    expect(readIcon(Buffer.from('not an image'))).toBeUndefined();
    expect(readIcon(Buffer.alloc(0))).toBeUndefined();
  });

  it('accepts a square PNG of 230×230', () => {
    expect(check({ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }, { icon: png(230, 230) }).map(String)).toEqual([]);
  });

  it('advises on a PNG that is not square or too small', () => {
    const found = check({ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }, { icon: png(1, 1) }).map(String);
    expect(found).toEqual(['icon.png:1:1-1:1: Expected a square icon of at least 160×160 pixels (about 230×230), found 1×1 (icon-size)']);
  });

  it('reports a JPEG named icon.png', () => {
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108006400c80301220002110103110100', 'hex');
    const found = check({ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }, { icon: jpeg }).filter((d) => d.ruleId === 'icon-format');
    expect(found.map((d) => d.message)).toEqual(['Expected the icon to be a PNG image, found a JPG image']);
  });
});

describe('secrets', () => {
  it.each([
    ['AKIAIOSFODNN7EXAMPLF', 'AWS access key'],
    [`ghp_${'a1B2c3D4e5'.repeat(4)}`, 'GitHub token'],
    ['xoxb-1234567890-abcdefghij', 'Slack token'],
    [`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`, 'Stripe secret key'],
    ['-----BEGIN RSA PRIVATE KEY-----', 'private key'],
    ['Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'bearer token'],
  ])('finds %s as a %s', (text, name) => {
    expect(tokenShape(`value: ${text}`)?.name).toBe(name);
  });

  it.each(['[YOUR_CLIENT_SECRET]', '{{apiKey}}', 'xxxxxxxxxxxx', '<secret>', "@connectionParameters('api_key')", 'your-api-key-here', '[[DUMMY]]', '********'])(
    'takes %s for a placeholder',
    (value) => {
      expect(isPlaceholder(value)).toBe(true);
      expect(looksLikeSecret(value)).toBe(false);
    },
  );

  it('tells real-looking values from prose, URLs and words', () => {
    expect(looksLikeSecret('Qm9v~8Kp2.xR4sTz_9LwYq3N')).toBe(true);
    expect(looksLikeSecret('hunter2Secret!')).toBe(true);
    expect(looksLikeSecret('The API key of your account.')).toBe(false);
    expect(looksLikeSecret('https://login.contoso.com/token')).toBe(false);
    expect(looksLikeSecret('securestring')).toBe(false);
    expect(looksLikeSecret('?client_id={clientId}&response_type=code&scope={scopes}')).toBe(false);
  });

  it('finds assignments in code by the name of the field', () => {
    expect(assignedSecret('var apiKey = "a8F3kL0pQ7zX2mN9";')?.name).toBe('apiKey');
    expect(assignedSecret('var apiKey = "{{apiKey}}";')).toBeUndefined();
    expect(assignedSecret('var name = "a8F3kL0pQ7zX2mN9";')).toBeUndefined();
  });

  it('finds a password default and an Authorization header example in the definition, never printing them whole', () => {
    const action = [
      '---',
      'request: GET /items',
      'summary: List items',
      'parameters:',
      '  password:',
      '    in: query',
      '    type: string',
      '    default: Pa55w0rd!2024',
      '  Authorization:',
      '    in: header',
      '    type: string',
      '    x-ms-test-value: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
      'responses:',
      "  '200':",
      '    description: OK',
      '---',
      '',
    ].join('\n');
    const found = check({ 'connector.mdx': CONNECTOR, 'actions/ListItems.mdx': action }).filter((d) => d.ruleId === 'secret-value');
    // The compiler shares the two parameters under the root `parameters`; positions are in the action.
    expect(found.map((d) => `${d.severity} ${d.pointer} ${String(d).split(': ')[0]}`)).toEqual([
      'error /parameters/password/default actions/ListItems.mdx:8:14-8:27',
      'error /parameters/Authorization/x-ms-test-value actions/ListItems.mdx:12:22-12:61',
    ]);
    for (const d of found) expect(d.message).not.toMatch(/Pa55w0rd!2024|9f8e7d6c5b4a39281706f5e4d3c2b1a0/);
  });

  it('leaves `clientId: null`, the repository placeholder convention, alone', () => {
    const connector = CONNECTOR.replace(
      'host: api.contoso.com',
      ['host: api.contoso.com', 'auth:', '  type: oauth2', '  provider: oauth2', '  clientId: null', '  authorizationUrl: https://login.contoso.com/authorize', '  tokenUrl: https://login.contoso.com/token'].join('\n'),
    );
    expect(check({ 'connector.mdx': connector, 'actions/GetItem.mdx': GET_ITEM }, { preset: certification }).map(String)).toEqual([]);
  });
});

/**
 * The repository configuration (src/check/config.ts): found upward from the working directory to
 * the repository root, or given; a package.json key; levels per connector by id and glob; and
 * every bad config (syntax, types, unknown ids, hostile shapes) is a `config-invalid` error placed
 * in the file, never a half-applied config.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, findConfig, globMatch, levelsFor, loadConfig, resolveConfig, type LoadedConfig } from '../../src/check/config.ts';
import { certification, recommended } from '../../src/check/presets.ts';
import { Config } from '../../src/model/config.ts';

const root = mkdtempSync(join(tmpdir(), 'plugboard-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A fresh folder holding `files`. */
function folder(files: Record<string, string>): string {
  const dir = join(root, String(n++));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The `String()` of each config-invalid diagnostic of loading `text` as `name`. */
function problems(text: string, name = 'plugboard.config.json'): string[] {
  const dir = folder({ [name]: text });
  try {
    loadConfig(join(dir, name), () => name);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const diagnostics = (error as ConfigError).diagnostics;
    for (const d of diagnostics) expect(d.ruleId).toBe('config-invalid');
    return diagnostics.map(String);
  }
  throw new Error('expected a ConfigError');
}

describe('finding the config', () => {
  it('looks from the working directory upward and stops at the repository root', () => {
    const repo = folder({ '.git/HEAD': 'ref: main\n', 'plugboard.config.json': '{ "preset": "certification" }', 'a/b/c/.keep': '' });
    const found = findConfig(join(repo, 'a/b/c'));
    expect(found).toBe(join(repo, 'plugboard.config.json'));
    expect(loadConfig(found!).preset).toBe('certification');
    // Above the repository root nothing is looked at: a config in a parent folder is not this repository's.
    const outer = folder({ 'plugboard.config.json': '{}', 'repo/.git/HEAD': 'x', 'repo/sub/.keep': '' });
    expect(findConfig(join(outer, 'repo/sub'))).toBeUndefined();
  });

  it('takes the nearest one, YAML too, and the "plugboard" key of package.json', () => {
    const repo = folder({ '.git/HEAD': 'x', 'plugboard.config.json': '{}', 'pkg/package.json': '{ "name": "x", "plugboard": { "preset": "certification" } }', 'yml/plugboard.config.yaml': 'preset: certification\nrules:\n  trigger-kind-unclear: off\n' });
    expect(findConfig(join(repo, 'pkg'))).toBe(join(repo, 'pkg/package.json'));
    expect(loadConfig(join(repo, 'pkg/package.json')).preset).toBe('certification');
    const yaml = loadConfig(findConfig(join(repo, 'yml'))!);
    expect(yaml.rules).toEqual({ 'trigger-kind-unclear': 'off' });
    // A package.json without the key is not a config: the search goes on upward.
    const plain = folder({ '.git/HEAD': 'x', 'plugboard.config.json': '{}', 'sub/package.json': '{ "name": "x" }' });
    expect(findConfig(join(plain, 'sub'))).toBe(join(plain, 'plugboard.config.json'));
  });

  it('refuses two configs in one folder, and never loads a JavaScript one', () => {
    const two = folder({ '.git/HEAD': 'x', 'plugboard.config.json': '{}', 'package.json': '{ "plugboard": {} }' });
    expect(() => findConfig(two, (p) => p.slice(two.length + 1))).toThrow(/package.json:1:1-1:1: Two configurations in one folder: `plugboard.config.json` and `package.json` \(its "plugboard" key\); keep one \(config-invalid\)/);
    const js = folder({ '.git/HEAD': 'x', 'plugboard.config.mjs': 'process.exit(3)' });
    expect(() => findConfig(js, (p) => p.slice(js.length + 1))).toThrow('plugboard.config.mjs:1:1-1:1: `plugboard.config.mjs` is not loaded: a configuration in JavaScript would run its code (from any pull request); write it as plugboard.config.json (config-invalid)');
    expect(() => resolveConfig(join(js, 'plugboard.config.mjs'), js, (p) => p)).toThrow(/is not loaded/);
    expect(() => resolveConfig('missing.json', js, () => 'missing.json')).toThrow('missing.json:1:1-1:1: No such configuration file (given with --config) (config-invalid)');
  });

  it('given with --config, loads that file relative to the working directory', () => {
    const dir = folder({ 'conf/strict.json': '{ "preset": "certification", "connectors": "../src/connectors" }' });
    const config = resolveConfig('conf/strict.json', dir, (p) => p)!;
    expect(config.preset).toBe('certification');
    expect(config.connectors).toBe(join(dir, 'src/connectors'));
  });

  it('does not read a config that is a symbolic link', () => {
    const dir = folder({ 'real.json': '{}' });
    symlinkSync(join(dir, 'real.json'), join(dir, 'plugboard.config.json'));
    expect(() => loadConfig(join(dir, 'plugboard.config.json'), () => 'plugboard.config.json')).toThrow(/Cannot read the configuration: it is a symbolic link/);
  });
});

describe('levels per connector', () => {
  const config = (text: string, dir = folder({})): LoadedConfig => {
    writeFileSync(join(dir, 'plugboard.config.json'), text);
    return loadConfig(join(dir, 'plugboard.config.json'));
  };

  it('is recommended itself without a config, and the preset with nothing else', () => {
    expect(levelsFor(undefined, { id: 'a', dir: '/x/a' })).toBe(recommended);
    expect(levelsFor(undefined, { id: 'a', dir: '/x/a' }, 'certification')).toBe(certification);
    expect(levelsFor(config('{ "preset": "certification" }'), { id: 'a', dir: '/x/a' })).toBe(certification);
  });

  it('applies the preset (--preset over the config), then rules, then every matching override in order', () => {
    const dir = folder({});
    const c = config(
      JSON.stringify({
        preset: 'recommended',
        rules: { 'trigger-kind-unclear': 'error', 'x-ms-position': 'info' },
        overrides: [
          { connectors: ['legacy-*'], rules: { 'x-ms-position': 'off', 'swagger-schema': 'warning' } },
          { connectors: ['legacy-billing', 'certified/**'], preset: 'certification', rules: { 'swagger-schema': 'info' } },
        ],
      }),
      dir,
    );
    const plain = levelsFor(c, { id: 'orders', dir: join(dir, 'connectors/orders') });
    expect([plain['trigger-kind-unclear'], plain['x-ms-position'], plain['swagger-schema']]).toEqual(['error', 'info', 'error']);
    const legacy = levelsFor(c, { id: 'legacy-crm', dir: join(dir, 'connectors/legacy-crm') });
    expect([legacy['trigger-kind-unclear'], legacy['x-ms-position'], legacy['swagger-schema']]).toEqual(['error', 'off', 'warning']);
    const billing = levelsFor(c, { id: 'legacy-billing', dir: join(dir, 'connectors/legacy-billing') });
    expect([billing['x-ms-position'], billing['swagger-schema']]).toEqual(['off', 'info']);
    // A pattern with a `/` is a folder path relative to the config file.
    const certified = levelsFor(c, { id: 'Contoso', dir: join(dir, 'certified/deep/Contoso') });
    expect(certified['swagger-schema']).toBe('info');
    expect(levelsFor(c, { id: 'Contoso', dir: join(dir, 'other/Contoso') })['swagger-schema']).toBe('error');
    // The --preset flag replaces the config's preset, not an override's.
    expect(levelsFor(c, { id: 'orders', dir: join(dir, 'connectors/orders') }, 'certification')['trigger-kind-unclear']).toBe('error');
  });

  it('matches globs without backtracking', () => {
    expect(globMatch('legacy-*', 'legacy-crm')).toBe(true);
    expect(globMatch('legacy-*', 'legacy/crm')).toBe(false);
    expect(globMatch('**/crm', 'a/b/crm')).toBe(true);
    expect(globMatch('**/crm', 'crm')).toBe(true);
    expect(globMatch('{a,b}-api', 'b-api')).toBe(true);
    expect(globMatch('?-api', 'ab-api')).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
    // A pattern that backtracks exponentially as a regular expression answers at once here.
    const started = performance.now();
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(190))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a bad config: config-invalid, placed in the file', () => {
  it('names an unknown rule id with the closest one', () => {
    expect(problems('{\n  "rules": {\n    "operation-id-uniqe": "off"\n  }\n}\n')).toEqual([
      'plugboard.config.json:3:5-3:25: Unknown rule `operation-id-uniqe`, did you mean `operation-id-unique`? (config-invalid)',
    ]);
  });

  it('names unknown keys, levels and presets, and wrong types', () => {
    expect(problems('{\n  "preset": "certificaton",\n  "rule": {},\n  "overrides": [{ "connectors": [], "rules": { "x-ms-position": "warn" } }]\n}\n')).toEqual([
      'plugboard.config.json:2:13-2:27: Unexpected `certificaton`, expected `recommended` or `certification`; did you mean `certification`? (config-invalid)',
      'plugboard.config.json:4:33-4:35: Expected at least 1 items (config-invalid)',
      'plugboard.config.json:4:65-4:71: Unexpected `warn`, expected `error`, `warning`, `info` or `off`; did you mean `warning`? (config-invalid)',
      'plugboard.config.json:3:3-3:9: Unknown key `rule`, did you mean `rules`? (config-invalid)',
    ]);
    expect(problems('{ "rules": [], "overrides": {} }')).toEqual([
      'plugboard.config.json:1:12-1:14: Unexpected an array, expected an object (config-invalid)',
      'plugboard.config.json:1:29-1:31: Unexpected an object, expected an array (config-invalid)',
    ]);
    expect(problems('[1, 2]')).toEqual(['plugboard.config.json:1:1-1:7: Unexpected an array, expected an object like { "preset": "recommended", "rules": {} } (config-invalid)']);
  });

  it('places syntax errors of JSON and YAML', () => {
    expect(problems('{\n  "preset": "recommended",,\n}')).toEqual(['plugboard.config.json:2:27-2:27: Not JSON: a key is missing (config-invalid)']);
    expect(problems('preset: [recommended\n', 'plugboard.config.yaml')[0]).toMatch(/^plugboard.config.yaml:\d+:\d+-\d+:\d+: Not YAML: /);
    expect(problems('{ "plugboard": 3 }', 'package.json')).toEqual(['package.json:1:16-1:17: Unexpected `3`, expected an object like { "preset": "recommended", "rules": {} } (config-invalid)']);
    expect(problems('{ "plugboard": { "rules": { "nope": "off" } } }', 'package.json')).toEqual(['package.json:1:29-1:35: Unknown rule `nope`, expected one of the ids `plugboard rules` lists (config-invalid)']);
  });

  it('refuses __proto__, constructor and prototype keys anywhere (JSON.parse keeps them as own keys; zod drops them silently)', () => {
    // Zod alone would accept this config with an empty `rules`.
    expect(Config.safeParse(JSON.parse('{ "rules": { "__proto__": "off" } }')).success).toBe(true);
    expect(problems('{ "rules": { "__proto__": { "polluted": true } } }')).toEqual(['plugboard.config.json:1:14-1:14: Unexpected key `__proto__`: not a configuration key, and never copied (config-invalid)']);
    expect(problems('{ "overrides": [{ "connectors": ["a"], "constructor": {} }] }')).toEqual(['plugboard.config.json:1:40-1:40: Unexpected key `constructor`: not a configuration key, and never copied (config-invalid)']);
    expect(problems('rules:\n  __proto__: off\n', 'plugboard.config.yaml')).toEqual(['plugboard.config.yaml:2:3-2:12: Unexpected key `__proto__`: not a configuration key, and never copied (config-invalid)']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops hostile sizes and depths without reading them through', () => {
    expect(problems(`{ "rules": ${'['.repeat(100_000)} }`)).toEqual(['plugboard.config.json:1:75-1:75: Nesting deeper than 64 levels; a configuration needs 5 (config-invalid)']);
    expect(problems(`x: ${'['.repeat(100_000)}`, 'plugboard.config.yaml')[0]).toMatch(/Nesting deeper than 64 levels/);
    expect(problems(`{ "rules": {}, "pad": "${'x'.repeat(1_100_000)}" }`)).toEqual([expect.stringMatching(/^plugboard.config.json:1:1-1:1: Cannot read the configuration: it is .*limit/)]);
    const many = JSON.stringify({ overrides: Array.from({ length: 600 }, () => ({ connectors: ['a'] })) });
    expect(problems(many)).toEqual([expect.stringMatching(/^plugboard.config.json:1:14-\d+:\d+: Expected at most 500 items \(config-invalid\)$/)]);
    const wide = JSON.stringify({ rules: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`rule-${i}`, 'off'])) });
    // Thousands of unknown ids: the first 20 are listed.
    expect(problems(wide)).toHaveLength(20);
    expect(problems(JSON.stringify({ overrides: [{ connectors: ['x'.repeat(300)] }] }))).toEqual([expect.stringMatching(/Expected at most 200 characters/)]);
    // 500 globs of 200 characters is within each bound, not within the total; 500 plain ids are.
    expect(() => loadConfig(join(folder({ 'plugboard.config.json': JSON.stringify({ overrides: [{ connectors: Array.from({ length: 500 }, (_, i) => `${'a'.repeat(190)}${i}`) }] }) }), 'plugboard.config.json'))).not.toThrow();
    const long = JSON.stringify({ overrides: [{ connectors: Array.from({ length: 500 }, (_, i) => `${'*a'.repeat(98)}${i}`) }] });
    expect(problems(long)).toEqual([expect.stringMatching(/^plugboard.config.json:1:\d+-1:\d+: The override globs are longer than 5,000 characters in all \(\{a,b\} alternatives written out\), the limit; plain connector ids do not count \(config-invalid\)$/)]);
  });

  it('reads an empty YAML file as every default', () => {
    const dir = folder({ 'plugboard.config.yaml': '# nothing yet\n' });
    expect(loadConfig(join(dir, 'plugboard.config.yaml'))).toMatchObject({ preset: undefined, rules: {}, overrides: [] });
  });
});

describe('the editor JSON Schema of the config', () => {
  it('accepts a starter config and rejects a misspelt key', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { toJsonSchema } = await import('../../src/model/json-schema.ts');
    const validate = new Ajv2020({ strict: false }).compile(toJsonSchema('config'));
    expect(validate({ $schema: './node_modules/plugboard/src/model/json-schema/config.schema.json', preset: 'recommended', rules: { 'x-ms-position': 'off' }, overrides: [{ connectors: ['legacy-*'], preset: 'certification' }] })).toBe(true);
    expect(validate({ preset: 'recommended', rule: {} })).toBe(false);
    expect(validate({ rules: { 'x-ms-position': 'warn' } })).toBe(false);
  });
});

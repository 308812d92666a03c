/**
 * `check`/`build` with a repository config, disable comments and a baseline, end to end: the config
 * found upward from the working directory or given, overrides by id and glob, `--preset`, the same
 * result on worker threads (`--jobs 2`) as in one thread, a bad config as exit 2 with its position,
 * and a baseline recorded, compared and reported fixed, for MDX connectors and Power Platform folders.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionMdx, cli, connectorMdx, tempDir, writeFiles } from './helpers.ts';

interface JsonDiagnostic {
  ruleId: string;
  severity: string;
  file: string;
  message: string;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A repository (with `.git`) of three connectors, each with one misspelt key in its action. */
function repository(extra: Record<string, string> = {}): string {
  const dir = tempDir();
  dirs.push(dir);
  const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n', 'tools/.keep': '', ...extra };
  for (const id of ['alpha', 'beta', 'legacy-gamma']) {
    files[`connectors/${id}/connector.mdx`] = connectorMdx(id);
    files[`connectors/${id}/actions/ListItems.mdx`] ??= actionMdx('GET /items', 'List items').replace('summary: List items\n', 'summary: List items\nsumary: typo\n');
  }
  writeFiles(dir, files);
  return dir;
}

/** The findings of the rules these tests are about, as `file severity rule`. */
function ours(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonDiagnostic[])
    .filter((d) => d.ruleId === 'frontmatter-unknown-key' || d.ruleId === 'frontmatter-unused-disable')
    // The path from `connectors/` on: outside the working directory a file is shown absolute.
    .map((d) => `${d.file.slice(d.file.indexOf('connectors/'))} ${d.severity} ${d.ruleId}`);
}

/** The exit status the diagnostics call for: 1 with an error, else 0. */
function expectedExit(stdout: string): number {
  return (JSON.parse(stdout) as JsonDiagnostic[]).some((d) => d.severity === 'error') ? 1 : 0;
}

describe('check with a repository config', () => {
  const config = JSON.stringify({
    rules: { 'frontmatter-unknown-key': 'warning' },
    overrides: [{ connectors: ['legacy-*'], rules: { 'frontmatter-unknown-key': 'off' } }],
  });

  it('finds plugboard.config.json upward, applies overrides by glob, and gives the same result on worker threads', () => {
    const dir = repository({ 'plugboard.config.json': config });
    // From a sub-folder: the config is found at the repository root.
    const serial = cli(['check', '--connectors', '../connectors', '--jobs', '1', '--format', 'json'], join(dir, 'tools'));
    expect(ours(serial.stdout)).toEqual(['connectors/alpha/actions/ListItems.mdx warning frontmatter-unknown-key', 'connectors/beta/actions/ListItems.mdx warning frontmatter-unknown-key']);
    expect(serial.code).toBe(expectedExit(serial.stdout));
    const parallel = cli(['check', '--connectors', '../connectors', '--jobs', '2', '--format', 'json'], join(dir, 'tools'));
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.code).toBe(serial.code);
    // --preset is accepted and checked; the config's levels still apply over it.
    const preset = cli(['check', '--connectors', '../connectors', '--preset', 'certification', '--format', 'json'], join(dir, 'tools'));
    expect(ours(preset.stdout)).toEqual(ours(serial.stdout));
    const wrong = cli(['check', '--preset', 'certificaton'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--preset takes recommended or certification, not `certificaton`. Did you mean `certification`?');
  });

  it('takes --config, the "plugboard" key of package.json, and the config\'s connectors folder; the cache keys on the levels', () => {
    const dir = repository({
      'package.json': JSON.stringify({ name: 'x', plugboard: { connectors: 'connectors', overrides: [{ connectors: ['alpha', 'connectors/beta'], rules: { 'frontmatter-unknown-key': 'info' } }] } }),
      'strict.json': JSON.stringify({ rules: { 'frontmatter-unknown-key': 'off' } }),
    });
    const cache = ['--cache-location', join(dir, 'cache')];
    const pkg = cli(['check', '--format', 'json', ...cache], join(dir, 'tools'));
    expect(ours(pkg.stdout)).toEqual(['connectors/alpha/actions/ListItems.mdx info frontmatter-unknown-key', 'connectors/beta/actions/ListItems.mdx info frontmatter-unknown-key', 'connectors/legacy-gamma/actions/ListItems.mdx error frontmatter-unknown-key']);
    // The same cache, other levels: not the cached outcomes of the first run.
    const given = cli(['check', '--config', '../strict.json', '--connectors', '../connectors', '--format', 'json', ...cache], join(dir, 'tools'));
    expect(ours(given.stdout)).toEqual([]);
    const again = cli(['check', '--format', 'json', ...cache], join(dir, 'tools'));
    expect(again.stdout).toBe(pkg.stdout);
  });

  it('stops on a bad config with exit 2 and its position, before checking anything', () => {
    const dir = repository({ 'plugboard.config.json': '{\n  "rules": {\n    "frontmatter-unknwon-key": "off"\n  }\n}\n' });
    const r = cli(['build', '--out', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plugboard build: plugboard.config.json:3:5-3:30: Unknown rule `frontmatter-unknwon-key`, did you mean `frontmatter-unknown-key`? (config-invalid)');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    writeFileSync(join(dir, 'plugboard.config.json'), '{ "rules": { "__proto__": { "x": 1 } } }');
    expect(cli(['check'], dir).stderr).toContain('plugboard.config.json:1:14-1:14: Unexpected key `__proto__`');
    rmSync(join(dir, 'plugboard.config.json'));
    writeFileSync(join(dir, 'plugboard.config.js'), 'require("fs").writeFileSync("pwned", "")');
    const js = cli(['check'], dir);
    expect(js.code).toBe(2);
    expect(js.stderr).toContain('`plugboard.config.js` is not loaded: a configuration in JavaScript would run its code');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('hides what disable comments cover, on worker threads too, and reports an unused one', () => {
    const action = actionMdx('GET /items', 'List items');
    const dir = repository({
      'connectors/alpha/actions/ListItems.mdx': action.replace('summary: List items\n', 'summary: List items\n# plugboard-disable-next-line frontmatter-unknown-key -- the API spells it so\nsumary: typo\n'),
      'connectors/beta/actions/ListItems.mdx': action.replace('---\n', '---\n# plugboard-disable frontmatter-unknown-key\n'),
    });
    for (const jobs of ['1', '2']) {
      const r = cli(['check', '--jobs', jobs, '--format', 'json'], dir);
      expect(ours(r.stdout)).toEqual(['connectors/beta/actions/ListItems.mdx info frontmatter-unused-disable', 'connectors/legacy-gamma/actions/ListItems.mdx error frontmatter-unknown-key']);
    }
  });
});

describe('check --baseline', () => {
  it('records today\'s findings, then reports only new ones and counts the fixed', () => {
    const dir = repository();
    const missing = cli(['check', '--baseline', 'plugboard-baseline.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no baseline at plugboard-baseline.json: record one with --baseline plugboard-baseline.json --update-baseline');
    expect(cli(['check', '--update-baseline'], dir).code).toBe(2);

    const record = cli(['check', '--baseline', 'plugboard-baseline.json', '--update-baseline', '--format', 'json', '--jobs', '2'], dir);
    expect(record.code).toBe(0);
    expect(JSON.parse(record.stdout)).toEqual([]);
    expect(record.stderr).toMatch(/plugboard check: recorded \d+ findings of 3 connectors in plugboard-baseline.json/);
    const text = readFileSync(join(dir, 'plugboard-baseline.json'), 'utf8');
    const data = JSON.parse(text) as { connectors: Record<string, Record<string, { rule: string; file: string; count: number }>> };
    expect(Object.keys(data.connectors)).toEqual(['connectors/alpha', 'connectors/beta', 'connectors/legacy-gamma']);
    expect(Object.values(data.connectors['connectors/alpha']!)).toContainEqual(expect.objectContaining({ rule: 'frontmatter-unknown-key', file: 'actions/ListItems.mdx', count: 1 }));

    // Unchanged, from another directory: nothing new.
    const same = cli(['check', '--connectors', '../connectors', '--baseline', '../plugboard-baseline.json'], join(dir, 'tools'));
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/Checked 3 connectors \(3 operations\) in [\d.]+s: no problems; \d+ findings of the baseline not shown/);

    // One typo fixed in alpha, a new one in beta: only the new one is reported, and the fixed one counted.
    const action = actionMdx('GET /items', 'List items');
    writeFileSync(join(dir, 'connectors/alpha/actions/ListItems.mdx'), action);
    writeFileSync(join(dir, 'connectors/beta/actions/ListItems.mdx'), action.replace('summary: List items\n', 'summary: List items\nsumary: typo\ndescripton: typo\n'));
    const changed = cli(['check', '--baseline', 'plugboard-baseline.json', '--format', 'json'], dir);
    expect(ours(changed.stdout)).toEqual(['connectors/beta/actions/ListItems.mdx error frontmatter-unknown-key']);
    expect((JSON.parse(changed.stdout) as JsonDiagnostic[]).map((d) => d.message)).toEqual(['Unexpected key `descripton` in an action, did you mean `description`?']);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('plugboard check: 1 finding of the baseline is fixed: run with --update-baseline to drop it from plugboard-baseline.json');

    // Updating brings the file to date: same bytes as a fresh record of the same findings.
    expect(cli(['check', '--baseline', 'plugboard-baseline.json', '--update-baseline'], dir).code).toBe(0);
    const updated = readFileSync(join(dir, 'plugboard-baseline.json'), 'utf8');
    rmSync(join(dir, 'plugboard-baseline.json'));
    cli(['check', '--baseline', 'plugboard-baseline.json', '--update-baseline', '--jobs', '2'], dir);
    expect(readFileSync(join(dir, 'plugboard-baseline.json'), 'utf8')).toBe(updated);
    expect(updated).not.toBe(text);

    writeFileSync(join(dir, 'broken.json'), '{ "plugboardBaseline": 1, "connectors": [] }');
    const broken = cli(['check', '--baseline', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json:1:1-1:45: Expected a plugboard baseline');
  });
});

describe('Power Platform folders', () => {
  const corpus = '/work/shared/corpus/powerplatform/certified-connectors';
  it.skipIf(!existsSync(corpus))('take overrides by folder and a baseline', () => {
    const dir = tempDir();
    dirs.push(dir);
    mkdirSync(join(dir, '.git'));
    const first = join(corpus, 'JIRA');
    const second = join(corpus, 'Planner');
    cpSync(first, join(dir, 'certified/a'), { recursive: true });
    cpSync(second, join(dir, 'certified/b'), { recursive: true });
    const all = cli(['check', 'certified/a', 'certified/b', '--format', 'json'], dir);
    const rulesOf = (stdout: string, folder: string) => new Set((JSON.parse(stdout) as JsonDiagnostic[]).filter((d) => d.file.startsWith(folder)).map((d) => d.ruleId));
    const ruleA = [...rulesOf(all.stdout, 'certified/a/')][0];
    expect(ruleA).toBeDefined();
    writeFileSync(join(dir, 'plugboard.config.yaml'), `overrides:\n  - connectors: [certified/a]\n    rules:\n      ${ruleA}: off\n`);
    const configured = cli(['check', 'certified/a', 'certified/b', '--format', 'json'], dir);
    expect(rulesOf(configured.stdout, 'certified/a/').has(ruleA!)).toBe(false);
    expect(rulesOf(configured.stdout, 'certified/b/')).toEqual(rulesOf(all.stdout, 'certified/b/'));

    expect(cli(['check', 'certified/a', 'certified/b', '--baseline', 'base.json', '--update-baseline'], dir).code).toBe(0);
    const again = cli(['check', 'certified/a', 'certified/b', '--baseline', 'base.json', '--format', 'json'], dir);
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect(again.code).toBe(0);
  });
});

/** `check --format <name>` end to end: stdout holds the report alone, paths relative to the repository root. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, connectorMdx, tempDir, writeFiles } from '../helpers.ts';
import { validateSarif as validate } from './sarif-schema.ts';

/** A repository (`.git` marks its root) with one connector whose action's front-matter is not YAML. */
function repository(): string {
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  writeFiles(root, {
    'connectors/contoso/connector.mdx': connectorMdx('Contoso'),
    'connectors/contoso/actions/Bad.mdx': '---\nrequest: GET /items\nsummary: [unclosed\n---\n',
  });
  return root;
}

describe('check --format', () => {
  const root = repository();
  const sub = join(root, 'connectors');

  it('sarif: valid SARIF on stdout, URIs relative to the repository root, summary on stderr', () => {
    const r = cli(['check', '--connectors', '.', '--format', 'sarif'], sub);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Checked 1 connector .*\d+ errors?/m);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const yaml = log.runs[0]!.results.find((x) => x.ruleId === 'frontmatter-yaml')!;
    expect(yaml.locations[0]!.physicalLocation.artifactLocation.uri).toBe('connectors/contoso/actions/Bad.mdx');
    // Every rule of the registry, not only those that reported.
    expect(log.runs[0]!.tool.driver.rules.length).toBeGreaterThan(40);
  });

  it('github: one workflow command per finding, paths relative to the repository root', () => {
    const r = cli(['check', '--connectors', '.', '--format', 'github'], sub);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=connectors\/contoso\/actions\/Bad\.mdx,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=frontmatter-yaml::/m);
    for (const line of r.stdout.split('\n').slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) file=/);
  });

  it('markdown and junit: the report alone on stdout', () => {
    const md = cli(['check', '--format', 'markdown'], root);
    expect(md.stdout).toMatch(/^<!-- plugboard:check -->\n## plugboard check: \d+ errors?/);
    expect(md.stdout).toContain('### `contoso`: ');
    const xml = cli(['check', '--format', 'junit'], root);
    expect(xml.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="plugboard check" /);
    expect(xml.stdout).toContain('<testsuite name="contoso" ');
    expect(xml.stdout.endsWith('</testsuites>\n')).toBe(true);
  });

  it('stylish: every finding on a line of its own that starts with path:line:col', () => {
    const r = cli(['check'], root);
    expect(r.stdout).toMatch(/^connectors\/contoso\/actions\/Bad\.mdx:\d+:\d+ +error +.*frontmatter-yaml$/m);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readTree, tempDir } from './helpers.ts';

describe('plugboard new', () => {
  it('scaffolds a connector that builds with zero diagnostics', () => {
    const cwd = tempDir();
    const r = cli(['new', 'acme-widgets'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created connectors/acme-widgets/');
    expect([...readTree(join(cwd, 'connectors')).keys()]).toEqual(['acme-widgets/actions/GetItem.mdx', 'acme-widgets/connector.mdx']);

    const build = cli(['build', '--format', 'json'], cwd);
    expect(build.stdout).toBe('[]\n');
    expect(build.code).toBe(0);
    expect(build.stderr).toMatch(/^Built 1 connector \(1 operation\)/);

    const mdx = readFileSync(join(cwd, 'connectors/acme-widgets/connector.mdx'), 'utf8');
    for (const key of ['title', 'description', 'version', 'publisher', 'stackOwner', 'brandColor', 'categories', 'website', 'privacyPolicy', 'host', 'basePath', 'schemes', 'auth']) {
      expect(mdx).toMatch(new RegExp(`^${key}:`, 'm'));
    }
    for (const heading of ['## Publisher: ', '## Prerequisites', '## Supported Operations', '## Obtaining Credentials', '## Known Issues and Limitations']) {
      expect(mdx).toContain(heading);
    }
    const readme = readFileSync(join(cwd, 'packages/acme-widgets/readme.md'), 'utf8');
    expect(readme).toContain('# Acme Widgets');
    const swagger = JSON.parse(readFileSync(join(cwd, 'packages/acme-widgets/apiDefinition.swagger.json'), 'utf8'));
    expect(swagger.info.description.length).toBeGreaterThanOrEqual(30);
    expect(swagger.securityDefinitions).toEqual({ api_key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } });
    // The editor schema comment points at plugboard's generated JSON Schema.
    const schema = /# yaml-language-server: \$schema=(\S+)/.exec(mdx)?.[1];
    expect(schema !== undefined && existsSync(join(cwd, 'connectors/acme-widgets', schema)), schema).toBe(true);
  });

  it('takes a title and another connectors folder', () => {
    const cwd = tempDir();
    expect(cli(['new', 'acme', '--title', 'Acme: Widgets & Co', '--connectors', 'src/connectors'], cwd).code).toBe(0);
    const check = cli(['check', '--connectors', 'src/connectors'], cwd);
    expect(check.stdout).toMatch(/^Checked 1 connector \(1 operation\) in [\d.]+s: no problems\n$/);
    expect(readFileSync(join(cwd, 'src/connectors/acme/connector.mdx'), 'utf8')).toContain('title: "Acme: Widgets & Co"');
  });

  it('refuses an existing folder and a bad id with exit 2', () => {
    const cwd = tempDir();
    expect(cli(['new', 'acme'], cwd).code).toBe(0);
    const before = readTree(join(cwd, 'connectors'));
    const again = cli(['new', 'acme', '--title', 'Other'], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('plugboard new: connectors/acme already exists; choose another id or remove it first\n');
    expect(readTree(join(cwd, 'connectors'))).toEqual(before);
    const bad = cli(['new', 'Acme_Widgets'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be kebab-case');
    expect(cli(['new'], cwd).code).toBe(2);
  });
});

/** `plugboard export`: the fidelity report on the terminal and the exit code that says whether anything was lost. */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/helpers.ts';

const fixtures = join(import.meta.dirname, '../fixtures/export');

function workspace(): string {
  const cwd = tempDir();
  for (const name of ['apiproperties-only', 'multi-auth']) cpSync(join(fixtures, name), join(cwd, 'connectors', name), { recursive: true, filter: (src) => !src.includes('/expected') });
  return cwd;
}

describe('plugboard export: fidelity report and exit code', () => {
  it('exits 3 when something was left out, and prints each loss and approximation at its MDX position', () => {
    const cwd = workspace();
    const r = cli(['export', 'apiproperties-only', '--to', 'openapi3'], cwd);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toContain('exported connectors/apiproperties-only → dist/export/apiproperties-only.openapi.json: 1 part left out, 7 notes');
    expect(r.stdout).toMatch(/connectors\/apiproperties-only\/script\.csx:1:1\s+warning\s+Custom code `script\.csx` has no place in an OpenAPI document.*export-dropped/);
    expect(r.stdout).toMatch(/connectors\/apiproperties-only\/actions\/CreateTask\.mdx:6:3\s+warning\s+Header parameter `Content-Type` is ignored by OpenAPI 3 tools.*export-header-ignored/);
    expect(r.stdout).toMatch(/connectors\/apiproperties-only\/connector\.mdx:44:5\s+info\s+Policy `setheader` becomes header parameter `X-Api-Version`/);
  });

  it('exits 0 when nothing was lost, and keeps standard output for the document with --out -', () => {
    const cwd = workspace();
    const r = cli(['export', 'multi-auth', '--to', 'openapi3', '--out', '-'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['api_key', 'oauth2_auth']);
    expect(doc.security).toEqual([{ api_key: [] }, { oauth2_auth: [] }]);
    expect(r.stderr).toMatch(/Security scheme `oauth2_auth` takes the endpoints of the identity provider.*export-approximated/);
  });

  it('reports what a Postman collection cannot hold: a `default` response is lost (exit 3)', () => {
    const cwd = workspace();
    const r = cli(['export', 'apiproperties-only', '--to', 'postman'], cwd);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/connectors\/apiproperties-only\/actions\/ListTasks\.mdx:14:3\s+warning\s+Response `default` of `ListTasks` has no Postman form/);
  });
});

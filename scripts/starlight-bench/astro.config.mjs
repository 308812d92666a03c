// Starlight + starlight-openapi as their getting-started guide sets them up: one schema entry per
// connector (its original apiDefinition.swagger.json), the generated sidebar groups in the sidebar.
// The list comes from schemas.json, written beside this file by scripts/bench-site.ts.
import { readFileSync } from 'node:fs';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import starlightOpenAPI, { openAPISidebarGroups } from 'starlight-openapi';

const schemas = JSON.parse(readFileSync(new URL('./schemas.json', import.meta.url), 'utf8'));

export default defineConfig({
  outDir: process.env.STARLIGHT_BENCH_OUT ?? 'dist',
  site: 'https://example.com',
  integrations: [
    starlight({
      title: 'Connectors (starlight-openapi)',
      plugins: [starlightOpenAPI(schemas)],
      sidebar: [{ label: 'Start', link: '/' }, ...openAPISidebarGroups],
    }),
  ],
});

import { defineConfig } from 'vitest/config';

// Browser tests against the built site (test/e2e). `npm run test:e2e` builds the site with the
// bundled connectors plus test-only fixtures into test/output/e2e-site first (globalSetup).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/build-site.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

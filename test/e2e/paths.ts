import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const E2E_SITE = fileURLToPath(new URL('../output/e2e-site', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots', import.meta.url));
export const E2E_ENV = {
  PLUGBOARD_CONNECTORS: 'connectors:test/e2e/fixtures/connectors',
  PLUGBOARD_SITE_OUT: E2E_SITE,
  PLUGBOARD_EDIT_URL: 'https://example.test/edit/main/',
};

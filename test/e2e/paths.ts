import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const E2E_SITE = fileURLToPath(new URL('../output/e2e-site', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../output/screenshots', import.meta.url));
/** Connectors the e2e build writes before building (test/e2e/build-site.ts): the large one and, with the corpus, Blackbaud. */
export const E2E_CONNECTORS = fileURLToPath(new URL('../output/e2e-connectors', import.meta.url));
/** The largest real connector (167 operations, 280 definitions), when ../shared/corpus is there. */
export const BLACKBAUD_SOURCE = join(ROOT, '..', 'shared', 'corpus', 'powerplatform-extra', 'certified-connectors', "Blackbaud Raiser's Edge NXT");
export const HAS_BLACKBAUD = existsSync(join(BLACKBAUD_SOURCE, 'apiDefinition.swagger.json'));
export const BLACKBAUD_ID = 'blackbaud-raiser-s-edge-nxt';
export const LARGE_ID = 'large-connector';
export const E2E_ENV = {
  PLUGBOARD_CONNECTORS: `connectors:test/e2e/fixtures/connectors:${E2E_CONNECTORS}`,
  PLUGBOARD_SITE_OUT: E2E_SITE,
  PLUGBOARD_EDIT_URL: 'https://example.test/edit/main/',
};

/**
 * The module src/build's worker threads load for the site's view step (BuildOptions.view.module):
 * its default export turns each compiled connector into page data in the thread that compiled it.
 */
import { SITE_VIEW } from './connectors.ts';

export default SITE_VIEW;

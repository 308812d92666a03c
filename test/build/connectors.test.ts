/** The one lister of connector folders, used by the CLI and the site. */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorJobs, jobOf, listConnectorDirs } from '../../src/build/connectors.ts';
import { connectorMdx, tempDir, writeFiles } from '../cli/helpers.ts';

describe('connectorJobs', () => {
  it('lists the folders holding a connector.mdx under each root, sorted by id, the first root winning', () => {
    const cwd = tempDir();
    writeFiles(cwd, {
      'connectors/beta/connector.mdx': connectorMdx('Beta'),
      'connectors/alpha/connector.mdx': connectorMdx('Alpha'),
      'connectors/notes/readme.md': 'not a connector\n',
      'more/alpha/connector.mdx': connectorMdx('Other alpha'),
      'more/gamma/connector.mdx': connectorMdx('Gamma'),
    });
    mkdirSync(join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'connectors/linked'));
    // A symlinked folder is listed, so that loading it reports it.
    expect(listConnectorDirs(join(cwd, 'connectors'))).toEqual(['alpha', 'beta', 'linked']);
    expect(listConnectorDirs(join(cwd, 'nowhere'))).toEqual([]);
    expect(connectorJobs(['connectors', 'more'], cwd)).toEqual([
      { id: 'alpha', dir: join(cwd, 'connectors/alpha'), display: 'connectors/alpha' },
      { id: 'beta', dir: join(cwd, 'connectors/beta'), display: 'connectors/beta' },
      { id: 'gamma', dir: join(cwd, 'more/gamma'), display: 'more/gamma' },
      { id: 'linked', dir: join(cwd, 'connectors/linked'), display: 'connectors/linked' },
    ]);
  });

  it('shows a folder as the caller displays paths', () => {
    expect(jobOf('connectors/alpha/', '/work', (path) => `<${path}>`)).toEqual({ id: 'alpha', dir: '/work/connectors/alpha', display: '</work/connectors/alpha>' });
  });
});

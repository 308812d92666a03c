import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

export default defineRule({
  id: 'connector-file-unsafe',
  area: 'connector',
  severity: 'error',
  description: 'Only regular files inside the connector folder are read: a symbolic link, a device, a FIFO or a socket is left out.',
  rationale:
    'Connector folders arrive by pull request from anyone, and what is read from them is published in the package, the zip and the site; a link to /proc/self/environ or /etc/passwd would publish the build machine secrets, a link to /dev/zero would never end. The entry is reported where it is and nothing of its target is read.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'notes.txt': 'Release notes\n' }],
    notOk: [
      {
        files: {
          'connector.mdx': CONNECTOR,
          'actions/GetItem.mdx': { symlink: '/etc/passwd' },
          'env.txt': { symlink: '/proc/self/environ' },
          shared: { symlink: '/etc' },
        },
        output: [
          'actions/GetItem.mdx:1:1-1:1: Left out `GetItem.mdx`: it is a symbolic link (to `/etc/passwd`); links are not followed (connector-file-unsafe)',
          'env.txt:1:1-1:1: Left out `env.txt`: it is a symbolic link (to `/proc/self/environ`); links are not followed (connector-file-unsafe)',
          'shared:1:1-1:1: Left out `shared`: it is a symbolic link (to `/etc`); links are not followed (connector-file-unsafe)',
        ],
      },
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM, 'data.csv': { fifo: true } },
        output: ['data.csv:1:1-1:1: Left out `data.csv`: it is a FIFO (named pipe); only regular files are read (connector-file-unsafe)'],
      },
    ],
  },
});

/**
 * A connector named on the command line (`export <id>`, `import --id`, `import --into`) is a plain
 * folder name under `--connectors`: never a path that leads elsewhere (`../../etc`, `/home/x`), and
 * never a symlinked folder, so a command cannot be pointed at files outside the connectors.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './util.ts';

/** Letters, digits, `-`, `_` and `.`, not starting with a dot (so never `.` or `..`), at most 128. */
export const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Throws a usage error (exit 2) unless `id` is a plain folder name. */
export function assertSafeId(id: string, command: string, flag = 'connector id'): void {
  if (!SAFE_ID.test(id)) {
    throw new UsageError(`${flag} \`${id.slice(0, 80)}\` is not a folder name under --connectors: use letters, digits, \`-\`, \`_\` and \`.\`, not starting with a dot`, command);
  }
}

/**
 * The folder of connector `id` under `root`, or why it must not be used: it is a symlink (which
 * could lead anywhere) or not a folder. A missing folder is for the caller to report.
 */
export function connectorFolder(root: string, id: string): { dir: string } | { problem: string } {
  const dir = join(root, id);
  try {
    const st = lstatSync(dir);
    if (st.isSymbolicLink()) return { problem: 'is a symbolic link; a connector folder is used only when it is a real folder' };
    if (!st.isDirectory()) return { problem: 'is not a folder' };
  } catch {
    // Missing.
  }
  return { dir };
}

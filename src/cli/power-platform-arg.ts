/**
 * A Power Platform folder given where a connector id is expected (`plugboard mock|test|simulate
 * <folder>`): one way to tell the two apart, to refuse the options that only an MDX connector
 * folder has files for, and to read the folder's documents as `check` reads it, saying why when
 * there is nothing to use.
 */
import { lstatSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SWAGGER_FILE } from '../import/powerplatform-check.ts';
import { readPowerPlatformDocuments } from '../import/powerplatform.ts';
import type { ApiProperties, Swagger } from '../swagger/index.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { isPowerPlatformFolderArg } from './commands/check-powerplatform.ts';
import { EXIT, UsageError, diagnosticLine, display } from './util.ts';

export { isPowerPlatformFolderArg };

/** Why a path is not a Power Platform folder. */
function folderProblem(path: string): string {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return 'does not exist';
  if (st.isSymbolicLink()) return 'is a symbolic link, which is not followed';
  if (!st.isDirectory()) return 'is not a folder';
  return `holds no ${SWAGGER_FILE}`;
}

/** A path where a connector id or a Power Platform folder was expected, and that is neither: a usage error naming why. */
export function assertNotAPath(arg: string, command: string): void {
  if (/[\\/]/.test(arg) || arg === '.' || arg === '..') throw new UsageError(`\`${arg}\` ${folderProblem(arg)}; give a Power Platform folder (holding ${SWAGGER_FILE}) or a connector id`, command);
}

/** Refuses, for a Power Platform folder, the options given among `names` that read or write an MDX connector's files. */
export function refuseMdxOnly(values: Record<string, unknown>, names: readonly string[], command: string): void {
  const given = names.filter((name) => values[name] !== undefined);
  if (given.length) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to MDX connectors, not to a Power Platform folder (\`plugboard import\` makes one of it)`, command);
}

export interface FolderDocuments {
  dir: string;
  /** The folder as shown to the user. */
  shown: string;
  /** What credential names derive from: the folder's name. */
  connectorId: string;
  swagger: Swagger;
  apiProperties: ApiProperties;
  /** What reading found (recovered JSON, files left out), placed. */
  diagnostics: Diagnostic[];
}

/** The folder's documents, or exit 1 after printing the reason at its position and that there is nothing to `doing`. */
export function readFolderArg(arg: string, command: string, doing: string, stderr: { write(text: string): unknown }): FolderDocuments | number {
  const dir = resolve(arg);
  const shown = display(dir);
  const read = readPowerPlatformDocuments(dir, shown);
  if (!('swagger' in read)) {
    stderr.write(`${diagnosticLine(read)}\nplugboard ${command}: nothing to ${doing} ${shown}\n`);
    return EXIT.errors;
  }
  return { dir, shown, connectorId: basename(dir), swagger: read.swagger as Swagger, apiProperties: read.apiProperties as ApiProperties, diagnostics: read.diagnostics };
}

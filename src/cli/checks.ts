/**
 * The checks run over each compiled connector. `src/check/run.ts` is loaded lazily so that a
 * tree without it (while the checks are being written) still builds: compile then reports the
 * compiler's own diagnostics only.
 */
import { fileURLToPath } from 'node:url';
import type { CompileOptions } from '../compiler/index.ts';

export type RunChecks = NonNullable<CompileOptions['runChecks']>;

const RUN_CHECKS_URL = new URL('../check/run.ts', import.meta.url);

let cached: Promise<RunChecks | undefined> | undefined;

export function loadRunChecks(): Promise<RunChecks | undefined> {
  cached ??= import(RUN_CHECKS_URL.href).then(
    (mod: { runChecks?: RunChecks }) => mod.runChecks,
    (error: NodeJS.ErrnoException) => {
      // Only the module itself being absent is tolerated; a broken module is a real failure.
      if (error.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(fileURLToPath(RUN_CHECKS_URL))) return undefined;
      throw error;
    },
  );
  return cached;
}

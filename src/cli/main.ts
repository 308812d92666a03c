#!/usr/bin/env node
/** Entry point of the `plugboard` command; see cli.ts. */
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Node's on-disk compile cache: later runs (and the worker threads, which inherit the variable)
// skip compiling plugboard's modules again — about a third of a small run's time.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'plugboard-compile-cache');
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

// `plugboard check | head`: the reader closing the pipe ends the run quietly, as cat or grep do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { run } = await import('./cli.ts');
process.exitCode = await run(process.argv.slice(2));

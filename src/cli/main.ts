#!/usr/bin/env node
/** Entry point of the `plugboard` command; see cli.ts. */
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Node's on-disk compile cache: later runs (and the worker threads, which inherit the variable)
// skip compiling plugboard's modules again — about a third of a small run's time.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'plugboard-compile-cache');
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

const { run } = await import('./cli.ts');
process.exitCode = await run(process.argv.slice(2));

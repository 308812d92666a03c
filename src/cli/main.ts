#!/usr/bin/env node
/** Entry point of the `plugboard` command; see cli.ts. */
import { run } from './cli.ts';

process.exitCode = await run(process.argv.slice(2));

#!/usr/bin/env node
/**
 * The installed `plugboard` command (package.json `bin`, compiled to lib/cli/bin.js): checks the
 * Node version before loading anything else, so that an older Node prints one line saying what it
 * found and what it needs, and exits 2, instead of a stack trace from a module it cannot run.
 * Written without types or syntax newer than what Node 18 parses. The requirement is package.json's
 * `engines.node` (`>=major.minor`).
 */
import { readFileSync } from 'node:fs';

const engines = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node;
const [, needMajor, needMinor] = /^>=\s*(\d+)\.(\d+)/.exec(engines) ?? [];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < Number(needMajor) || (major === Number(needMajor) && minor < Number(needMinor))) {
  process.stderr.write(`plugboard needs Node.js ${needMajor}.${needMinor} or newer; this is Node.js ${process.versions.node} (${process.execPath}).\n`);
  process.exit(2);
}
await import('./main.ts');

/** Runs the CLI as a child process on temporary folders. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const base = { ...process.env };
  delete base.PLUGBOARD_DEBUG;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...base, CI: '1', NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'plugboard-cli-'));
}

/** Writes `files` (relative path → text or bytes) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Every file under `dir`: relative path → bytes, sorted by path. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** A small connector.mdx that compiles; `extra` is appended to its front-matter. */
export function connectorMdx(title: string, extra = ''): string {
  return `---
title: ${title}
description: A connector used by the CLI tests to exercise build and check.
version: "1.0"
host: api.example.com
basePath: /
schemes: [https]
publisher: Contoso
stackOwner: Contoso
brandColor: "#0f6cbd"
categories: [Data]
website: https://www.example.com
privacyPolicy: https://www.example.com/privacy
contact: { name: Contoso support, url: 'https://www.example.com/support', email: support@example.com }
auth:
  type: apiKey
  in: header
  name: X-Api-Key
  field: { label: API key, description: The API key. }
${extra}---
# ${title}

## Publisher: Contoso

## Prerequisites

An account.

## Supported Operations

Read items.

## Obtaining Credentials

Create an API key in the settings.

## Known Issues and Limitations

None.

## Deployment Instructions

Build and import the package.
`;
}

export function actionMdx(request: string, summary: string): string {
  const params = [...request.matchAll(/\{(\w+)\}/g)].map((m) => `  ${m[1]}: { type: string, summary: Item ID, description: The identifier. }\n`);
  return `---
request: ${request}
summary: ${summary}
description: ${summary} for the tests.
${params.length ? `parameters:\n${params.join('')}` : ''}responses:
  200:
    description: OK.
    schema:
      type: object
      properties:
        id: { type: string, summary: ID, description: The identifier. }
---
`;
}

export const NO_STACK = /\n\s+at .+\(?.*:\d+:\d+\)?/;

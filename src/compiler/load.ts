/**
 * Reads a connector folder into source files: connector.mdx, actions/*.mdx, triggers/*.mdx,
 * definitions/*.mdx, and the other files beside them (icon, script.csx…) as assets.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SourceFile } from '../core/source-file.ts';

export interface ConnectorSource {
  /** Folder name: the connector id. */
  id: string;
  /** Absolute folder path, or '' for connectors held in memory. */
  dir: string;
  /** Display prefix for file paths, like `connectors/github-issues/`. */
  prefix: string;
  connector: SourceFile | undefined;
  actions: SourceFile[];
  triggers: SourceFile[];
  definitions: SourceFile[];
  /** Shared parameters, one per file: `parameters/<name>.mdx`. */
  parameters: SourceFile[];
  /** Other files copied to the package verbatim, by relative path. */
  assets: Map<string, Buffer>;
}

/** Folders of MDX sources beside connector.mdx; everything else in the folder is an asset. */
export const SOURCE_DIRS = ['actions', 'triggers', 'definitions', 'parameters'] as const;

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function listMdx(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.mdx') || name.endsWith('.md'))
      .sort();
  } catch {
    return [];
  }
}

function listAssets(dir: string, base: string, out: Map<string, Buffer>): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = toPosix(relative(base, full));
    if (rel === 'connector.mdx' || (SOURCE_DIRS as readonly string[]).includes(rel)) continue;
    if (name.startsWith('.')) continue;
    if (statSync(full).isDirectory()) listAssets(full, base, out);
    else out.set(rel, readFileSync(full));
  }
}

/** Loads `dir`; `display` is how paths are shown (relative to the working directory). */
export function loadConnector(dir: string, display = dir): ConnectorSource {
  const prefix = toPosix(display).replace(/\/?$/, '/');
  const read = (rel: string) => new SourceFile(prefix + rel, readFileSync(join(dir, rel), 'utf8'));
  const id = toPosix(dir).split('/').filter(Boolean).pop() ?? dir;
  const source: ConnectorSource = {
    id,
    dir,
    prefix,
    connector: undefined,
    actions: [],
    triggers: [],
    definitions: [],
    parameters: [],
    assets: new Map(),
  };
  try {
    source.connector = read('connector.mdx');
  } catch {
    source.connector = undefined;
  }
  for (const kind of SOURCE_DIRS) {
    for (const name of listMdx(join(dir, kind))) source[kind].push(read(`${kind}/${name}`));
  }
  try {
    listAssets(dir, dir, source.assets);
  } catch {
    // A missing folder is reported by the caller through the missing connector.mdx.
  }
  return source;
}

/** A connector held in memory (tests, examples, import verification): relative path → text. */
export function connectorFromFiles(id: string, files: Record<string, string>, prefix = ''): ConnectorSource {
  const source: ConnectorSource = {
    id,
    dir: '',
    prefix,
    connector: undefined,
    actions: [],
    triggers: [],
    definitions: [],
    parameters: [],
    assets: new Map(),
  };
  for (const rel of Object.keys(files).sort()) {
    const text = files[rel]!;
    const kind = SOURCE_DIRS.find((k) => rel.startsWith(k + '/') && /\.mdx?$/.test(rel));
    if (rel === 'connector.mdx') source.connector = new SourceFile(prefix + rel, text);
    else if (kind) source[kind].push(new SourceFile(prefix + rel, text));
    else source.assets.set(rel, Buffer.from(text));
  }
  return source;
}

/** Connector folders under `root`: every sub-folder holding a connector.mdx, sorted. */
export function listConnectorDirs(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      try {
        return statSync(join(root, name, 'connector.mdx')).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

/**
 * The connectors of a folder at one revision, for `plugboard diff`: the work tree (read like
 * `check` reads it: src/compiler/load.ts, src/import/powerplatform.ts), or a commit (read from git
 * objects: src/git/source.ts). A connector is a folder holding `connector.mdx` (MDX) or
 * `apiDefinition.swagger.json` (a Power Platform folder, compared as it is).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadConnector, type ConnectorSource } from '../compiler/load.ts';
import { SourceFile } from '../core/source-file.ts';
import { parseDocumentFile } from '../import/json.ts';
import { readConnectorFolder } from '../import/powerplatform.ts';
import { isObject, type ApiProperties, type Swagger } from '../swagger/index.ts';
import type { GitRepo } from '../git/repo.ts';
import { loadRevisionConnector, loadRevisionDocuments } from '../git/source.ts';
import type { FolderDocuments } from './index.ts';

/** Entries listed to find the connectors of a folder at a commit. */
const MAX_LISTED = 500_000;

export type Revision = { kind: 'worktree' } | { kind: 'git'; repo: GitRepo; commit: string; label: string };

export type LoadedConnector = { kind: 'mdx'; source: ConnectorSource } | { kind: 'folder'; documents: FolderDocuments };

/** Where the connectors are: one connector folder, or a folder of them. */
export interface ConnectorsRoot {
  /** Absolute path in the work tree. */
  dir: string;
  /** Path inside the repository (POSIX), for reading commits; undefined outside it. */
  repoPath: string | undefined;
  /** How it is shown (`connectors`). */
  display: string;
}

const MARKERS = /^(connector\.mdx|apiDefinition\.swagger\.json)$/i;

function isFile(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The connector ids at a revision: names of the sub-folders holding a marker file, or `['.']`
 * when the root is itself a connector folder.
 */
export async function connectorIds(root: ConnectorsRoot, revision: Revision): Promise<string[]> {
  if (revision.kind === 'worktree') {
    let names: string[] = [];
    try {
      names = readdirSync(root.dir);
    } catch {
      return [];
    }
    if (names.some((n) => MARKERS.test(n) && isFile(join(root.dir, n)))) return ['.'];
    return names.filter((name) => !name.startsWith('.') && lstatSync(join(root.dir, name), { throwIfNoEntry: false })?.isDirectory() && readdirSafe(join(root.dir, name)).some((n) => MARKERS.test(n) && isFile(join(root.dir, name, n)))).sort();
  }
  if (root.repoPath === undefined) return [];
  const { entries } = await revision.repo.tree(revision.commit, root.repoPath, MAX_LISTED);
  if (entries.some((e) => MARKERS.test(e.rel) && e.mode !== '120000')) return ['.'];
  const ids = new Set<string>();
  for (const e of entries) {
    const [id, name, ...rest] = e.rel.split('/');
    if (rest.length === 0 && name !== undefined && MARKERS.test(name) && !id!.startsWith('.')) ids.add(id!);
  }
  return [...ids].sort();
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function folderDocuments(id: string, swaggerFile: SourceFile, propertiesFile: SourceFile | undefined): FolderDocuments {
  const swagger = parseDocumentFile(swaggerFile);
  const properties = propertiesFile ? parseDocumentFile(propertiesFile) : undefined;
  const apiProperties = (isObject(properties) && isObject(properties.properties) ? properties : { properties: {} }) as ApiProperties;
  return { id, swagger: (isObject(swagger) ? swagger : {}) as Swagger, apiProperties, swaggerFile, propertiesFile };
}

/** The connector `id` of `root` at a revision, or undefined when it is not there. */
export async function loadAt(root: ConnectorsRoot, id: string, revision: Revision): Promise<LoadedConnector | undefined> {
  const dir = id === '.' ? root.dir : join(root.dir, id);
  const display = id === '.' ? root.display : `${root.display.replace(/\/$/, '')}/${id}`;
  const name = id === '.' ? basename(root.dir) : id;
  if (revision.kind === 'worktree') {
    if (isFile(join(dir, 'connector.mdx'))) return { kind: 'mdx', source: loadConnector(dir, display) };
    const folder = readConnectorFolder(dir, display);
    if (!('swaggerFile' in folder)) return undefined;
    return { kind: 'folder', documents: folderDocuments(name, folder.swaggerFile, folder.propertiesFile) };
  }
  if (root.repoPath === undefined) return undefined;
  const path = id === '.' ? root.repoPath : root.repoPath === '' ? id : `${root.repoPath}/${id}`;
  const source = await loadRevisionConnector(revision.repo, revision.commit, path, display);
  if (!source) return undefined;
  if (source.connector) return { kind: 'mdx', source };
  const docs = await loadRevisionDocuments(revision.repo, revision.commit, path);
  if (!docs.swagger) return undefined;
  const prefix = display.replace(/\/?$/, '/');
  const swaggerFile = new SourceFile(prefix + docs.swagger.name, docs.swagger.text, 'json');
  const propertiesFile = docs.properties ? new SourceFile(prefix + docs.properties.name, docs.properties.text, 'json') : undefined;
  return { kind: 'folder', documents: folderDocuments(name, swaggerFile, propertiesFile) };
}

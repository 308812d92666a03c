/**
 * A connector folder at a git revision, read from git objects (src/git/repo.ts) into the same
 * `ConnectorSource` that src/compiler/load.ts makes of a folder on disk, so that a revision
 * compiles and checks exactly like the work tree. The rules of the file loader apply: only regular
 * files (a symbolic link, mode 120000, and a submodule are left out with `connector-file-unsafe`),
 * no path that leaves the folder, the same size, entry and depth limits (`source-limit`), and the
 * same asset types (`connector-asset-type`).
 */
import { SOURCE_DIRS, ORIGINAL_PROPERTIES, RECORDINGS_FILE, assetFinding, assetProblem, leftOutFinding, originalPropertiesFinding, type ConnectorSource } from '../compiler/load.ts';
import { LIMITS, sizeOverLimit, toPosix, type SkippedEntry } from '../core/safe-fs.ts';
import { SourceFile } from '../core/source-file.ts';
import type { PowerPlatformSource } from '../import/powerplatform.ts';
import type { GitRepo } from './repo.ts';

/** A regular file of a revision's folder that may be read. */
export interface RevisionFile {
  rel: string;
  oid: string;
  size: number;
}

export interface RevisionListing {
  files: RevisionFile[];
  skipped: SkippedEntry[];
  /** False when the folder holds nothing at that revision (it did not exist). */
  exists: boolean;
}

/** True for the relative paths the loader reads as MDX sources (as in src/compiler/load.ts). */
export function isSourcePath(rel: string): boolean {
  if (rel === 'connector.mdx') return true;
  const [kind, name, ...rest] = rel.split('/');
  return rest.length === 0 && name !== undefined && (SOURCE_DIRS as readonly string[]).includes(kind!) && /\.mdx?$/.test(name);
}

function inSourceArea(rel: string): boolean {
  const top = rel.split('/')[0]!;
  return top === 'connector.mdx' || (SOURCE_DIRS as readonly string[]).includes(top);
}

/** Why a path from a tree is refused outright: it could leave the folder. */
function unsafePath(rel: string): boolean {
  return rel === '' || rel.startsWith('/') || /^[a-zA-Z]:/.test(rel) || rel.includes('\\') || rel.split('/').some((s) => s === '' || s === '.' || s === '..');
}

/**
 * The files of `folder` (a repository path) at `commit`, filtered like `listFolder` filters a
 * folder on disk; `maxBytes` is the size limit of each file by its relative path.
 */
export async function listRevisionFolder(repo: GitRepo, commit: string, folder: string, maxBytes: (rel: string) => number, first: (rel: string) => boolean = () => false): Promise<RevisionListing> {
  const { entries, truncated } = await repo.tree(commit, folder, LIMITS.folderEntries * 2);
  const out: RevisionListing = { files: [], skipped: [], exists: entries.length > 0 };
  // What matters most is counted first, as on disk: sources before assets.
  const ordered = [...entries].sort((a, b) => Number(first(b.rel)) - Number(first(a.rel)) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  let count = 0;
  for (const entry of ordered) {
    const rel = entry.rel;
    // Hidden names are not listed on disk either (`.git`, `.DS_Store`).
    if (rel.split('/').some((s) => s.startsWith('.'))) continue;
    if (unsafePath(rel)) {
      out.skipped.push({ rel: toPosix(rel).replace(/^\/+/, ''), reason: 'unreadable', detail: 'is outside the folder' });
      continue;
    }
    if (++count > LIMITS.folderEntries) {
      out.skipped.push({ rel, reason: 'too-many', detail: `is past the limit of ${LIMITS.folderEntries} entries in the folder (sub-folders included); it and the entries after it were not read` });
      break;
    }
    if (rel.split('/').length - 1 > LIMITS.folderDepth) {
      out.skipped.push({ rel, reason: 'too-deep', detail: `is more than ${LIMITS.folderDepth} folders deep; it was not read` });
      continue;
    }
    if (entry.mode === '120000') {
      out.skipped.push({ rel, reason: 'symlink', detail: 'is a symbolic link; links are not followed' });
      continue;
    }
    if (entry.type !== 'blob' || !/^100(644|755)$/.test(entry.mode)) {
      out.skipped.push({ rel, reason: 'special', detail: `is ${entry.type === 'commit' ? 'a submodule' : `a git ${entry.type}`}; only regular files are read` });
      continue;
    }
    const limit = maxBytes(rel);
    if (entry.size > limit) {
      out.skipped.push({ rel, reason: 'too-large', detail: sizeOverLimit(entry.size, limit) });
      continue;
    }
    out.files.push({ rel, oid: entry.oid, size: entry.size });
  }
  if (truncated && count <= LIMITS.folderEntries) {
    out.skipped.push({ rel: '.', reason: 'too-many', detail: `holds more than ${LIMITS.folderEntries} entries at this revision; it was not read whole` });
  }
  return out;
}

function sizeLimit(rel: string): number {
  return isSourcePath(rel) ? LIMITS.sourceBytes : LIMITS.assetBytes;
}

/**
 * The connector folder `folder` (repository path) at `commit`, as src/compiler/load.ts
 * `loadConnector` reads one from disk; `display` is the prefix paths are shown with
 * (`connectors/x`). Undefined when the folder does not exist at that revision.
 */
export async function loadRevisionConnector(repo: GitRepo, commit: string, folder: string, display: string): Promise<ConnectorSource | undefined> {
  const listing = await listRevisionFolder(repo, commit, folder, sizeLimit, inSourceArea);
  if (!listing.exists) return undefined;
  const prefix = display === '' ? '' : toPosix(display).replace(/\/?$/, '/');
  const id = folder.split('/').filter(Boolean).pop() ?? folder;
  const source: ConnectorSource = { id, dir: '', prefix, connector: undefined, actions: [], triggers: [], definitions: [], parameters: [], assets: new Map(), findings: [] };
  for (const entry of listing.skipped) source.findings.push(leftOutFinding(prefix, id, entry));
  for (const { rel, oid, size } of listing.files) {
    const isSource = isSourcePath(rel);
    if ((!isSource && inSourceArea(rel)) || rel === RECORDINGS_FILE) continue;
    const problem = isSource ? undefined : assetProblem(rel);
    if (problem) {
      source.findings.push(assetFinding(prefix, rel, problem));
      continue;
    }
    const bytes = await repo.blob(oid, Math.max(size, 0));
    if (rel === ORIGINAL_PROPERTIES) source.findings.push(originalPropertiesFinding(prefix + rel, bytes.toString('utf8')));
    else if (!isSource) source.assets.set(rel, bytes);
    else if (rel === 'connector.mdx') source.connector = new SourceFile(prefix + rel, bytes.toString('utf8'));
    else source[rel.split('/')[0] as (typeof SOURCE_DIRS)[number]].push(new SourceFile(prefix + rel, bytes.toString('utf8')));
  }
  return source;
}

/** The files of a Power Platform folder a diff reads: the two documents, as text. */
export interface RevisionDocuments {
  swagger: { name: string; text: string } | undefined;
  properties: { name: string; text: string } | undefined;
  exists: boolean;
}

/**
 * `apiDefinition.swagger.json` and `apiProperties.json` of a Power Platform folder at `commit`
 * (names matched case-insensitively, at the top of the folder only), within the import limit.
 */
export async function loadRevisionDocuments(repo: GitRepo, commit: string, folder: string): Promise<RevisionDocuments> {
  const listing = await listRevisionFolder(repo, commit, folder, () => LIMITS.importBytes);
  const pick = async (pattern: RegExp) => {
    const file = listing.files.find((f) => !f.rel.includes('/') && pattern.test(f.rel));
    return file ? { name: file.rel, text: (await repo.blob(file.oid, file.size)).toString('utf8') } : undefined;
  };
  return { swagger: await pick(/^apiDefinition\.swagger\.json$/i), properties: await pick(/^apiProperties\.json$/i), exists: listing.exists };
}

/**
 * A Power Platform folder at `commit`, as src/import/powerplatform.ts `readConnectorFolder` reads
 * one from disk: the Swagger file, `apiProperties.json`, the readme and the other files as assets
 * (within the same limits; links and files over a limit are left out). Undefined when the folder
 * or its `apiDefinition.swagger.json` is not there at that revision.
 */
export async function loadRevisionFolder(repo: GitRepo, commit: string, folder: string, display: string): Promise<PowerPlatformSource | undefined> {
  const documents = (rel: string) => /^[^/]+\.(json|ya?ml|md)$/i.test(rel);
  const listing = await listRevisionFolder(repo, commit, folder, (rel) => (documents(rel) ? LIMITS.importBytes : LIMITS.assetBytes));
  const top = (pattern: RegExp) => listing.files.find((f) => !f.rel.includes('/') && pattern.test(f.rel));
  const swagger = top(/^apiDefinition\.swagger\.json$/i);
  if (!swagger) return undefined;
  const prefix = display.replace(/\/?$/, '/');
  const text = async (f: RevisionFile) => (await repo.blob(f.oid, f.size)).toString('utf8');
  const properties = top(/^apiProperties\.json$/i);
  const readme = top(/^readme\.md$/i);
  const assets = new Map<string, Buffer>();
  for (const f of listing.files) {
    if (f === swagger || f === properties || f === readme || assetProblem(f.rel)) continue;
    assets.set(f.rel, await repo.blob(f.oid, f.size));
  }
  return {
    swaggerFile: new SourceFile(prefix + swagger.rel, await text(swagger), 'json'),
    ...(properties ? { propertiesFile: new SourceFile(prefix + properties.rel, await text(properties), 'json') } : {}),
    ...(readme ? { readme: { name: readme.rel, text: await text(readme) } } : {}),
    assets,
    name: folder.split('/').pop() ?? folder,
  };
}

/**
 * Reads a connector folder into source files: connector.mdx, actions/*.mdx, triggers/*.mdx,
 * definitions/*.mdx, parameters/*.mdx, and the other files beside them (icon, script.csx…) as assets.
 *
 * Connector folders arrive by pull request from anyone, and what is read from them is published in
 * the package, the zip and the site. So every read goes through src/core/safe-fs.ts: only regular
 * files inside the folder, within the limits (LIMITS), are read; a symlink, a device, a FIFO or a
 * socket is never opened. What is left out becomes a finding on that entry, in `findings`.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Place } from '../core/diagnostic.ts';
import type { Finding } from '../core/finding.ts';
import { LIMITS, isSkipped, listFolder, readInside, toPosix, unreadableReason, type FolderListing, type SkippedEntry } from '../core/safe-fs.ts';
import { SourceFile } from '../core/source-file.ts';
import { unsafeNameReason } from '../core/url-name.ts';

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
  /** Entries of the folder that were left out (unsafe, over a limit, not an inert asset), one each; compile() reports them. */
  findings: Finding[];
}

/** Folders of MDX sources beside connector.mdx; everything else in the folder is an asset. */
export const SOURCE_DIRS = ['actions', 'triggers', 'definitions', 'parameters'] as const;

/**
 * The file types copied beside a connector into its package, the zip and the published site,
 * matched case-insensitively on the last extension. The site serves these files from its own
 * origin, and a pull request from anyone can add one: an `.html`, `.svg` or `.xhtml` file (or
 * `.js`, `.xml`, `.pdf`, `.swf`…) would run its script as the site. So the list is of types a
 * browser never runs: raster images (the icon), the custom code the platform takes
 * (`script.csx`), and plain text and data (`intro.md`, `settings.json`). Anything else is left
 * out with a `connector-asset-type` warning.
 */
export const ASSET_TYPES: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'csx', 'cs', 'txt', 'md', 'json', 'yaml', 'yml', 'csv']);

/**
 * `plugboard test --record`'s exchanges with the API (src/live/recording.ts), read by `--replay`:
 * a test fixture of the repository, never copied into the package or the site, and not an asset.
 */
export const RECORDINGS_FILE = 'recordings.yaml';

/** Files plugboard writes into every package; an asset of the same name (in any case) would be replaced or collide. */
const GENERATED_FILES = ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md'];

/** A whole-file diagnostic: an entry has no text to point into. */
const FILE_START: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** `connectors/x` → `connectors/x/`; '' stays '' (paths shown relative to the folder). */
function displayPrefix(display: string): string {
  return display === '' ? '' : toPosix(display).replace(/\/?$/, '/');
}

/** True for the relative paths the loader reads as MDX sources. */
function isSourcePath(rel: string): boolean {
  if (rel === 'connector.mdx') return true;
  const [kind, name, ...rest] = rel.split('/');
  return rest.length === 0 && name !== undefined && (SOURCE_DIRS as readonly string[]).includes(kind!) && /\.mdx?$/.test(name);
}

/** True for connector.mdx, the source folders and everything under them (what is not a source there is neither read nor copied). */
function inSourceArea(rel: string): boolean {
  const top = rel.split('/')[0]!;
  return top === 'connector.mdx' || (SOURCE_DIRS as readonly string[]).includes(top);
}

/** Why the file at `rel` is not copied as an asset, or undefined when it is. */
export function assetProblem(rel: string): string | undefined {
  const segments = rel.split('/');
  for (const segment of segments) {
    const reason = unsafeNameReason(segment);
    if (reason) return `its name cannot be part of a URL (${reason})`;
  }
  const name = segments.at(-1)!;
  if (segments.length === 1 && GENERATED_FILES.some((f) => f.toLowerCase() === name.toLowerCase())) {
    return `plugboard writes its own \`${GENERATED_FILES.find((f) => f.toLowerCase() === name.toLowerCase())}\` into the package`;
  }
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!ASSET_TYPES.has(ext)) {
    return `${ext ? `\`.${ext}\` is` : 'a file without an extension is'} not one of the inert types copied beside a connector (${[...ASSET_TYPES].join(', ')})`;
  }
  return undefined;
}

/** The `connector-asset-type` finding for a file left out of the assets. */
export function assetFinding(prefix: string, rel: string, problem: string): Finding {
  return {
    ruleId: 'connector-asset-type',
    message: `Left out \`${rel.split('/').pop()}\` from the package and the site: ${problem}`,
    file: prefix + rel,
    place: FILE_START,
    args: [rel, problem],
  };
}

const LIMIT_REASONS: ReadonlySet<SkippedEntry['reason']> = new Set(['too-large', 'too-many', 'too-deep']);

/**
 * The diagnostic for an entry that was not read: `source-limit` for one over a limit,
 * `connector-file-unsafe` for a symlink, a device, a FIFO, a socket or an unreadable entry.
 * `rel` `.` is the connector folder itself. The fingerprint holds the entry and the reason, not the
 * wording or the size.
 */
export function leftOutFinding(prefix: string, id: string, entry: SkippedEntry): Finding {
  const ruleId = LIMIT_REASONS.has(entry.reason) ? 'source-limit' : 'connector-file-unsafe';
  const folder = entry.rel === '.';
  const file = folder ? prefix.replace(/\/$/, '') || id : prefix + entry.rel;
  const name = folder ? file : entry.rel.split('/').pop()!;
  return {
    ruleId,
    message: `Left out \`${name}\`: it ${entry.detail}`,
    file,
    place: FILE_START,
    args: [entry.rel, entry.reason],
  };
}

/**
 * What `plugboard import` keeps beside connector.mdx when a folder's `apiProperties.json` was not
 * JSON: the original text, for the author to compare with what could be read. It is not an asset
 * (never packaged or published), and `connector-properties-recovered` reports it until it is deleted.
 */
export const ORIGINAL_PROPERTIES = 'apiProperties.original.json';

/** The `connector-properties-recovered` finding: at the place the text stops being JSON, else on the whole file. */
export function originalPropertiesFinding(file: string, text: string): Finding {
  let error: ParseError | undefined;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
    error = errors[0] ?? { error: 0, offset: 0, length: 0 };
  }
  // Where it breaks; a file that reads as JSON now is underlined at its first character.
  const offset = error ? Math.min(error.offset, text.length) : Math.max(0, text.search(/[^\s\uFEFF]/));
  const at = new SourceFile(file, text).pointAt(offset);
  const wide = offset < text.length && !/\s/.test(text[offset]!);
  const place = { start: at, end: wide ? { line: at.line, column: at.column + 1 } : at };
  if (!error) {
    return {
      ruleId: 'connector-properties-recovered',
      message: `\`${ORIGINAL_PROPERTIES}\` reads as JSON now; carry into connector.mdx what it lacks, then delete this file`,
      file,
      place,
      args: ['valid'],
    };
  }
  return {
    ruleId: 'connector-properties-recovered',
    message: `\`${ORIGINAL_PROPERTIES}\` is the apiProperties.json an import could not read (${describeJsonError(error)}); connector.mdx holds what could be read: carry over what is missing, then delete this file`,
    file,
    place,
    args: ['invalid'],
  };
}

/** A jsonc-parser error in words (`a comma is missing`); also for the repository configuration (src/check/config.ts). */
export function describeJsonError(error: ParseError): string {
  const code = printParseErrorCode(error.error as Parameters<typeof printParseErrorCode>[0]);
  const words: Record<string, string> = {
    CommaExpected: 'a comma is missing',
    CloseBraceExpected: 'it ends before a `}`',
    CloseBracketExpected: 'it ends before a `]`',
    EndOfFileExpected: 'text follows the end',
    ValueExpected: 'a value is missing',
    PropertyNameExpected: 'a key is missing',
    ColonExpected: 'a colon is missing',
    UnexpectedEndOfString: 'a string is not closed',
    InvalidSymbol: 'an unexpected character',
  };
  return words[code] ?? code;
}

function emptySource(id: string, dir: string, prefix: string): ConnectorSource {
  return { id, dir, prefix, connector: undefined, actions: [], triggers: [], definitions: [], parameters: [], assets: new Map(), findings: [] };
}

/** The size limit of the file at `rel`: sources are parsed, assets only copied. */
function sizeLimit(rel: string): number {
  return isSourcePath(rel) ? LIMITS.sourceBytes : LIMITS.assetBytes;
}

/**
 * The entries of a connector folder, without following anything (src/core/safe-fs.ts listFolder).
 * A connector folder that is itself a symlink (`connectors/evil -> /etc`) is one skipped entry
 * `.`, never listed; a missing folder lists nothing. Also the cache key's listing (src/build/cache.ts).
 */
export function listConnectorFolder(dir: string): FolderListing {
  const none: FolderListing = { files: [], dirs: [], skipped: [] };
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return none;
  }
  if (!st.isDirectory()) {
    const why = st.isFile() ? { reason: 'special' as const, detail: 'is a file, not a folder' } : unreadableReason(dir, st, 0)!;
    return { ...none, skipped: [{ rel: '.', ...why }] };
  }
  return listFolder(dir, { maxBytes: sizeLimit, first: inSourceArea });
}

/**
 * The bytes of a listed file, or why it was not read. Read again through every folder on the way,
 * so an entry swapped for a symlink since the listing is refused.
 */
export function readConnectorFile(dir: string, rel: string): Buffer | SkippedEntry {
  return readInside(dir, join(dir, rel), sizeLimit(rel));
}

/** Loads `dir`; `display` is how paths are shown (relative to the working directory; '' for none). */
export function loadConnector(dir: string, display = dir): ConnectorSource {
  const prefix = displayPrefix(display);
  const id = toPosix(dir).split('/').filter(Boolean).pop() ?? dir;
  const source = emptySource(id, dir, prefix);
  const listing = listConnectorFolder(dir);
  const leftOut = (entry: SkippedEntry) => source.findings.push(leftOutFinding(prefix, id, entry));
  for (const entry of listing.skipped) leftOut(entry);
  for (const { rel } of listing.files) {
    const isSource = isSourcePath(rel);
    if ((!isSource && inSourceArea(rel)) || rel === RECORDINGS_FILE) continue;
    const problem = isSource ? undefined : assetProblem(rel);
    if (problem) {
      source.findings.push(assetFinding(prefix, rel, problem));
      continue;
    }
    const bytes = readConnectorFile(dir, rel);
    if (isSkipped(bytes)) {
      leftOut({ ...bytes, rel });
      continue;
    }
    if (rel === ORIGINAL_PROPERTIES) source.findings.push(originalPropertiesFinding(prefix + rel, bytes.toString('utf8')));
    else if (!isSource) source.assets.set(rel, bytes);
    else if (rel === 'connector.mdx') source.connector = new SourceFile(prefix + rel, bytes.toString('utf8'));
    else source[rel.split('/')[0] as (typeof SOURCE_DIRS)[number]].push(new SourceFile(prefix + rel, bytes.toString('utf8')));
  }
  return source;
}

/** A connector held in memory (tests, examples, import verification): relative path → text. */
export function connectorFromFiles(id: string, files: Record<string, string>, prefix = ''): ConnectorSource {
  const source = emptySource(id, '', prefix);
  for (const rel of Object.keys(files).sort()) {
    if (rel === RECORDINGS_FILE) continue;
    const text = files[rel]!;
    const kind = SOURCE_DIRS.find((k) => rel.startsWith(k + '/') && /\.mdx?$/.test(rel));
    const problem = rel === 'connector.mdx' || kind ? undefined : assetProblem(rel);
    if (rel === 'connector.mdx') source.connector = new SourceFile(prefix + rel, text);
    else if (kind) source[kind].push(new SourceFile(prefix + rel, text));
    else if (problem) source.findings.push(assetFinding(prefix, rel, problem));
    else if (rel === ORIGINAL_PROPERTIES) source.findings.push(originalPropertiesFinding(prefix + rel, text));
    else source.assets.set(rel, Buffer.from(text));
  }
  return source;
}

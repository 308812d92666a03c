/**
 * Names that become URL segments and file names: a connector id (its folder name) names
 * `dist/connectors/<id>/`, the package folder and `<id>.zip`; an operationId names the page
 * `/connectors/<id>/<operationId>/`. One check decides for `check` (rules connector-id-unsafe and
 * operation-id-unsafe) and for the site (which leaves an unsafe connector out and gives an unsafe
 * operation no page), so that what `check` passes the site can publish.
 *
 * Every name real connectors use stays valid: the 993 certified connectors of
 * src/PLATFORM.md #certified-connectors-in-numbers use only letters, digits, `_`, `.`, `~` and `-`.
 */

/** Longest name kept: well under the 255 bytes of a file name, with room for `.zip`. */
export const MAX_NAME_LENGTH = 128;

/**
 * Files the site and the package write beside the operation pages of a connector; an operation
 * page `<name>/index.html` of the same name would overwrite one, or fail on it (EISDIR).
 * Compared ignoring case, as case-insensitive file systems (macOS, Windows) do.
 */
export const CONNECTOR_FILES = ['index.html', 'apiDefinition.swagger.json', 'apiProperties.json', 'readme.md', 'icon.png', 'script.csx'] as const;

/**
 * Why `name` is not a safe URL segment and file name, or undefined when it is. `/` and `\` make a
 * path, `?`, `#` and `%` change what a URL means, control characters and whitespace do not survive
 * copying a URL, `.`, `..` and a leading dot name another folder or a hidden file.
 */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (name === '.' || name === '..') return `\`${name}\` names a folder`;
  if (name.startsWith('.')) return 'it starts with a dot';
  const bad = /[/\\?#%]|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\s/u.exec(name)?.[0];
  if (bad === undefined) return undefined;
  if (/[/\\?#%]/.test(bad)) return `it contains \`${bad}\``;
  return `it contains ${/\s/.test(bad) ? 'whitespace' : 'a control character'} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Why an operation page named `operationId` would collide with a file of the connector, or undefined. */
export function reservedNameReason(operationId: string, files: readonly string[] = CONNECTOR_FILES): string | undefined {
  const lower = operationId.toLowerCase();
  const file = files.find((f) => f.toLowerCase() === lower);
  if (file) return `it is the name of the connector file \`${file}\``;
  if (lower.endsWith('.zip')) return 'it ends with `.zip`, like the package download `<id>.zip`';
  return undefined;
}

/** A name as shown in a message: control characters and whitespace other than a space made visible. */
export function shownName(name: string): string {
  const visible = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[^\S ]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return visible.length > 60 ? `${visible.slice(0, 57)}…` : visible;
}

/** The `connector-id-unsafe` message for a connector folder name, or undefined when it is safe. */
export function unsafeConnectorIdMessage(id: string): string | undefined {
  const reason = unsafeNameReason(id);
  return reason && `Unexpected connector folder name \`${shownName(id)}\`: ${reason}, so it cannot name the site pages, the package folder and the zip; rename the folder with letters, digits, \`_\`, \`-\` or \`.\``;
}

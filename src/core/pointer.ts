/** JSON Pointers (RFC 6901) as arrays of segments, with string conversion at the edges. */

export type Segment = string | number;
export type Path = readonly Segment[];

export function escapeSegment(segment: Segment): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `['paths', '/a/{b}', 'get']` → `/paths/~1a~1{b}/get`. The empty path is `''`. */
export function toPointer(path: Path): string {
  return path.map((s) => '/' + escapeSegment(s)).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (!body.startsWith('/')) throw new Error(`Not a JSON pointer: ${pointer}`);
  return body.slice(1).split('/').map(unescapeSegment);
}

/** Reads the value at `path`, or `undefined` when any step is missing. */
export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    // Own keys only: a path segment `constructor` is a key the author wrote, or nothing.
    node = Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment as string] : undefined;
  }
  return node;
}

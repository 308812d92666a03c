/**
 * The exact UTF-8 size of `JSON.stringify(value, null, 2)`, computed without building the string
 * (about twice as fast, and no megabyte-sized garbage per document).
 */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]|[^\x00-\x7f]/;

function stringBytes(s: string): number {
  return NEEDS_ESCAPE.test(s) ? Buffer.byteLength(JSON.stringify(s), 'utf8') : s.length + 2;
}

function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

export function jsonSize(value: unknown, depth = 0): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'string':
      return stringBytes(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return jsonSize((value as { toJSON(): unknown }).toJSON(), depth);
      const indent = 2 * (depth + 1);
      if (Array.isArray(value)) {
        if (value.length === 0) return 2;
        // [ + per item: newline, indent, item + commas + newline, closing indent, ]
        let size = 2 + value.length * (1 + indent) + (value.length - 1) + 1 + 2 * depth;
        for (const item of value) size += omitted(item) ? 4 : jsonSize(item, depth + 1);
        return size;
      }
      let size = 0;
      let count = 0;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const item = (value as Record<string, unknown>)[key];
        if (omitted(item)) continue;
        count++;
        // newline, indent, "key", ": ", value
        size += 1 + indent + stringBytes(key) + 2 + jsonSize(item, depth + 1);
      }
      return count === 0 ? 2 : size + 2 + (count - 1) + 1 + 2 * depth;
    }
    default:
      return 0;
  }
}

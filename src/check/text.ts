/** Small helpers for messages, so that all rules word things alike. */

/** `a`, `a or b`, `a, b or c`. */
export function or(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** A value as shown in a message: strings as `text`, others as JSON; long values cut. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value) ?? String(value);
  const cut = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `\`${cut.replaceAll('`', "'")}\``;
}

/** "a string", "an object", "an array" for a JSON value. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

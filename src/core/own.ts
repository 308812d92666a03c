/**
 * Prototype-safe access to plain objects used as maps. Keys come from authors and imported
 * documents, so a key may be `constructor`, `toString` or `__proto__`: reading `map[key]` on a
 * plain object returns an inherited member for the first two, and writing `map['__proto__'] = v`
 * replaces the object's prototype instead of adding a key (the key vanishes from the JSON, and
 * `Object.assign` does the same). These helpers treat every key as an ordinary own key.
 * See https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Object/proto
 */

/** `map[key]` when `key` is an own key of `map`, else undefined (never an inherited member). */
export function getOwn<T = unknown>(map: object, key: PropertyKey): T | undefined {
  return Object.hasOwn(map, key) ? ((map as Record<PropertyKey, unknown>)[key] as T) : undefined;
}

/** `map[key] = value`, as an own enumerable key even when `key` is `__proto__`. */
export function setOwn(map: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else (map as Record<string, unknown>)[key] = value;
}

/** `Object.assign(target, source)` for own enumerable keys, keeping a `__proto__` key a key. */
export function assignOwn<T extends object>(target: T, source: object | undefined): T {
  if (source) for (const key of Object.keys(source)) setOwn(target, key, (source as Record<string, unknown>)[key]);
  return target;
}

/** A constant lookup table without a prototype, so `TABLE[authorKey]` is undefined for `constructor`. */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * Deep equality of JSON data by own keys. Generic deep-equal libraries call `a.toString()` or
 * compare `a.constructor` when an object has such a key, which a schema property may be named.
 * Recursive: parsed data is at most PARSE_LIMITS.depth deep (bounded.ts).
 */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => equalJson(v, other[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Objects of the authoring model are "open": besides their documented (sugar) keys they accept
 * any `x-…` extension and the raw Swagger/apiProperties keys of their position, which pass
 * through verbatim. Anything else is an unknown key, reported with a "did you mean".
 */
import { z } from 'zod';
import { closest } from 'fastest-levenshtein';

export const UNKNOWN_KEY = 'plugboard/unknown-key';
/** Meta key carrying the raw keys of an open object, for the generated JSON Schema. */
export const RAW_META = 'x-plugboard-raw';

export interface OpenObjectOptions {
  /** Raw keys of the target format allowed here besides the shape's keys. */
  raw?: readonly string[];
  /** Where the object sits, for messages ("operation", "parameter"...). */
  what: string;
}

export function suggest(key: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(key, candidates as string[]);
  const distance = levenshtein(key.toLowerCase(), best.toLowerCase());
  return distance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function openObject<T extends z.ZodRawShape>(shape: T, options: OpenObjectOptions) {
  const known = [...Object.keys(shape), ...(options.raw ?? [])];
  const knownSet = new Set(known);
  return z
    .object(shape)
    .catchall(z.unknown())
    .meta({ [RAW_META]: options.raw ?? [] })
    .superRefine(
      (value, ctx) => {
      if (!value || typeof value !== 'object') return;
      for (const key of Object.keys(value)) {
        if (knownSet.has(key) || key.startsWith('x-')) continue;
        const hint = suggest(key, known);
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `Unexpected key \`${key}\` in ${options.what}${hint ? `, did you mean \`${hint}\`?` : ''}`,
          params: { kind: UNKNOWN_KEY, key, suggestion: hint },
        });
      }
      },
      // Report unknown keys even when other keys of the object are invalid.
      { when: () => true },
    );
}

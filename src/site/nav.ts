/**
 * The per-connector side navigation. On an operation page of a large connector it lists a window
 * of operations around the current one (and links to the full list), so that a page's size does
 * not grow with the number of operations, just as it does not grow with the number of connectors;
 * a definition page lists a window of the definitions around it the same way.
 */
import type { DefinitionEntry, OperationEntry } from './connectors.ts';

export const NAV_WINDOW = 30;

/** `size` items around the one at `at` (all of them when they fit). */
function around<T>(items: readonly T[], at: number, size: number): T[] {
  if (items.length <= size) return [...items];
  const start = Math.min(Math.max(0, at - Math.floor(size / 2)), items.length - size);
  return items.slice(start, start + size);
}

export function navWindow(operations: readonly OperationEntry[], current: string | undefined, size = NAV_WINDOW) {
  const visible = operations.filter((o) => !o.internal);
  const ordered = [...visible.filter((o) => o.kind !== 'action'), ...visible.filter((o) => o.kind === 'action')];
  const shown = current === undefined ? ordered : around(ordered, Math.max(0, ordered.findIndex((o) => o.slug === current)), size);
  return {
    triggers: shown.filter((o) => o.kind !== 'action'),
    actions: shown.filter((o) => o.kind === 'action'),
    hidden: ordered.length - shown.length,
    total: ordered.length,
  };
}

/** The definitions listed beside the definition page `current`. */
export function definitionWindow(definitions: readonly DefinitionEntry[], current: string, size = NAV_WINDOW) {
  const shown = around(definitions, Math.max(0, definitions.findIndex((d) => d.slug === current)), size);
  return { definitions: shown, hidden: definitions.length - shown.length, total: definitions.length };
}

/**
 * The per-connector side navigation. On an operation page of a large connector it lists a window
 * of operations around the current one (and links to the full list), so that a page's size does
 * not grow with the number of operations, just as it does not grow with the number of connectors.
 */
import type { OperationEntry } from './connectors.ts';

export const NAV_WINDOW = 30;

export function navWindow(operations: readonly OperationEntry[], current: string | undefined, size = NAV_WINDOW) {
  const visible = operations.filter((o) => !o.internal);
  const ordered = [...visible.filter((o) => o.kind !== 'action'), ...visible.filter((o) => o.kind === 'action')];
  let shown = ordered;
  if (current !== undefined && ordered.length > size) {
    const at = Math.max(0, ordered.findIndex((o) => o.slug === current));
    const start = Math.min(Math.max(0, at - Math.floor(size / 2)), ordered.length - size);
    shown = ordered.slice(start, start + size);
  }
  return {
    triggers: shown.filter((o) => o.kind !== 'action'),
    actions: shown.filter((o) => o.kind === 'action'),
    hidden: ordered.length - shown.length,
    total: ordered.length,
  };
}

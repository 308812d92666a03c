/** Catalogue page data: one small card per connector and the filter choices. */
import type { SiteConnector } from './connectors.ts';

export interface Card {
  id: string;
  title: string;
  publisher: string;
  description: string;
  brandColor: string;
  hasIcon: boolean;
  categories: string[];
  authKinds: string[];
  actions: number;
  triggers: number;
  validation: SiteConnector['validation'];
  errors: number;
  warnings: number;
}

export const AUTH_LABELS: Record<string, string> = { none: 'No auth', apiKey: 'API key', basic: 'Basic', oauth2: 'OAuth 2.0', other: 'Custom' };

/** The first sentence, at most ~160 characters. */
export function oneLine(description: string): string {
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(description)?.[0] ?? description;
  return first.length > 160 ? `${first.slice(0, 157).trimEnd()}…` : first;
}

export function card(c: SiteConnector): Card {
  return {
    id: c.id,
    title: c.title,
    publisher: c.publisher || c.stackOwner,
    description: oneLine(c.description),
    brandColor: c.brandColor,
    hasIcon: c.hasIcon,
    categories: c.categories,
    authKinds: c.authKinds,
    actions: c.actions,
    triggers: c.triggers,
    validation: c.validation,
    errors: c.errors,
    warnings: c.warnings,
  };
}

export function facets(cards: readonly Card[]): { categories: string[]; auth: string[]; publishers: string[] } {
  const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));
  return {
    categories: sorted(new Set(cards.flatMap((c) => c.categories))),
    auth: sorted(new Set(cards.flatMap((c) => c.authKinds))),
    publishers: sorted(new Set(cards.map((c) => c.publisher).filter(Boolean))),
  };
}

/**
 * Links between the pages of one connector, relative so that a site under a base path works:
 * the connector page is `./`, an operation page `<slug>/`, a definition page
 * `definitions/<slug>/`. `up` leads from the current page back to the connector page
 * (`./`, `../` or `../../`).
 */
import { operationRef, type SiteConnector } from './connectors.ts';

export interface OperationLink {
  operationId: string;
  /** The operation's page, when it has one. */
  href?: string;
  /** An internal operation has no page: the note shows its method and path. */
  internal?: { method: string; path: string };
}

export interface PageLinks {
  /** Back to the connector page. */
  up: string;
  /** The page of a definition by name, or undefined when the connector has none of that name. */
  definition(name: string): string | undefined;
  /** What a note naming another operation shows (dynamic values or schema sources). */
  operation(operationId: string): OperationLink;
  /** The Swagger document, where a cut table's full schema is. */
  swagger: string;
}

export function pageLinks(c: Pick<SiteConnector, 'definitions' | 'operations'>, up: string): PageLinks {
  const slugs = new Map(c.definitions.map((d) => [d.name, d.slug]));
  return {
    up,
    definition: (name) => {
      const slug = slugs.get(name);
      return slug === undefined ? undefined : `${up}definitions/${slug}/`;
    },
    operation: (operationId) => {
      const ref = operationRef(c, operationId);
      if (ref?.internal) return { operationId, internal: ref.internal };
      return ref?.slug !== undefined ? { operationId, href: `${up}${ref.slug}/` } : { operationId };
    },
    swagger: `${up}apiDefinition.swagger.json`,
  };
}

/** What an importer hands back: the files of a connector folder and what it could not carry. */
import type { Diagnostic } from '../core/diagnostic.ts';

export interface ImportResult {
  /** Kebab-case connector id, the folder name under connectors/. */
  id: string;
  /** Relative path inside the connector folder → content (MDX text, or bytes for assets). */
  files: Map<string, string | Buffer>;
  /** Everything approximated, dropped or doubtful, positioned in the source files. */
  diagnostics: Diagnostic[];
  /** Counts for the one-line summary. */
  stats: { operations: number; actions: number; triggers: number; definitions: number; rawOperations: number };
}

export interface ImportOptions {
  /** Override the derived id (single source only). */
  id?: string;
  /** How source paths are shown in diagnostics (default: as given). */
  display?: string;
  /** Force the source format instead of detecting it. */
  from?: 'powerplatform' | 'swagger2' | 'openapi3' | 'postman';
  /** Approximations become errors (for OpenAPI 3 and Postman sources). */
  strict?: boolean;
  /** `importSources` only: split a source over the platform limits into several connectors (default true). */
  split?: boolean;
  /**
   * A folder that an OpenAPI document's external `$ref`s may lead into, besides the document's own
   * folder (`--ref-root`). Nothing outside those two is read.
   */
  refRoot?: string;
}

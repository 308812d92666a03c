/**
 * Bytes of the static endpoints (package files, zip, assets, diagnostics), from stored connectors.
 * Only package files are served: the three documents and the assets the loader took (its allow-list
 * of inert types, ASSET_TYPES in src/compiler/load.ts), each by a name from the package listing.
 */
import { assetProblem } from '../compiler/load.ts';
import { connectorPackage, packageBytes, type SiteConnector } from './connectors.ts';
import { packageZip } from './package.ts';

/** Content types of the package files; text for scripts and data, never a type a browser runs. */
const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  csx: 'text/plain; charset=utf-8',
  cs: 'text/plain; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  yaml: 'text/plain; charset=utf-8',
  yml: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

const DOCUMENTS = ['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md'];

export function contentType(name: string): string {
  return TYPES[name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
}

/**
 * One package file. `nosniff` keeps a browser to the declared type; an asset is served as an
 * attachment (a download), not a page. A static host drops these headers, which is why what
 * may be published at all is decided by the loader's allow-list.
 */
export function packageFile(c: SiteConnector, name: string): Response {
  const bytes = packageBytes(c, name);
  if (!bytes) return new Response(null, { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': contentType(name), 'X-Content-Type-Options': 'nosniff' };
  if (!DOCUMENTS.includes(name)) headers['Content-Disposition'] = 'attachment';
  return new Response(new Uint8Array(bytes), { headers });
}

export function zipResponse(c: SiteConnector): Response {
  return new Response(new Uint8Array(packageZip(c.id, connectorPackage(c))), { headers: { 'Content-Type': contentType('x.zip') } });
}

/**
 * Asset names served beside the pages (icon.png, script.csx…), not the generated documents.
 * The package holds only allow-listed assets already; checking again here keeps anything else
 * from becoming a page even if it reached a package some other way.
 */
export function assetNames(c: SiteConnector): string[] {
  return c.packageFiles.filter((n) => !DOCUMENTS.includes(n) && assetProblem(n) === undefined);
}

export interface DiagnosticsSummary {
  connectors: number;
  errors: number;
  warnings: number;
  diagnostics: Array<{ connector: string; severity: string; text: string }>;
}

export function diagnosticsSummary(connectors: readonly SiteConnector[]): DiagnosticsSummary {
  const diagnostics = connectors.flatMap((c) => c.diagnostics.map((d) => ({ connector: c.id, severity: d.severity, text: d.text })));
  return {
    connectors: connectors.length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
  };
}

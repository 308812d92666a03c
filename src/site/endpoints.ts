/** Bytes of the static endpoints (package files, zip, assets, diagnostics), from stored connectors. */
import { connectorPackage, packageBytes, type SiteConnector } from './connectors.ts';
import { packageZip } from './package.ts';

const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
  csx: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

export function contentType(name: string): string {
  return TYPES[name.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
}

export function packageFile(c: SiteConnector, name: string): Response {
  const bytes = packageBytes(c, name);
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': contentType(name) } });
}

export function zipResponse(c: SiteConnector): Response {
  return new Response(new Uint8Array(packageZip(c.id, connectorPackage(c))), { headers: { 'Content-Type': contentType('x.zip') } });
}

/** Asset names served beside the pages (icon.png, script.csx…), not the generated documents. */
export function assetNames(c: SiteConnector): string[] {
  return c.packageFiles.filter((n) => !['apiDefinition.swagger.json', 'apiProperties.json', 'readme.md', 'index.html'].includes(n) && !n.endsWith('.zip'));
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

import { getCollection } from 'astro:content';
import type { SiteConnector } from '../site/connectors.ts';
import { diagnosticsSummary } from '../site/endpoints.ts';

export async function GET(): Promise<Response> {
  const connectors = (await getCollection('connectors')).map((e) => e.data as unknown as SiteConnector);
  return new Response(JSON.stringify(diagnosticsSummary(connectors), null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } });
}

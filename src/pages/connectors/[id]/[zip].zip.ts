import { getCollection } from 'astro:content';
import { isPublished, type SiteConnector } from '../../../site/connectors.ts';
import { zipResponse } from '../../../site/endpoints.ts';

export async function getStaticPaths() {
  const connectors = (await getCollection('connectors', isPublished)).map((e) => e.data as unknown as SiteConnector);
  return connectors.filter((c) => c.packageFiles.length > 0).map((c) => ({ params: { id: c.id, zip: c.id }, props: { c } }));
}

export function GET({ props }: { props: { c: SiteConnector } }): Response {
  return zipResponse(props.c);
}

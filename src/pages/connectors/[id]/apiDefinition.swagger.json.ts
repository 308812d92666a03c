import { getCollection } from 'astro:content';
import type { SiteConnector } from '../../../site/connectors.ts';
import { packageFile } from '../../../site/endpoints.ts';

export async function getStaticPaths() {
  return (await getCollection('connectors')).map((e) => ({ params: { id: e.id }, props: { c: e.data as unknown as SiteConnector } }));
}

export function GET({ props }: { props: { c: SiteConnector } }): Response {
  return packageFile(props.c, 'apiDefinition.swagger.json');
}

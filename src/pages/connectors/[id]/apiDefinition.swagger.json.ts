import { getCollection } from 'astro:content';
import { isPublished, type SiteConnector } from '../../../site/connectors.ts';
import { packageFile } from '../../../site/endpoints.ts';

export async function getStaticPaths() {
  // Published connectors that have a package (one plugboard failed on has none).
  const connectors = (await getCollection('connectors', isPublished)).map((e) => e.data as unknown as SiteConnector);
  return connectors.filter((c) => c.packageFiles.includes('apiDefinition.swagger.json')).map((c) => ({ params: { id: c.id }, props: { c } }));
}

export function GET({ props }: { props: { c: SiteConnector } }): Response {
  return packageFile(props.c, 'apiDefinition.swagger.json');
}

import { getCollection } from 'astro:content';
import { isPublished, type SiteConnector } from '../../../site/connectors.ts';
import { assetNames, packageFile } from '../../../site/endpoints.ts';

export async function getStaticPaths() {
  return (await getCollection('connectors', isPublished)).flatMap((e) => {
    const c = e.data as unknown as SiteConnector;
    return assetNames(c).map((name) => ({ params: { id: c.id, asset: name }, props: { c, name } }));
  });
}

export function GET({ props }: { props: { c: SiteConnector; name: string } }): Response {
  return packageFile(props.c, props.name);
}

/** The one serializer to the authoring format: YAML front-matter + MDX body. */
import { stringify } from 'yaml';

/** YAML that reads back (with the YAML 1.2 core schema) as exactly `data`. */
export function toYaml(data: unknown): string {
  return stringify(data, {
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    singleQuote: true,
    flowCollectionPadding: true,
  });
}

export function toMdx(frontMatter: Record<string, unknown>, body = ''): string {
  const yaml = Object.keys(frontMatter).length ? toYaml(frontMatter) : '';
  const trimmed = body.replace(/^\n+/, '');
  return `---\n${yaml}---\n${trimmed ? '\n' + trimmed : ''}`;
}

/**
 * Building blocks for the diff rules' examples: pairs of connector folders (base, head) in the
 * authoring model, written like the check rules' examples (src/check/examples.ts).
 */
import type { ExampleFiles } from './define-rule.ts';
import { mdx } from './examples.ts';

export { mdx };

/** connector.mdx at `version` (line 3 of the file), with `extra` front-matter lines from line 5 on. */
export function connector(version: string, ...extra: string[]): string {
  return mdx(['title: Contoso', `version: '${version}'`, 'host: api.contoso.com', ...extra]);
}

/** An action file: `request` on line 2, `summary` on line 3, then `lines`, then a 200 response. */
export function action(request: string, summary: string, ...lines: string[]): string {
  return mdx([`request: ${request}`, `summary: ${summary}`, ...lines, 'responses:', "  '200':", '    description: OK']);
}

/** A folder: connector.mdx at `version` and the given action files (`actions/<name>.mdx`). */
export function folder(version: string, actions: Record<string, string>, extra: ExampleFiles = {}): ExampleFiles {
  return { 'connector.mdx': connector(version), ...Object.fromEntries(Object.entries(actions).map(([name, text]) => [`actions/${name}.mdx`, text])), ...extra };
}

/** `GET /items/{id}` with its `id` path parameter and `more` parameter lines. */
export function getItem(summary = 'Get an item', ...more: string[]): string {
  return action('GET /items/{id}', summary, 'parameters:', '  id:', '    type: string', '    summary: Item ID', ...more);
}

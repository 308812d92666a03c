import { defineRule } from '../define-rule.ts';
import { CONNECTOR, getItemWithId } from '../examples.ts';
import { keywordNodes, nameOf } from '../schemas.ts';

/** Longer patterns are not compiled (no real pattern is this long; compiling is cheap, but bounded anyway). */
const MAX_LENGTH = 4096;

/**
 * Whether a pattern compiles. The platform runs on .NET, whose syntax is a superset of what matters
 * here, so a pattern passes when JavaScript compiles it with or without the `u` flag (Annex B is
 * lenient about escapes like `\-` that `u` rejects), or once .NET-only constructs are rewritten to
 * their JavaScript equivalents: inline options `(?i)`, atomic groups `(?>…)`, `(?'name'…)`, `\A`, `\Z`, `\z`.
 */
export function compiles(pattern: string): boolean {
  const attempts = [pattern, pattern.replace(/^\(\?[imnsx-]+\)/, '').replace(/\(\?>/g, '(?:').replace(/\(\?'([A-Za-z_]\w*)'/g, '(?<$1>').replace(/\\A/g, '^').replace(/\\[Zz]/g, '$')];
  for (const source of attempts) {
    for (const flags of ['u', '']) {
      try {
        new RegExp(source, flags);
        return true;
      } catch {
        // try the next reading
      }
    }
  }
  return false;
}

export default defineRule({
  id: 'schema-pattern-valid',
  area: 'schema',
  severity: 'error',
  description: 'Every `pattern` is a regular expression that compiles.',
  rationale:
    'The designer and the platform test inputs against `pattern`; one that does not compile makes the Swagger Validator reject the definition (`PatternShouldBeValidRegularExpression`). ' +
    'Patterns are read as the platform (.NET) reads them: inline options like `(?i)`, atomic groups and `\\A`/`\\Z` are accepted, as are escapes that only strict ECMAScript refuses.',
  platformCodes: ['PatternShouldBeValidRegularExpression'],
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId("    pattern: '^[A-Z]{2}-\\d+$'") }],
    notOk: [
      {
        files: { 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': getItemWithId("    pattern: '^([A-Z]{2}-\\d+$'") },
        output: ['actions/GetItem.mdx:7:14-7:31: Unexpected `pattern` on parameter `id` that does not compile as a regular expression (schema-pattern-valid)'],
      },
    ],
  },
  check({ swagger, report }) {
    const seen = new Map<string, boolean>();
    for (const visit of keywordNodes(swagger)) {
      const pattern = visit.node.pattern;
      if (typeof pattern !== 'string' || pattern.length > MAX_LENGTH) continue;
      let ok = seen.get(pattern);
      if (ok === undefined) seen.set(pattern, (ok = compiles(pattern)));
      if (!ok) report({ message: `Unexpected \`pattern\` on ${nameOf(visit)} that does not compile as a regular expression`, at: visit.at('pattern'), args: [] });
    }
  },
});

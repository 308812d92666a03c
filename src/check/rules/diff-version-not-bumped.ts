import { defineRule } from '../define-rule.ts';
import { action, folder, getItem } from '../diff-examples.ts';
import { isObject } from '../../swagger/index.ts';

/** `1.2.3` → [1, 2, 3]; `1.0` → [1, 0, 0]; undefined when it does not start with a number. */
export function parseVersion(version: unknown): [number, number, number] | undefined {
  const match = typeof version === 'string' || typeof version === 'number' ? /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?/.exec(String(version)) : null;
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

const list = () => action('GET /items', 'List items');

export default defineRule({
  id: 'diff-version-not-bumped',
  area: 'diff',
  severity: 'error',
  description: 'The connector\'s `version` (`info.version`) was not raised as its changes need: the major number for a breaking change, at least the minor one for an addition or a warning.',
  rationale: 'The version tells the people who maintain flows what an update does to them: a breaking change under the same major version reaches them unannounced. Text changes need no bump.',
  examples: { ok: [], notOk: [] },
  diffExamples: {
    ok: [
      { base: folder('1.0', { GetItem: getItem() }), head: folder('1.1', { GetItem: getItem(), ListItems: list() }) },
      { base: folder('1.0', { GetItem: getItem(), ListItems: list() }), head: folder('2.0', { GetItem: getItem() }) },
    ],
    notOk: [
      { base: folder('1.0', { GetItem: getItem() }), head: folder('1.0', { GetItem: getItem(), ListItems: list() }), output: ['connector.mdx:3:10-3:15: The version is `1.0`, expected `1.1` or later: an addition needs at least a new minor version (the base is `1.0`) (diff-version-not-bumped)'] },
      { base: folder('1.3', { GetItem: getItem(), ListItems: list() }), head: folder('1.4', { GetItem: getItem() }), output: ['connector.mdx:3:10-3:15: The version is `1.4`, expected `2.0` or later: a breaking change needs a new major version (the base is `1.3`) (diff-version-not-bumped)'] },
    ],
  },
  diff({ base, head, bump, report }) {
    if (bump === undefined || !isObject(head.swagger.info)) return;
    const was = parseVersion(isObject(base.swagger.info) ? base.swagger.info.version : undefined);
    if (!was) return;
    const written = head.swagger.info.version;
    const now = parseVersion(written);
    const needed = bump === 'major' ? `${was[0] + 1}.0` : `${was[0]}.${was[1] + 1}`;
    const why = bump === 'major' ? 'a breaking change needs a new major version' : 'an addition needs at least a new minor version';
    if (!now) {
      report({ at: written === undefined ? '/info' : '/info/version', message: `Expected a version like \`${needed}\`: ${why}`, args: [bump] });
      return;
    }
    const ok = bump === 'major' ? now[0] > was[0] : now[0] > was[0] || (now[0] === was[0] && now[1] > was[1]);
    if (!ok) report({ at: '/info/version', message: `The version is \`${String(written)}\`, expected \`${needed}\` or later: ${why} (the base is \`${String(base.swagger.info && isObject(base.swagger.info) ? base.swagger.info.version : '')}\`)`, args: [bump] });
  },
});

import { defineRule } from '../define-rule.ts';
import { CONNECTOR, GET_ITEM } from '../examples.ts';

/**
 * Reported by the command before any connector is read, about a repository file of plugboard's
 * own: the configuration (src/check/config.ts) or a baseline (src/check/baseline.ts). Neither is
 * part of a connector folder, so the rule is `reportedBy: 'runner'` and has no connector example;
 * test/check/config.test.ts and test/check/baseline.test.ts give it bad files.
 */
export default defineRule({
  id: 'config-invalid',
  area: 'config',
  severity: 'error',
  reportedBy: 'runner',
  description: 'The repository configuration (`plugboard.config.json`, `.yaml`, or the `"plugboard"` key of package.json) or a `--baseline` file cannot be used: not JSON or YAML, an unknown key, rule id or preset, a wrong type, over a limit.',
  rationale:
    'A configuration that is silently half-read would check with other severities than the repository asked for, and a misspelt rule id would turn nothing off while looking as if it did. So the run stops before checking anything (exit 2), naming the file, line and column, with the closest rule id for a typo, like `plugboard.config.json:4:5-4:24: Unknown rule \\`operation-id-uniqe\\`, did you mean \\`operation-id-unique\\`? (config-invalid)`.',
  examples: {
    ok: [{ 'connector.mdx': CONNECTOR, 'actions/GetItem.mdx': GET_ITEM }],
    notOk: [],
  },
});

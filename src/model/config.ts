/**
 * The repository configuration of `check` and `build`: `plugboard.config.json` (or `.yaml`, or a
 * `"plugboard"` key in package.json). One zod schema, documented per field, from which the editor
 * JSON Schema is generated (`npm run schema` → src/model/json-schema/config.schema.json) and
 * against which src/check/config.ts validates the file, positions and all.
 */
import { z } from 'zod';
import { RULE_DEFAULTS, type RuleId } from '../core/rule-ids.ts';

/** Every rule id, for the keys of `rules` (the editor completes them). */
export const CONFIG_RULE_IDS = Object.keys(RULE_DEFAULTS) as [RuleId, ...RuleId[]];

/** The presets a config can name; src/check/presets.ts holds their levels. */
export const PRESET_NAMES = ['recommended', 'certification'] as const;

/** The most overrides, patterns per override and characters per pattern a config may hold. */
export const CONFIG_LIMITS = { overrides: 500, patterns: 500, patternLength: 200 } as const;

export const Level = z
  .enum(['error', 'warning', 'info', 'off'])
  .describe('`error` fails the run (exit 1), `warning` and `info` are reported without failing it, `off` hides the rule (its findings are not reported).');

export const PresetName = z
  .enum(PRESET_NAMES)
  .describe('`recommended`: every rule at its default severity. `certification`: what Microsoft certification review asks for (stricter).');

export const RuleLevels = z
  .partialRecord(z.enum(CONFIG_RULE_IDS), Level)
  .describe('Severity per rule id, over the preset: `{ "trigger-kind-unclear": "off" }`. `plugboard rules` lists the ids.');

export const ConfigOverride = z
  .strictObject({
    connectors: z
      .array(z.string().min(1).max(CONFIG_LIMITS.patternLength))
      .min(1)
      .max(CONFIG_LIMITS.patterns)
      .describe(
        'Which connectors this override is for: a connector id (its folder name, `github-issues`), a glob over ids (`legacy-*`, `{a,b}-api`), or, with a `/`, a glob over the folder path relative to this config file (`certified-connectors/**`). `*` and `?` stop at `/`, `**` does not.',
      ),
    preset: PresetName.optional().describe('The preset of these connectors, in place of the top-level one (and of `--preset`).'),
    rules: RuleLevels.optional().describe('Severities for these connectors, applied after the top-level `rules` and earlier overrides.'),
  })
  .describe('Levels for some connectors only. Every override whose `connectors` match applies, in order; a later one wins.');

export const Config = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors: `./node_modules/plugboard/src/model/json-schema/config.schema.json`.'),
    preset: PresetName.optional().describe('The preset every connector starts from (default `recommended`); `--preset` on the command line replaces it.'),
    rules: RuleLevels.optional(),
    overrides: z.array(ConfigOverride).max(CONFIG_LIMITS.overrides).optional(),
    connectors: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe('The folder holding the connector folders, relative to this config file (default `connectors`); `--connectors` on the command line replaces it.'),
  })
  .describe('plugboard configuration: presets, rule severities and per-connector overrides for `plugboard check` and `plugboard build`.');

export type ConfigInput = z.input<typeof Config>;
export type ConfigData = z.output<typeof Config>;

/**
 * The editor JSON Schema of the config names rule ids by pattern, not by list: the list grows with
 * every rule, and a generated file that changes with each new rule would go stale between
 * `npm run schema` runs. `check` itself validates the ids (with "did you mean").
 */
export function configJsonSchema(json: Record<string, unknown>): Record<string, unknown> {
  const stack: unknown[] = [json];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const names = record.propertyNames as { enum?: unknown[] } | undefined;
    if (names?.enum && names.enum.includes(CONFIG_RULE_IDS[0])) {
      record.propertyNames = { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', description: 'A rule id, as `plugboard rules` lists them.' };
    }
    for (const value of Object.values(record)) stack.push(value);
  }
  return json;
}

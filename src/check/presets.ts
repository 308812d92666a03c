/**
 * Severity lives in presets: plain maps from rule id to `error`, `warning`, `info` or `off`. A rule
 * a preset does not name keeps its default (its `severity`, which `recommended` is made of). The
 * reporter (reporter.ts) reads the active preset; a rule that is `off` is not run and reports nothing.
 */
import type { Severity } from '../core/diagnostic.ts';
import { RULE_DEFAULTS, type RuleId } from '../core/rule-ids.ts';

export type Level = Severity | 'off';
export type Preset = Readonly<Partial<Record<RuleId, Level>>>;

/** Every rule at its default severity. */
export const recommended: Preset = RULE_DEFAULTS;

/** What certification review needs; the review issue fills it with its own levels and rules. */
export const certification: Preset = { ...recommended };

/**
 * `import --strict`: a source that imports only approximately fails. Every warning an importer of
 * OpenAPI or Postman gives becomes an error.
 */
export const strictImport: Preset = {
  ...recommended,
  'import-approximated': 'error',
  'import-dropped': 'error',
  'import-unsupported-auth': 'error',
};

export const presets = { recommended, certification } as const;
export type PresetName = keyof typeof presets;

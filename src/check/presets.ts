/**
 * Severity lives in presets: plain maps from rule id to `error`, `warning`, `info` or `off`. A rule
 * a preset does not name keeps its default (its `severity`, which `recommended` is made of). The
 * reporter (reporter.ts) reads the active preset; a rule that is `off` is not run and reports nothing.
 */
import type { Severity } from '../core/diagnostic.ts';
import { RULE_DEFAULTS, type RuleId } from '../core/rule-ids.ts';

export type Level = Severity | 'off';
export type Preset = Readonly<Partial<Record<RuleId, Level>>>;

/**
 * Every rule at its default severity (each rule's `severity`, gathered by `npm run rules-docs`).
 * The defaults are calibrated on the 35 connectors of the shared corpus (scripts/calibrate.ts):
 * `error` only for what the platform rejects or what breaks at run time, `warning` for what it
 * tolerates but is wrong, `info` for advice. An error on a certified connector, which passed
 * Microsoft's validation, is taken for a false positive until shown otherwise; the README's
 * "Calibration" section lists every default lowered that way and why (x-ms-position,
 * x-ms-visibility-value, trigger-webhook-callback-required, trigger-webhook-responses,
 * connector-size-limit, policy-operation-exists, parameter-form-data-consumes; AutoRest
 * extensions are x-ms-autorest, info).
 */
export const recommended: Preset = RULE_DEFAULTS;

/** What certification review needs; the review issue fills it with its own levels and rules. */
export const certification: Preset = {
  ...recommended,
  // Certification content rules (platform-format.md §8.2, real-world-corpus.md §5.2–5.3, §6): what
  // the Swagger Validator or the certification review refuses becomes an error; requirements that
  // certified connectors of the public repository do not all meet (readme sections, descriptions,
  // stack owner, contact, redirect mode) become warnings, string advice stays as it is.
  'auth-client-id': 'warning',
  'auth-identity-provider': 'error',
  'auth-redirect-mode': 'warning',
  'brand-color': 'error',
  'icon-format': 'error',
  'icon-size': 'warning',
  'info-contact': 'warning',
  'info-contact-email': 'error',
  'info-description-length': 'error',
  'info-restricted-words': 'error',
  'info-title-ending': 'error',
  'info-title-length': 'error',
  'metadata-categories': 'error',
  'metadata-categories-count': 'error',
  'metadata-properties': 'error',
  'metadata-publisher': 'warning',
  'metadata-url': 'error',
  'operation-description-missing': 'warning',
  'operation-summary-missing': 'error',
  'parameter-description-missing': 'warning',
  'readme-deployment-instructions': 'warning',
  'readme-operations': 'warning',
  'readme-sections': 'warning',
  'summary-characters': 'error',
  'summary-length': 'error',
  'summary-too-long': 'error',
  'summary-trailing-punctuation': 'error',
  // Semantics the Swagger Validator rejects on every certification pull request, which no certified
  // connector of the corpus breaks: dynamic-call arguments (OperationParameter*, SourcePropertyInternal),
  // companion extensions (DynamicListExtensionRequired*, DynamicPropertiesExtensionRequired*,
  // DynamicTreeExtensionMissing), the x-ms-notification pairing (Notification*). The response paths of
  // dynamic calls (InvokedOperationShouldProduce*) stay warnings: three certified connectors name
  // paths their declared responses lack.
  'trigger-notification': 'error',
  'x-ms-dynamic-companion': 'error',
  'x-ms-dynamic-parameters': 'error',
  // Schema and response rules the Swagger Validator rejects and no connector of the 35-connector
  // corpus breaks (RequiredProperty*, Discriminator*, InvalidCustomEditor*, ResponseExample*):
  // warnings by default, since the platform imports such a definition, errors for certification.
  'response-example-produced': 'error',
  'schema-discriminator': 'error',
  'schema-editor-dictionary': 'error',
  'schema-required-defined': 'error',
  'schema-required-on-object': 'error',
  // What reviewers ask for and certified connectors do not all do: dropdown sources hidden
  // (9 of 23 certified corpus connectors leave one visible), a readme in the folder.
  'import-readme-missing': 'warning',
  'x-ms-dynamic-operation-internal': 'warning',
};

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

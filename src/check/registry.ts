/**
 * Every rule, sorted by id. Ids are permanent public API: never rename one, deprecate it instead.
 * test/check/registry.test.ts checks the order, the ids, the docs and the examples.
 */
import type { Rule } from './define-rule.ts';
import connectorDuplicateKey from './rules/connector-duplicate-key.ts';
import connectorFileMissing from './rules/connector-file-missing.ts';
import connectorOperationLimit from './rules/connector-operation-limit.ts';
import connectorSizeLimit from './rules/connector-size-limit.ts';
import frontmatterUnknownKey from './rules/frontmatter-unknown-key.ts';
import frontmatterValue from './rules/frontmatter-value.ts';
import frontmatterYaml from './rules/frontmatter-yaml.ts';
import importApproximated from './rules/import-approximated.ts';
import importDropped from './rules/import-dropped.ts';
import importSourceInvalid from './rules/import-source-invalid.ts';
import importUnsupportedAuth from './rules/import-unsupported-auth.ts';
import mdxElement from './rules/mdx-element.ts';
import mdxEsm from './rules/mdx-esm.ts';
import mdxExpression from './rules/mdx-expression.ts';
import mdxSyntax from './rules/mdx-syntax.ts';
import mdxUrl from './rules/mdx-url.ts';
import importJsonDuplicateKey from './rules/import-json-duplicate-key.ts';
import importJsonInvalid from './rules/import-json-invalid.ts';
import importJsonLenient from './rules/import-json-lenient.ts';
import importNotCarried from './rules/import-not-carried.ts';
import importNotLossless from './rules/import-not-lossless.ts';
import importOperationVerbatim from './rules/import-operation-verbatim.ts';
import importReadmeMissing from './rules/import-readme-missing.ts';
import operationIdRequired from './rules/operation-id-required.ts';
import operationIdUnique from './rules/operation-id-unique.ts';
import operationRequest from './rules/operation-request.ts';
import operationRouteDuplicate from './rules/operation-route-duplicate.ts';
import parameterFormDataConsumes from './rules/parameter-form-data-consumes.ts';
import pathParameterDeclared from './rules/path-parameter-declared.ts';
import pathParameterRequired from './rules/path-parameter-required.ts';
import pathParameterUnused from './rules/path-parameter-unused.ts';
import policyOperationExists from './rules/policy-operation-exists.ts';
import policyTemplateParameters from './rules/policy-template-parameters.ts';
import refTargetExists from './rules/ref-target-exists.ts';
import swaggerSchema from './rules/swagger-schema.ts';
import triggerKindUnclear from './rules/trigger-kind-unclear.ts';
import triggerWebhookCallback from './rules/trigger-webhook-callback.ts';
import triggerWebhookNotificationContent from './rules/trigger-webhook-notification-content.ts';
import triggerWebhookUnsubscribe from './rules/trigger-webhook-unsubscribe.ts';
import xMsDynamicOperationExists from './rules/x-ms-dynamic-operation-exists.ts';
import xMsPosition from './rules/x-ms-position.ts';
import xMsValue from './rules/x-ms-value.ts';
import connectorAssetType from './rules/connector-asset-type.ts';
import connectorFileUnsafe from './rules/connector-file-unsafe.ts';
import connectorIdUnsafe from './rules/connector-id-unsafe.ts';
import connectorInternalError from './rules/connector-internal-error.ts';
import importRefRefused from './rules/import-ref-refused.ts';
import mdxLinkScheme from './rules/mdx-link-scheme.ts';
import operationIdUnsafe from './rules/operation-id-unsafe.ts';
import sourceLimit from './rules/source-limit.ts';

/** Rules that check the compiled output (they have a `check`). */
const checkRules: Rule[] = [
  connectorOperationLimit,
  connectorSizeLimit,
  operationIdRequired,
  operationIdUnique,
  operationIdUnsafe,
  parameterFormDataConsumes,
  pathParameterDeclared,
  pathParameterRequired,
  pathParameterUnused,
  policyOperationExists,
  policyTemplateParameters,
  refTargetExists,
  swaggerSchema,
  triggerKindUnclear,
  triggerWebhookCallback,
  triggerWebhookNotificationContent,
  triggerWebhookUnsubscribe,
  xMsDynamicOperationExists,
  xMsPosition,
  xMsValue,
];

// ── Compiler-reported rules (no `check`; the compiler reports them itself) ─────────────────────
// Add them here; the list below is merged and sorted by id.
const compilerRules: Rule[] = [
  connectorAssetType,
  connectorFileUnsafe,
  connectorIdUnsafe,
  connectorInternalError,
  mdxLinkScheme,
  sourceLimit,
  connectorDuplicateKey,
  connectorFileMissing,
  frontmatterUnknownKey,
  frontmatterValue,
  frontmatterYaml,
  mdxElement,
  mdxEsm,
  mdxExpression,
  mdxSyntax,
  mdxUrl,
  operationRequest,
  operationRouteDuplicate,
];

// Importer-reported rules (area `import`): their examples are source files run through importSource.
const importRules: Rule[] = [
  importRefRefused,
  importApproximated,
  importDropped,
  importJsonDuplicateKey,
  importJsonInvalid,
  importJsonLenient,
  importNotCarried,
  importNotLossless,
  importOperationVerbatim,
  importReadmeMissing,
  importSourceInvalid,
  importUnsupportedAuth,
];
// ───────────────────────────────────────────────────────────────────────────────────────────────

export const rules: Rule[] = [...checkRules, ...compilerRules, ...importRules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const byId = new Map(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

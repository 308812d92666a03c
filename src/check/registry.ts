/**
 * Every rule, one line each, sorted by id. Ids are permanent public API: never rename one, deprecate
 * it instead. Adding a rule is its file in rules/ plus its line here (then `npm run rules-docs`
 * regenerates src/core/rule-ids.ts and the rule reference). test/check/registry.test.ts checks the
 * order, the ids, the docs and the examples.
 */
import type { Rule } from './define-rule.ts';

export const rules: readonly Rule[] = (
  await Promise.all([
    import('./rules/connector-asset-type.ts'),
    import('./rules/connector-duplicate-key.ts'),
    import('./rules/connector-file-missing.ts'),
    import('./rules/connector-file-unsafe.ts'),
    import('./rules/connector-id-unsafe.ts'),
    import('./rules/connector-internal-error.ts'),
    import('./rules/connector-operation-limit.ts'),
    import('./rules/connector-properties-recovered.ts'),
    import('./rules/connector-size-limit.ts'),
    import('./rules/export-approximated.ts'),
    import('./rules/export-dropped.ts'),
    import('./rules/export-header-ignored.ts'),
    import('./rules/frontmatter-unknown-key.ts'),
    import('./rules/frontmatter-value.ts'),
    import('./rules/frontmatter-yaml.ts'),
    import('./rules/import-approximated.ts'),
    import('./rules/import-dropped.ts'),
    import('./rules/import-json-duplicate-key.ts'),
    import('./rules/import-json-invalid.ts'),
    import('./rules/import-json-lenient.ts'),
    import('./rules/import-not-carried.ts'),
    import('./rules/import-not-lossless.ts'),
    import('./rules/import-operation-verbatim.ts'),
    import('./rules/import-readme-missing.ts'),
    import('./rules/import-ref-refused.ts'),
    import('./rules/import-source-invalid.ts'),
    import('./rules/import-unsupported-auth.ts'),
    import('./rules/mdx-element.ts'),
    import('./rules/mdx-esm.ts'),
    import('./rules/mdx-expression.ts'),
    import('./rules/mdx-link-scheme.ts'),
    import('./rules/mdx-syntax.ts'),
    import('./rules/mdx-url.ts'),
    import('./rules/operation-id-required.ts'),
    import('./rules/operation-id-unique.ts'),
    import('./rules/operation-id-unsafe.ts'),
    import('./rules/operation-request.ts'),
    import('./rules/operation-route-duplicate.ts'),
    import('./rules/parameter-form-data-consumes.ts'),
    import('./rules/path-parameter-declared.ts'),
    import('./rules/path-parameter-required.ts'),
    import('./rules/path-parameter-unused.ts'),
    import('./rules/policy-operation-exists.ts'),
    import('./rules/policy-template-parameters.ts'),
    import('./rules/ref-target-exists.ts'),
    import('./rules/source-limit.ts'),
    import('./rules/swagger-schema.ts'),
    import('./rules/trigger-kind-unclear.ts'),
    import('./rules/trigger-webhook-callback.ts'),
    import('./rules/trigger-webhook-notification-content.ts'),
    import('./rules/trigger-webhook-unsubscribe.ts'),
    import('./rules/x-ms-dynamic-operation-exists.ts'),
    import('./rules/x-ms-position.ts'),
    import('./rules/x-ms-value.ts'),
  ])
).map((module) => module.default);

const byId = new Map<string, Rule>(rules.map((rule) => [rule.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

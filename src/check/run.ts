/**
 * Runs every rule that has a `check` over the compiled documents, and stamps each report with the
 * rule's id and severity. Rules run in registry (id) order and report in their own walk order, so
 * the output is deterministic. The compiler maps pointers to source positions afterwards.
 */
import type { ApiProperties, Swagger } from '../compiler/types.ts';
import type { Report, Rule } from './define-rule.ts';
import { rules as allRules } from './registry.ts';

export type Finding = Report & { ruleId: string; severity: 'error' | 'warning' | 'info' };

export function runChecks(swagger: Swagger, apiProperties: ApiProperties, rules: readonly Rule[] = allRules): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!rule.check) continue;
    const { id: ruleId, severity } = rule;
    try {
      rule.check({
        swagger,
        apiProperties,
        report: (report) => findings.push({ ...report, ruleId, severity }),
      });
    } catch (error) {
      throw new Error(`Rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return findings;
}

/**
 * A rule is one concern in one file: id, docs, examples (which are both its tests and its docs)
 * and, for checks over the compiled output, a `check` that only walks and reports.
 * Severity, docs URL and positions are stamped on centrally, never by the rule.
 */
import type { ApiProperties, Swagger } from '../compiler/types.ts';

export type Area = 'connector' | 'info' | 'auth' | 'operation' | 'parameter' | 'schema' | 'trigger' | 'policy' | 'x-ms' | 'frontmatter' | 'import';

/** A whole connector folder in memory: relative path → file text. Must include `connector.mdx`. */
export type ExampleFiles = Record<string, string>;

export interface NotOkExample {
  files: ExampleFiles;
  /** Expected `String(diagnostic)` of this rule's findings, in order, like `actions/Get.mdx:4:3-4:10: Unexpected …`. */
  output: string[];
}

export interface Report {
  message: string;
  /** JSON pointer into the compiled document, like `/paths/~1items/get/operationId`. */
  at: string;
  /** Which compiled document `at` points into. Default `swagger`. */
  doc?: 'swagger' | 'apiProperties';
  /** Point at the key rather than the value. */
  onKey?: boolean;
  note?: string;
  /** A second place that explains this one, e.g. the first of two duplicates. */
  cause?: { message: string; at: string; doc?: 'swagger' | 'apiProperties' };
  /** Values that tell two findings at one pointer apart (for fingerprints). */
  args?: string[];
}

export interface CheckContext {
  readonly swagger: Swagger;
  readonly apiProperties: ApiProperties;
  report(report: Report): void;
}

export interface Rule {
  /** Permanent kebab-case id starting with the object it concerns. Never renamed. */
  id: string;
  area: Area;
  /** Default severity; presets may override. */
  severity: 'error' | 'warning' | 'info';
  /** One line: what it checks. */
  description: string;
  /** Why it matters on the Power Platform. */
  rationale: string;
  examples: { ok: ExampleFiles[]; notOk: NotOkExample[] };
  /** Absent for findings the compiler itself reports (YAML, front-matter shape, files). */
  check?: (context: CheckContext) => void;
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`Rule id must be kebab-case: ${rule.id}`);
  return rule;
}

export const RULES_DOCS_BASE = 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md';

export function ruleUrl(id: string): string {
  return `${RULES_DOCS_BASE}#${id}`;
}

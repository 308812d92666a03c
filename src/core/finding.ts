/**
 * What any part of plugboard found, before it is a diagnostic: the rule, the words, the place, and
 * the `args` that tell two findings of one rule at one place apart. A `Reporter` turns a finding into
 * a `Diagnostic`, stamping the severity (from the active preset, else the rule's default), the docs
 * URL and the fingerprint. The compiler gets its reporter injected (CompileOptions), so it never
 * imports the rules; src/check/reporter.ts is the one implementation.
 */
import type { Cause, Diagnostic, Place } from './diagnostic.ts';
import type { RuleId } from './rule-ids.ts';

export interface Finding {
  ruleId: RuleId;
  message: string;
  file: string;
  /** JSON pointer into the file's front-matter (MDX) or document (JSON/YAML). `''` is the whole file. */
  pointer?: string;
  place?: Place;
  note?: string;
  cause?: Cause;
  /** Where a pointer should land on the key rather than its value (unknown keys, duplicates). */
  onKey?: boolean;
  /**
   * Values that tell two findings of this rule at this pointer apart, never the wording: the
   * fingerprint is rule id + file + pointer + args, so rewording a message keeps it. `[]` when the
   * rule reports at most once per pointer.
   */
  args: readonly string[];
  /** Which part of plugboard found it. */
  source?: string;
}

/** Makes the diagnostic of a finding; `undefined` when the active preset turns its rule off. */
export type Reporter = (finding: Finding) => Diagnostic | undefined;

/** Reports `finding` into `diagnostics` (nothing when its rule is off). */
export function reportInto(diagnostics: Diagnostic[], report: Reporter, finding: Finding): void {
  const diagnostic = report(finding);
  if (diagnostic) diagnostics.push(diagnostic);
}

/**
 * The one reporter: every diagnostic of plugboard (compiler, checks, importers, site, CLI) is made
 * here from a `Finding` (src/core/finding.ts). It looks the rule up (src/core/rule-ids.ts, generated
 * from the registry) and stamps its severity from the active preset (presets.ts), else the rule's
 * default, its docs URL, and the fingerprint (rule id + file + pointer + args, src/core/diagnostic.ts).
 * Rules, passes and importers say what and where; never how severe.
 */
import { Diagnostic, type Severity } from '../core/diagnostic.ts';
import type { Finding, Reporter } from '../core/finding.ts';
import { RULE_DEFAULTS } from '../core/rule-ids.ts';
import { ruleUrl } from './define-rule.ts';
import type { Preset } from './presets.ts';

function stamp(finding: Finding, severity: Severity): Diagnostic {
  return new Diagnostic({ ...finding, severity, url: ruleUrl(finding.ruleId) });
}

/** A reporter for `preset`: a rule the preset turns `off` reports nothing. */
export function createReporter(preset: Preset): Reporter {
  return (finding) => {
    const level = preset[finding.ruleId] ?? RULE_DEFAULTS[finding.ruleId];
    return level === 'off' ? undefined : stamp(finding, level);
  };
}

/** The reporter of the defaults (the `recommended` preset), which turns nothing off. */
export function report(finding: Finding): Diagnostic {
  return stamp(finding, RULE_DEFAULTS[finding.ruleId]);
}

/**
 * SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads and most review tools read: one run
 * whose `tool.driver` lists every rule of the registry (so a rule that found nothing still has its
 * page, level and help), and one result per diagnostic.
 *
 * What GitHub reads (GitHub Docs, "SARIF support for code scanning" and "SARIF results exceed one or
 * more limits"): `ruleId`, `message.text`, one `physicalLocation` with `artifactLocation.uri` relative
 * to the repository root and a `region`; `partialFingerprints` to follow a result across runs (ours:
 * the diagnostic's fingerprint, rule id + file + pointer + args, stable while messages are reworded);
 * rules' `shortDescription`, `fullDescription`, `help`, `helpUri`, `defaultConfiguration.level` and
 * `properties.tags` (at most 20 per rule). A run may hold at most 25,000 results: past that, the
 * most severe are kept and a notification says how many were left out.
 *
 * Columns are UTF-16 code units (`columnKind`), as plugboard counts them; a region's end column is the
 * column after its last character, as in SARIF. Pure and deterministic: no timestamps, no absolute
 * paths (a file outside the repository keeps its `file://` URI), results sorted by file, line,
 * column and rule.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity } from '../../core/diagnostic.ts';
import { RULES_DOCS_BASE, ruleUrl } from '../../check/define-rule.ts';
import { ordered, repositoryPath, span, truncate, type FormatContext, type RuleInfo } from './context.ts';

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub's hard limit of results per run. */
export const MAX_RESULTS = 25_000;
/** SARIF has no limit; GitHub shows a message, not a book. */
const MAX_MESSAGE = 8000;

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = RULES_DOCS_BASE.replace(/\/blob\/.*$/, '');

/** `operation-id-unique` → `OperationIdUnique`: SARIF's `name` is an identifier for people. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, ch: string) => ch.toUpperCase());
}

function descriptor(rule: RuleInfo, ctx: FormatContext) {
  const level = ctx.preset?.[rule.id] ?? rule.severity;
  const codes = rule.platformCodes?.length ? `\n\nSwagger Validator codes: ${rule.platformCodes.join(', ')}.` : '';
  const codesMd = rule.platformCodes?.length ? `\n\nSwagger Validator codes: ${rule.platformCodes.map((c) => `\`${c}\``).join(', ')}.` : '';
  const url = ruleUrl(rule.id);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} ${rule.rationale}`.trim() },
    help: {
      text: `${rule.rationale}${codes}\n\nDocumentation: ${url}`,
      markdown: `${rule.rationale}${codesMd}\n\n[Documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: level === 'off' ? { enabled: false, level: 'none' as Level } : { level: LEVEL[level] },
    properties: { tags: [rule.area] },
  };
}

/** A rule the registry given does not hold (or no registry given): what its diagnostics tell of it. */
function bareDescriptor(d: Diagnostic) {
  return {
    id: d.ruleId,
    name: ruleName(d.ruleId),
    shortDescription: { text: d.ruleId },
    helpUri: d.url,
    defaultConfiguration: { level: LEVEL[d.severity] },
  };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: string, ctx: FormatContext) {
  const inRepo = repositoryPath(file, ctx);
  if (inRepo !== undefined) return { uri: encodePath(inRepo), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(isAbsolute(file) || ctx.cwd === undefined ? file : resolve(ctx.cwd, file)).href };
}

function region(place: Diagnostic['place'] | undefined) {
  const p = span(place);
  if (!p) return { startLine: 1, startColumn: 1 };
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

/**
 * A plain-text SARIF message: `[text](target)` in one is an embedded link (SARIF 2.1.0 §3.11.6),
 * so brackets and backslashes of the message itself are escaped with a backslash.
 */
function messageText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&');
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sarif(diagnostics: readonly Diagnostic[], ctx: FormatContext): string {
  const all = ordered(diagnostics);
  // Over GitHub's limit, keep the most severe (in report order within a severity).
  const kept = all.length <= MAX_RESULTS
    ? all
    : new Set([...all].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, MAX_RESULTS));
  const shown = kept instanceof Set ? all.filter((d) => kept.has(d)) : all;

  const known = new Map((ctx.rules ?? []).map((r) => [r.id as string, r]));
  const rules: ReturnType<typeof descriptor | typeof bareDescriptor>[] = [...known.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => descriptor(r, ctx));
  const index = new Map(rules.map((r, i) => [r.id as string, i]));
  for (const d of shown) {
    if (index.has(d.ruleId)) continue;
    index.set(d.ruleId, rules.length);
    rules.push(bareDescriptor(d));
  }

  const results = shown.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: index.get(d.ruleId)!,
    level: LEVEL[d.severity],
    message: { text: messageText(truncate(d.note ? `${d.message}\n\n${d.note}` : d.message, MAX_MESSAGE)) || d.ruleId },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(d.file, ctx), region: region(d.place) } }],
    ...(d.cause
      ? {
          relatedLocations: [
            {
              id: 1,
              message: { text: messageText(truncate(d.cause.message, MAX_MESSAGE)) || 'related' },
              physicalLocation: { artifactLocation: artifactLocation(d.cause.file, ctx), region: region(d.cause.place) },
            },
          ],
        }
      : {}),
    partialFingerprints: { 'plugboard/v1': d.fingerprint },
    ...(d.pointer ? { properties: { pointer: d.pointer } } : {}),
  }));

  const left = all.length - shown.length;
  const run = {
    tool: {
      driver: {
        name: 'plugboard',
        ...(ctx.version ? { version: ctx.version, semanticVersion: ctx.version } : {}),
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    ...(left > 0
      ? {
          invocations: [
            {
              executionSuccessful: true,
              toolExecutionNotifications: [
                { level: 'warning', message: { text: `${left} of ${all.length} results were left out (GitHub accepts at most ${MAX_RESULTS} per run); the least severe go first.` } },
              ],
            },
          ],
        }
      : {}),
    columnKind: 'utf16CodeUnits',
    results,
  };
  return JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2) + '\n';
}

/**
 * A rule is one concern in one file: id, docs, examples (which are both its tests and its docs)
 * and, for checks over the compiled output, a `check` that only walks and reports.
 * Severity, docs URL and positions are stamped on centrally, never by the rule.
 */
import type { CheckReport, CompiledConnector } from '../compiler/index.ts';
import type { Severity } from '../core/diagnostic.ts';
import type { RuleId } from '../core/rule-ids.ts';
import type { PlatformCodeName } from './platform-codes.ts';

export type Area = 'connector' | 'info' | 'auth' | 'operation' | 'parameter' | 'schema' | 'trigger' | 'policy' | 'x-ms' | 'frontmatter' | 'import' | 'export' | 'diff' | 'config' | 'live';

/**
 * An entry of an example folder that text cannot stand for: a symbolic link to `symlink` (to a file
 * or a folder, inside or outside the example), a FIFO, or a regular file of `size` zero bytes (to
 * show a size limit). Such examples are written to a temporary folder and read with
 * `loadConnector`, the way a pull request's folder is.
 */
export type SpecialEntry = { symlink: string } | { fifo: true } | { size: number };

/** A whole connector folder: relative path → file text (or a special entry). Must include `connector.mdx`. */
export type ExampleFiles = Record<string, string | SpecialEntry>;

export function isSpecialEntry(entry: string | SpecialEntry | undefined): entry is SpecialEntry {
  return typeof entry === 'object' && entry !== null;
}

/** How a special entry reads in the rule reference: `a symbolic link to \`/etc/passwd\``. */
export function describeSpecialEntry(entry: SpecialEntry): string {
  if ('symlink' in entry) return `a symbolic link to \`${entry.symlink}\``;
  return 'fifo' in entry ? 'a FIFO (named pipe)' : `a file of ${entry.size.toLocaleString('en-US')} bytes`;
}

export interface NotOkExample {
  /** The connector folder name the example is compiled under; default `example`. */
  id?: string;
  files: ExampleFiles;
  /** Expected `String(diagnostic)` of this rule's findings, in order, like `actions/Get.mdx:4:3-4:10: Unexpected …`. */
  output: string[];
}

/**
 * What a rule sees: the compiled swagger and apiProperties, and the connector's source files (with
 * their parsed front-matter), its readme and its assets, so a rule about the readme, the icon or
 * `script.csx` is a rule file like any other.
 */
export interface CheckContext extends CompiledConnector {
  report(report: CheckReport): void;
}

/** A change between two revisions of a connector, as a diff rule reports it (src/diff). */
export interface DiffReport extends CheckReport {
  /** Which revision `at` points into: `head` (the default) or `base` (what was removed). */
  side?: 'base' | 'head';
}

/** What a diff rule sees: the connector compiled at the base revision and at the head. */
export interface DiffContext {
  base: CompiledConnector;
  head: CompiledConnector;
  /**
   * The version bump the changes reported by the other rules need (the version rule runs last):
   * `major` for a breaking change (an error rule), `minor` for an addition or a warning, else none.
   */
  bump: 'major' | 'minor' | undefined;
  report(report: DiffReport): void;
}

/** A diff rule's example: the connector folder at the base revision and at the head. */
export interface DiffPair {
  base: ExampleFiles;
  head: ExampleFiles;
}

export interface DiffNotOkExample extends DiffPair {
  /** Expected `String(diagnostic)` of this rule's findings, placed in the head's files, or in the base's for what was removed. */
  output: string[];
}

/**
 * One HTTP exchange of `plugboard test` (src/live), as a live rule sees it and as its examples record
 * it: the operation called, and the response received or the transport failure instead.
 */
export interface LiveExchange {
  operationId: string;
  /** `GET https://api.contoso.com/items` as sent, credentials redacted. */
  request?: { method: string; url: string; headers?: Record<string, string> };
  status?: number;
  /** Response headers, lower-case names. */
  headers?: Record<string, string>;
  body?: string;
  /** A transport failure instead of a (complete) response: `timeout`, `reset`, `too-large`, `redirect`, `skipped`… and what happened. */
  failure?: { kind: string; message: string };
  /** Paging (`x-ms-pageable`): the page this response is (1-based), and whether a next link was left unfollowed at the limit. */
  page?: number;
  nextLinkLeft?: boolean;
}

/** What a live rule sees: the compiled connector and one exchange with the API. */
export interface LiveContext extends CompiledConnector {
  exchange: LiveExchange;
  report(report: CheckReport): void;
}

/** A live rule's example: a connector folder and a recorded exchange with its API. */
export interface LiveExample {
  files: ExampleFiles;
  exchange: LiveExchange;
}

export interface LiveNotOkExample extends LiveExample {
  /** Expected `String(diagnostic)` of this rule's findings for the exchange, placed in the folder's files. */
  output: string[];
}

export interface Rule {
  /** Permanent kebab-case id starting with the object it concerns. Never renamed. */
  id: RuleId;
  area: Area;
  /** Default severity (the `recommended` preset); other presets may override it (src/check/presets.ts). */
  severity: Severity;
  /** One line: what it checks. */
  description: string;
  /** Why it matters on the Power Platform. */
  rationale: string;
  /**
   * The platform's Swagger Validator codes this rule stands for (src/check/platform-codes.ts), so a
   * maintainer who got `OperationIdNotUnique` from the online service finds the rule that says it.
   */
  platformCodes?: readonly PlatformCodeName[];
  examples: { ok: ExampleFiles[]; notOk: NotOkExample[] };
  /**
   * `runner`: reported by the command running plugboard when handling a connector fails, never by a
   * source; such a rule has no not-ok example to compile, and its test injects the failure
   * (test/hostile/crash.test.ts).
   */
  reportedBy?: 'runner';
  /** Absent for findings the compiler itself reports (YAML, front-matter shape, files). */
  check?: (context: CheckContext) => void;
  /**
   * Area `diff` only: compares two revisions (src/diff). Its examples are pairs of folders in
   * `diffExamples`; `examples` holds the folders of those pairs, each of which checks clean.
   */
  diff?: (context: DiffContext) => void;
  diffExamples?: { ok: DiffPair[]; notOk: DiffNotOkExample[] };
  /**
   * Area `live` only: checks one exchange of `plugboard test` with the live API (src/live). Its
   * examples are folders with a recorded exchange in `liveExamples`; `examples.ok` holds folders that check clean.
   */
  live?: (context: LiveContext) => void;
  liveExamples?: { ok: LiveExample[]; notOk: LiveNotOkExample[] };
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(rule.id)) throw new Error(`Rule id must be kebab-case: ${rule.id}`);
  return rule;
}

export const RULES_DOCS_BASE = 'https://github.com/plugboard/plugboard/blob/main/src/check/README.md';

export function ruleUrl(id: string): string {
  return `${RULES_DOCS_BASE}#${id}`;
}

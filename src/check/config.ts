/**
 * The repository configuration of `check` and `build`: which preset, which severity per rule, and
 * both per connector (`overrides`). Found from the working directory upward to the repository root
 * (the folder holding `.git`), or named with `--config`; the schema, documented per field, is
 * src/model/config.ts.
 *
 * Data only, on purpose: `plugboard.config.json` (JSON with comments), `.yaml`/`.yml`, or the
 * `"plugboard"` key of package.json. A `plugboard.config.js`/`.mjs`/`.ts` is refused, never
 * imported: a config arrives in a pull request from anyone, and loading a JavaScript one would run
 * its code on the reviewer's machine and in CI.
 *
 * What the config resolves to is a plain `Preset` per connector (levelsFor), which crosses worker
 * threads inside the connector's job and is part of the cache key (src/build). A bad config never
 * half-applies: ConfigError carries `config-invalid` diagnostics placed in the file, and the
 * command stops with exit 2 before checking anything.
 */
import { lstatSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseJsonc, visit as visitJson, type ParseError } from 'jsonc-parser';
import { describeJsonError } from '../compiler/load.ts';
import type { z } from 'zod';
import type { Diagnostic, Place } from '../core/diagnostic.ts';
import { tooDeepOffset } from '../core/bounded.ts';
import { toPointer } from '../core/pointer.ts';
import { placeOf } from '../core/position.ts';
import { RULE_DEFAULTS, type RuleId } from '../core/rule-ids.ts';
import { isSkipped, readRegularText } from '../core/safe-fs.ts';
import { SourceFile } from '../core/source-file.ts';
import { loadYaml } from '../core/yaml.ts';
import { Config, CONFIG_RULE_IDS, PRESET_NAMES, type ConfigData } from '../model/config.ts';
import { suggest } from '../model/open-object.ts';
import { presets, type Level, type Preset, type PresetName } from './presets.ts';
import { report } from './reporter.ts';

/** Data config files, in the order they are looked for in each folder. */
export const CONFIG_FILES = ['plugboard.config.json', 'plugboard.config.yaml', 'plugboard.config.yml'] as const;
/** Config files that would be code: found, they are refused (exit 2), never loaded. */
export const CODE_CONFIG_FILES = ['plugboard.config.js', 'plugboard.config.mjs', 'plugboard.config.cjs', 'plugboard.config.ts', 'plugboard.config.mts', 'plugboard.config.cts'] as const;
/** A config file larger than this is refused (a real one is a few hundred bytes). */
export const MAX_CONFIG_BYTES = 1_000_000;
/** Nesting a config file may have (its schema needs 5 levels; a package.json may need more). */
const MAX_DEPTH = 64;
/** The characters all override globs may have together (alternatives written out; plain ids do not count). */
export const MAX_PATTERN_CHARS = 5_000;
/** At most this many problems are listed for one config file. */
const MAX_PROBLEMS = 20;

export interface ConfigOverride {
  patterns: readonly string[];
  preset: PresetName | undefined;
  rules: Preset;
}

/** A loaded, valid config. */
export interface LoadedConfig {
  /** The file as shown in messages (relative to the working directory). */
  file: string;
  /** The folder it is in (absolute): override paths and `connectors` are relative to it. */
  dir: string;
  preset: PresetName | undefined;
  rules: Preset;
  overrides: readonly ConfigOverride[];
  /** `connectors`, absolute. */
  connectors: string | undefined;
}

/** A config that cannot be used: its problems as `config-invalid` diagnostics, placed in the file. */
export class ConfigError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(String).join('\n'));
    this.name = 'ConfigError';
    this.diagnostics = diagnostics;
  }
}

const START: Place = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

/** A `config-invalid` diagnostic, at `pointer` in `file` (or at `offset`, or at its start). */
function problem(file: SourceFile | string, message: string, at: { pointer?: string; offset?: number; onKey?: boolean } = {}): Diagnostic {
  const path = typeof file === 'string' ? file : file.path;
  let place: Place = START;
  if (typeof file !== 'string') {
    if (at.offset !== undefined) {
      const start = file.pointAt(Math.min(at.offset, file.text.length));
      place = { start, end: { ...start } };
    } else if (at.pointer !== undefined) {
      place = placeOf(file, at.pointer, at.onKey ?? false) ?? START;
    }
  }
  return report({ ruleId: 'config-invalid', message, file: path, pointer: at.pointer ?? '', place, args: [at.pointer ?? String(at.offset ?? '')], source: 'config' });
}

function isRegularFile(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

function exists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** `"plugboard"` in the package.json at `path`, read leniently (a package.json that is not JSON is npm's business). */
function packageKey(path: string): boolean {
  if (!isRegularFile(path)) return false;
  const text = readRegularText(path, MAX_CONFIG_BYTES);
  if (isSkipped(text)) return false;
  try {
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'plugboard');
  } catch {
    return false;
  }
}

/**
 * The config that applies in `start` (absolute): the first folder from `start` upward holding one,
 * stopping at the repository root (a folder with `.git`) or the file system root. Undefined when
 * there is none. Throws ConfigError for a JavaScript config, or for two configs in one folder.
 */
export function findConfig(start: string, show: (path: string) => string = (p) => p): string | undefined {
  let dir = resolve(start);
  for (let depth = 0; depth < 256; depth++) {
    const code = CODE_CONFIG_FILES.map((name) => join(dir, name)).find(exists);
    if (code !== undefined) {
      throw new ConfigError([problem(show(code), `\`${basename(code)}\` is not loaded: a configuration in JavaScript would run its code (from any pull request); write it as plugboard.config.json`)]);
    }
    const found: string[] = CONFIG_FILES.map((name) => join(dir, name)).filter(exists);
    const pkg = join(dir, 'package.json');
    if (packageKey(pkg)) found.push(pkg);
    if (found.length > 1) {
      throw new ConfigError([problem(show(found[1]!), `Two configurations in one folder: \`${basename(found[0]!)}\` and \`${basename(found[1]!)}\`${found[1] === pkg ? ' (its "plugboard" key)' : ''}; keep one`)]);
    }
    if (found.length === 1) return found[0];
    if (exists(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Own keys named `__proto__`, `constructor` or `prototype` anywhere in `data`: never config keys, and unsafe to copy. */
function unsafeKey(data: unknown): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: data, path: [] }];
  let budget = 200_000;
  while (stack.length && budget-- > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) return [...path, key];
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value === 'string' ? `\`${value.slice(0, 60)}\`` : `\`${String(value)}\``;

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = data;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** One zod issue as a message (with "did you mean" for rule ids and keys) and where it points. */
function issueProblems(file: SourceFile, prefix: Array<string | number>, data: unknown, issue: z.core.$ZodIssue): Diagnostic[] {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  const pointer = (extra: Array<string | number> = []) => toPointer([...prefix, ...path, ...extra].map(String));
  if (issue.code === 'unrecognized_keys') {
    const inRules = path.at(-1) === 'rules';
    const known = inRules ? (CONFIG_RULE_IDS as readonly string[]) : path.length === 0 ? Object.keys(Config.shape) : ['connectors', 'preset', 'rules'];
    return issue.keys.map((key) => {
      const match = suggest(key, known);
      const what = inRules ? 'rule' : 'key';
      return problem(file, `Unknown ${what} \`${key}\`${match ? `, did you mean \`${match}\`?` : `, expected one of ${inRules ? 'the ids `plugboard rules` lists' : known.map((k) => `\`${k}\``).join(', ')}`}`, { pointer: pointer([key]), onKey: true });
    });
  }
  const value = valueAt(data, path);
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map(String);
    // `warn` is short for `warning`: a prefix is a match too.
    const match = typeof value === 'string' ? (suggest(value, allowed) ?? (value.length >= 3 ? allowed.find((v) => v.startsWith(value)) : undefined)) : undefined;
    return [problem(file, `Unexpected ${describe(value)}, expected ${allowed.map((v) => `\`${v}\``).join(', ').replace(/, ([^,]+)$/, ' or $1')}${match ? `; did you mean \`${match}\`?` : ''}`, { pointer: pointer() })];
  }
  if (issue.code === 'invalid_type') {
    return [problem(file, `Unexpected ${value === undefined ? 'nothing' : describe(value)}, expected ${issue.expected === 'record' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`, { pointer: pointer() })];
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const what = issue.origin === 'array' ? 'items' : 'characters';
    const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
    return [problem(file, `Expected ${bound} ${what}`, { pointer: pointer() })];
  }
  return [problem(file, issue.message, { pointer: pointer() })];
}

/** Parses the text of a config file: the data, or the problem at an offset. */
function parseText(file: SourceFile): { data: unknown } | Diagnostic {
  const deep = tooDeepOffset(file.text, MAX_DEPTH);
  if (deep !== undefined) return problem(file, `Nesting deeper than ${MAX_DEPTH} levels; a configuration needs 5`, { offset: deep });
  if (file.kind === 'json') {
    const errors: ParseError[] = [];
    const data = parseJsonc(file.text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true, disallowComments: false });
    const error = errors[0];
    if (error) return problem(file, `Not JSON: ${describeJsonError(error)}`, { offset: error.offset });
    // The parser assigns keys, so a `__proto__` key would replace an object's prototype and vanish
    // from the data: found in the text instead (the depth is bounded above, so the visit is safe).
    let unsafe: { key: string; offset: number } | undefined;
    visitJson(file.text.replace(/^\uFEFF/, ' '), {
      onObjectProperty: (key, offset) => {
        if (!unsafe && UNSAFE_KEYS.has(key)) unsafe = { key, offset };
      },
    });
    if (unsafe) return problem(file, `Unexpected key \`${unsafe.key}\`: not a configuration key, and never copied`, { offset: unsafe.offset });
    return { data };
  }
  const loaded = loadYaml(file.text);
  if (!loaded.ok) {
    const p = loaded.problem;
    return problem(file, `Not YAML: ${p.message}`, 'offset' in p && p.offset !== undefined ? { offset: p.offset } : {});
  }
  return { data: loaded.data };
}

/** Validates parsed config data; `prefix` is where the config sits in the file (`plugboard` in package.json). */
function validate(file: SourceFile, data: unknown, prefix: Array<string | number>, baseDir: string): LoadedConfig {
  const unsafe = unsafeKey(data);
  if (unsafe) throw new ConfigError([problem(file, `Unexpected key \`${String(unsafe.at(-1))}\`: not a configuration key, and never copied`, { pointer: toPointer([...prefix, ...unsafe].map(String)), onKey: true })]);
  const parsed = Config.safeParse(data);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.flatMap((issue) => issueProblems(file, prefix, data, issue)).slice(0, MAX_PROBLEMS);
    throw new ConfigError(diagnostics);
  }
  const config: ConfigData = parsed.data;
  // Matching costs pattern length × name length per connector: the total is bounded, so that no
  // config can make a run over a thousand connectors slow.
  let total = 0;
  for (const [i, o] of (config.overrides ?? []).entries()) {
    for (const [j, pattern] of o.connectors.entries()) {
      // An id without wildcards is compared as it is, at no cost worth counting.
      if (isGlob(pattern)) total += expandBraces(pattern).reduce((n, p) => n + p.length, 0);
      if (total > MAX_PATTERN_CHARS) {
        throw new ConfigError([problem(file, `The override globs are longer than ${MAX_PATTERN_CHARS.toLocaleString('en-US')} characters in all ({a,b} alternatives written out), the limit; plain connector ids do not count`, { pointer: toPointer([...prefix, 'overrides', i, 'connectors', j].map(String)) })]);
      }
    }
  }
  return {
    file: file.path,
    dir: baseDir,
    preset: config.preset,
    rules: levels(config.rules),
    overrides: (config.overrides ?? []).map((o) => ({ patterns: o.connectors, preset: o.preset, rules: levels(o.rules) })),
    connectors: config.connectors === undefined ? undefined : resolve(baseDir, config.connectors),
  };
}

/** A rules map as a prototype-free Preset (only known ids survive validation). */
function levels(rules: Partial<Record<RuleId, Level>> | undefined): Preset {
  const out: Partial<Record<RuleId, Level>> = {};
  if (rules) for (const id of Object.keys(rules) as RuleId[]) if (Object.hasOwn(RULE_DEFAULTS, id)) out[id] = rules[id]!;
  return out;
}

/**
 * Loads the config at `path` (a config file, or a package.json whose `"plugboard"` key is the
 * config). `show` makes the path shown in diagnostics. Throws ConfigError when it cannot be used.
 */
export function loadConfig(path: string, show: (path: string) => string = (p) => p): LoadedConfig {
  const full = resolve(path);
  const shown = show(full);
  const text = readRegularText(full, MAX_CONFIG_BYTES);
  if (isSkipped(text)) throw new ConfigError([problem(shown, `Cannot read the configuration: it ${text.detail}`)]);
  const isPackage = basename(full) === 'package.json';
  const file = new SourceFile(shown, text, /\.ya?ml$/i.test(full) ? 'yaml' : 'json');
  const parsed = parseText(file);
  if (!('data' in parsed)) throw new ConfigError([parsed]);
  let data = parsed.data;
  const prefix: string[] = [];
  if (isPackage) {
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.hasOwn(data, 'plugboard')) throw new ConfigError([problem(file, 'Expected a `"plugboard"` key holding the configuration', { pointer: '' })]);
    data = (data as Record<string, unknown>).plugboard;
    prefix.push('plugboard');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // An empty YAML file is no configuration at all: every default.
    if (data === null || data === undefined) data = {};
    else throw new ConfigError([problem(file, `Unexpected ${describe(data)}, expected an object like { "preset": "recommended", "rules": {} }`, { pointer: toPointer(prefix) })]);
  }
  return validate(file, data, prefix, dirname(full));
}

// ---- Globs over connector ids and folder paths.

/** A glob with `{a,b}` alternatives expanded (not nested; at most 16 alternatives). */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open === -1 ? -1 : pattern.indexOf('}', open);
  if (open === -1 || close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tail = expandBraces(pattern.slice(close + 1));
  const out: string[] = [];
  for (const alt of pattern.slice(open + 1, close).split(',')) for (const t of tail) if (out.length < 16) out.push(head + alt + t);
  return out;
}

type GlobToken = { kind: 'char'; char: string } | { kind: 'one' } | { kind: 'star' } | { kind: 'globstar' };

function tokens(glob: string): GlobToken[] {
  const out: GlobToken[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out.push({ kind: 'globstar' });
      i++;
      // `**/` also matches no folder at all.
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out.push({ kind: 'star' });
    else if (c === '?') out.push({ kind: 'one' });
    else out.push({ kind: 'char', char: c });
  }
  return out;
}

/**
 * Does `text` match `glob`? `*` and `?` never match `/`, `**` matches anything. A table of
 * pattern × text positions (O(n·m), no backtracking), so no pattern can make it slow.
 */
export function globMatch(glob: string, text: string): boolean {
  if (!isGlob(glob)) return glob === text;
  const m = text.length;
  let row = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  return expandBraces(glob).some((g) => {
    row.fill(0);
    row[0] = 1;
    for (const token of tokens(g)) {
      next.fill(0);
      let any = 0;
      for (let j = 0; j <= m; j++) {
        if (token.kind === 'star' || token.kind === 'globstar') {
          next[j] = row[j] || (j > 0 && next[j - 1] && (token.kind === 'globstar' || text[j - 1] !== '/')) ? 1 : 0;
        } else if (j > 0 && row[j - 1]) {
          next[j] = (token.kind === 'one' ? text[j - 1] !== '/' : token.char === text[j - 1]) ? 1 : 0;
        }
        any |= next[j]!;
      }
      [row, next] = [next, row];
      // No prefix of the text matches this far: nothing after can.
      if (!any) return false;
    }
    return row[m] === 1;
  });
}

/** True when `pattern` has a wildcard or alternatives; otherwise it is compared as it is. */
export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

/** What an override pattern is matched against: the connector's id (its folder name) and its folder. */
export interface ConfigTarget {
  id: string;
  /** The connector folder, absolute. */
  dir: string;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** True when `pattern` names `target`: without `/`, its id; with one, its folder relative to the config. */
export function patternMatches(pattern: string, target: ConfigTarget, configDir: string): boolean {
  if (!pattern.includes('/')) return globMatch(pattern, target.id);
  const rel = toPosix(relative(configDir, target.dir));
  return globMatch(pattern.replace(/^\.\//, '').replace(/\/+$/, ''), rel);
}

/**
 * The levels one connector is checked with: its preset (the last matching override's, else
 * `--preset`, else the config's, else `recommended`), then the config's `rules`, then each
 * matching override's `rules` in order. Without a config and a flag: `recommended` itself.
 */
export function levelsFor(config: LoadedConfig | undefined, target: ConfigTarget, presetFlag?: PresetName): Preset {
  const matching = config ? config.overrides.filter((o) => o.patterns.some((p) => patternMatches(p, target, config.dir))) : [];
  const overridePreset = matching.map((o) => o.preset).filter((p) => p !== undefined).at(-1);
  const name = overridePreset ?? presetFlag ?? config?.preset ?? 'recommended';
  if (!config || (Object.keys(config.rules).length === 0 && matching.every((o) => Object.keys(o.rules).length === 0))) return presets[name];
  return Object.assign({}, presets[name], config.rules, ...matching.map((o) => o.rules)) as Preset;
}

/** `--preset`: one of the preset names, else a usage problem (the message). */
export function presetName(value: string): PresetName | string {
  if ((PRESET_NAMES as readonly string[]).includes(value)) return value as PresetName;
  const match = suggest(value, PRESET_NAMES);
  return `--preset takes ${PRESET_NAMES.join(' or ')}, not \`${value}\`${match ? `. Did you mean \`${match}\`?` : ''}`;
}

/**
 * The config of a run: `--config <file>` when given (it must exist), else the one found from
 * `cwd` upward; undefined when there is none. Throws ConfigError.
 */
export function resolveConfig(flag: string | undefined, cwd: string, show: (path: string) => string): LoadedConfig | undefined {
  if (flag !== undefined) {
    const full = resolve(cwd, flag);
    if (!exists(full)) throw new ConfigError([problem(show(full), 'No such configuration file (given with --config)')]);
    if (/\.[cm]?[jt]s$/i.test(full)) {
      throw new ConfigError([problem(show(full), `\`${basename(full)}\` is not loaded: a configuration in JavaScript would run its code; write it as JSON or YAML`)]);
    }
    return loadConfig(full, show);
  }
  const found = findConfig(cwd, show);
  return found === undefined ? undefined : loadConfig(found, show);
}

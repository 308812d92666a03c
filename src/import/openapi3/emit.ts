/**
 * Shared by the converters (OpenAPI 3, Postman): a fidelity report positioned in the source
 * file, and the last step that turns a converted Swagger 2.0 document + `auth` sugar into a
 * connector folder. That step goes through the Power Platform importer, so the written MDX
 * uses the same sugar and is proven to compile back to exactly the converted document.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { Reporter as MakeDiagnostic } from '../../core/finding.ts';
import { fromPointer, toPointer, type Path } from '../../core/pointer.ts';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Place } from '../../core/diagnostic.ts';
import { placeDiagnostics } from '../../core/position.ts';
import { SourceFile } from '../../core/source-file.ts';
import { recommended, strictImport } from '../../check/presets.ts';
import { createReporter } from '../../check/reporter.ts';
import { compileAuth } from '../../compiler/passes/auth.ts';
import { compilePolicy } from '../../compiler/passes/policy.ts';
import { importPowerPlatform } from '../powerplatform.ts';
import type { ImportResult } from '../types.ts';

type Obj = Record<string, unknown>;

export type ImportRuleId = 'import-approximated' | 'import-dropped' | 'import-unsupported-auth' | 'import-source-invalid' | 'import-ref-refused' | 'source-limit';

/** Collects what a conversion approximated or dropped, as diagnostics on the source file. */
export class Reporter {
  readonly file: SourceFile;
  /** Makes the diagnostics: `--strict` is the `strictImport` preset (src/check/presets.ts). */
  readonly diagnose: MakeDiagnostic;
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();

  constructor(file: SourceFile, strict = false) {
    this.file = file;
    this.diagnose = createReporter(strict ? strictImport : recommended);
  }

  private tree: JsonNode | undefined | null = null;

  /**
   * Place of a typed path in a JSON source (array indices as numbers, so nested arrays resolve):
   * the first line of the node, like the central placement does for whole documents.
   */
  placeJson(path: Path): Place | undefined {
    if (this.file.kind !== 'json') return undefined;
    if (this.tree === null) this.tree = parseTree(this.file.text.replace(/^\uFEFF/, ' '));
    if (!this.tree) return undefined;
    // The deepest node on the path that exists.
    let node = this.tree;
    for (const segment of path) {
      const next = this.childOf(node, segment);
      if (!next) break;
      node = next;
    }
    const start = this.file.pointAt(node.offset);
    const end = this.file.pointAt(node.offset + node.length);
    if (end.line === start.line) return { start, end };
    const lineEnd = this.file.text.indexOf('\n', node.offset);
    return { start, end: this.file.pointAt(lineEnd === -1 ? this.file.text.length : lineEnd) };
  }

  /** Property values by key, per object node: 100,000 reports on a 100,000-path document stay linear. */
  private properties = new WeakMap<JsonNode, Map<string, JsonNode>>();

  /** Like jsonc-parser's findNodeAtLocation for one segment (the first of duplicate keys wins), indexed. */
  private childOf(node: JsonNode, segment: string | number): JsonNode | undefined {
    if (typeof segment === 'number') return node.type === 'array' ? node.children?.[segment] : undefined;
    if (node.type !== 'object') return undefined;
    let byKey = this.properties.get(node);
    if (!byKey) {
      byKey = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value && property.children!.length === 2 && typeof key.value === 'string' && !byKey.has(key.value)) byKey.set(key.value, value);
      }
      this.properties.set(node, byKey);
    }
    return byKey.get(segment);
  }

  /** `args`: what kind of finding this is, and the names that tell two at one pointer apart (the fingerprint's, never the wording). */
  report(ruleId: ImportRuleId, message: string, path: Path, args: readonly string[]): void {
    const pointer = toPointer(path);
    const key = `${ruleId}\0${pointer}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const place = this.placeJson(path);
    const diagnostic = this.diagnose({ ...(place ? { place } : {}), ruleId, message, file: this.file.path, pointer, source: 'import', args });
    if (diagnostic) this.diagnostics.push(diagnostic);
  }
  approximated(message: string, path: Path, args: readonly string[]): void {
    this.report('import-approximated', message, path, args);
  }
  dropped(message: string, path: Path, args: readonly string[]): void {
    this.report('import-dropped', message, path, args);
  }
  unsupportedAuth(message: string, path: Path, args: readonly string[]): void {
    this.report('import-unsupported-auth', message, path, args);
  }
  invalid(message: string, path: Path, args: readonly string[]): void {
    this.report('import-source-invalid', message, path, args);
  }
  /** A `$ref` that leads out of the allowed folders, or to a file that is not read; `args` keep its fingerprint stable. */
  refused(message: string, path: Path, args: readonly string[]): void {
    this.report('import-ref-refused', message, path, args);
  }
  /** Beyond one of plugboard's limits (operations, bundled size): the import stops. */
  overLimit(message: string, path: Path, args: readonly string[]): void {
    this.report('source-limit', message, path, args);
  }
}

export const EMPTY_STATS = { operations: 0, actions: 0, triggers: 0, definitions: 0, rawOperations: 0 };

/** An import that produced nothing but its errors. */
export function failed(id: string, reporter: Reporter): ImportResult {
  const all = [...reporter.file.diagnostics, ...reporter.diagnostics];
  placeDiagnostics(all, new Map([[reporter.file.path, reporter.file]]));
  return { id, files: new Map(), diagnostics: all, stats: { ...EMPTY_STATS } };
}

export interface Converted {
  /** Swagger 2.0 without `securityDefinitions`/`security` (they come from `auth`). */
  swagger: Obj;
  /** The `auth` sugar; default `{ type: none }`. */
  auth?: Obj;
  /** Policy sugar (`template`, `parameters`…). */
  policies?: Obj[];
  /** connector.mdx body. */
  readme?: string;
  /** Swagger path prefix → source path, for diagnostics of the last step. Longest prefix wins. */
  sourceMap: Array<[Path, Path]>;
}

/** A converted source before it is written: what `importSources` splits. */
export interface Prepared {
  id: string;
  converted: Converted;
  reporter: Reporter;
}

/** The source map by prefix (the first entry of a prefix wins), built once per map. */
const sourceMapIndex = new WeakMap<Array<[Path, Path]>, Map<string, Path>>();
const prefixKey = (path: Path, length: number) => JSON.stringify(path.slice(0, length).map(String));

/** The source path of the longest prefix of `path` in the map; a lookup per prefix, so many reports stay linear. */
function mapPath(path: Path, map: Array<[Path, Path]>): Path {
  let index = sourceMapIndex.get(map);
  if (!index) {
    index = new Map();
    for (const [from, to] of map) if (!index.has(prefixKey(from, from.length))) index.set(prefixKey(from, from.length), to);
    sourceMapIndex.set(map, index);
  }
  for (let length = path.length; length >= 0; length--) {
    const to = index.get(prefixKey(path, length));
    if (to) return to;
  }
  return [];
}

/** The converted document → connector folder files, with the report positioned in the source. */
export function emitConnector(id: string, converted: Converted, reporter: Reporter, extra: Diagnostic[] = [], withReport = true): ImportResult {
  const swagger: Obj = { ...converted.swagger };
  const auth = compileAuth(converted.auth ?? { type: 'none' });
  if (auth.securityDefinitions) swagger.securityDefinitions = auth.securityDefinitions;
  if (auth.security) swagger.security = auth.security;
  const properties: Obj = auth.connectionParameterSets ? { connectionParameterSets: auth.connectionParameterSets } : { connectionParameters: auth.connectionParameters ?? {} };
  if (converted.policies?.length) properties.policyTemplateInstances = converted.policies.map((p) => compilePolicy(p));
  const base = reporter.file.path;
  const swaggerFile = new SourceFile(`${base}#swagger2`, JSON.stringify(swagger, null, 2), 'json');
  const propertiesFile = new SourceFile(`${base}#apiProperties`, JSON.stringify({ properties }, null, 2), 'json');
  const result = importPowerPlatform(
    { swaggerFile, propertiesFile, readme: { name: 'readme.md', text: converted.readme ?? '' }, assets: new Map(), name: id },
    { id },
  );
  const diagnostics: Diagnostic[] = [...(withReport ? [...reporter.file.diagnostics, ...reporter.diagnostics] : []), ...extra];
  for (const d of result.diagnostics) {
    if (d.file !== swaggerFile.path && d.file !== propertiesFile.path) {
      diagnostics.push(d);
      continue;
    }
    let path: string[] = [];
    try {
      path = fromPointer(d.pointer);
    } catch {
      path = [];
    }
    const mapped = d.file === swaggerFile.path ? mapPath(path, converted.sourceMap) : [];
    // Moved from the converted document to its place in the source.
    const place = reporter.placeJson(mapped);
    const moved = reporter.diagnose({ ...(place ? { place } : {}), ruleId: d.ruleId, message: d.message, file: base, pointer: toPointer(mapped), source: 'import', args: d.args });
    if (moved) diagnostics.push(moved);
  }
  placeDiagnostics(diagnostics, new Map([[base, reporter.file]]));
  return { id: result.id, files: result.files, diagnostics, stats: result.stats };
}

/** PascalCase operationId from method and path: `GET /pets/{petId}` → `GetPetsByPetId`. */
export function operationIdFrom(method: string, path: string): string {
  const words = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const parts = [method.toLowerCase()];
  for (const segment of path.split('/').filter(Boolean)) {
    const param = /^\{(.+)\}$/.exec(segment) ?? /^:(.+)$/.exec(segment);
    parts.push(param ? `By ${param[1]}` : segment);
  }
  const id = parts.flatMap(words).join('');
  return /^[A-Za-z]/.test(id) ? id : `Op${id}`;
}

/** A name (Postman request name, summary) → PascalCase identifier. */
export function pascal(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(id) ? id : `Op${id}`;
}

/** Keeps ids unique (case-insensitively, like file names) by numbering repeats. */
export class UniqueIds {
  private used = new Set<string>();
  /** Per wanted id (lower case), the next number to try: ids are never given back, so the ones below are taken. */
  private next = new Map<string, number>();
  take(wanted: string): string {
    const key = wanted.toLowerCase();
    if (!this.used.has(key)) {
      this.used.add(key);
      return wanted;
    }
    let n = this.next.get(key) ?? 2;
    while (this.used.has(`${key}${n}`)) n++;
    this.next.set(key, n + 1);
    this.used.add(`${key}${n}`);
    return `${wanted}${n}`;
  }
}

/**
 * A designer summary: at most 80 characters, one line, no trailing punctuation. Returns the
 * summary and whether it changed (the caller keeps the original in the description).
 */
export function shortSummary(text: string): { summary: string; changed: boolean } {
  let s = text.replace(/\s+/g, ' ').trim();
  if (s.length > 80) {
    const cut = s.slice(0, 80);
    const space = cut.lastIndexOf(' ');
    s = space > 40 ? cut.slice(0, space) : cut;
  }
  s = s.replace(/[\s.!?:;,…]+$/u, '');
  return { summary: s, changed: s !== text };
}

/** Host, basePath and schemes of a URL (no variables). */
export function splitUrl(url: string): { host?: string; basePath: string; schemes?: string[] } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(url);
  if (!m) {
    const path = url.replace(/[?#].*$/, '');
    return { basePath: normalizeBase(path) };
  }
  const host = m[2]!;
  return { ...(host ? { host } : {}), basePath: normalizeBase(m[3] ?? ''), schemes: [m[1]!.toLowerCase()] };
}

function normalizeBase(path: string): string {
  const p = ('/' + path).replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}

/** `created_at` → `Created at`, `userId` → `User ID`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((w) => (/^(id|url|uri|uuid|api|ip|html|json|xml)$/i.test(w) ? w.toUpperCase() : w.toLowerCase()));
  if (!words.length) return key;
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return words.join(' ');
}

export function pathAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const s of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Obj)[String(s)];
  }
  return node;
}

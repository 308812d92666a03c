/**
 * Shared by the converters (OpenAPI 3, Postman): a fidelity report positioned in the source
 * file, and the last step that turns a converted Swagger 2.0 document + `auth` sugar into a
 * connector folder. That step goes through the Power Platform importer, so the written MDX
 * uses the same sugar and is proven to compile back to exactly the converted document.
 */
import { Diagnostic } from '../../core/diagnostic.ts';
import { fromPointer, toPointer, type Path } from '../../core/pointer.ts';
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { Place } from '../../core/diagnostic.ts';
import { placeDiagnostics } from '../../core/position.ts';
import { SourceFile } from '../../core/source-file.ts';
import { ruleUrl } from '../../check/define-rule.ts';
import { compileAuth } from '../../compiler/passes/auth.ts';
import { compilePolicy } from '../../compiler/passes/policy.ts';
import { importPowerPlatform } from '../powerplatform.ts';
import type { ImportResult } from '../types.ts';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export type ImportRuleId = 'import-approximated' | 'import-dropped' | 'import-unsupported-auth' | 'import-source-invalid';

/** Collects what a conversion approximated or dropped, as diagnostics on the source file. */
export class Reporter {
  readonly file: SourceFile;
  readonly strict: boolean;
  readonly diagnostics: Diagnostic[] = [];
  private seen = new Set<string>();

  constructor(file: SourceFile, strict = false) {
    this.file = file;
    this.strict = strict;
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
    for (let depth = path.length; depth >= 0; depth--) {
      const node = findNodeAtLocation(this.tree, path.slice(0, depth) as Array<string | number>);
      if (!node) continue;
      const start = this.file.pointAt(node.offset);
      const end = this.file.pointAt(node.offset + node.length);
      if (end.line === start.line) return { start, end };
      const lineEnd = this.file.text.indexOf('\n', node.offset);
      return { start, end: this.file.pointAt(lineEnd === -1 ? this.file.text.length : lineEnd) };
    }
    return undefined;
  }

  report(ruleId: ImportRuleId, message: string, path: Path, severity?: 'error' | 'warning' | 'info'): void {
    const pointer = toPointer(path);
    const key = `${ruleId}\0${pointer}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const base = severity ?? (ruleId === 'import-source-invalid' ? 'error' : 'warning');
    const place = this.placeJson(path);
    this.diagnostics.push(
      new Diagnostic({
        ...(place ? { place } : {}),
        ruleId,
        severity: this.strict && ruleId !== 'import-source-invalid' ? 'error' : base,
        message,
        file: this.file.path,
        pointer,
        url: ruleUrl(ruleId),
        source: 'import',
      }),
    );
  }
  approximated(message: string, path: Path): void {
    this.report('import-approximated', message, path);
  }
  dropped(message: string, path: Path): void {
    this.report('import-dropped', message, path);
  }
  unsupportedAuth(message: string, path: Path): void {
    this.report('import-unsupported-auth', message, path);
  }
  invalid(message: string, path: Path = []): void {
    this.report('import-source-invalid', message, path);
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

function mapPath(path: Path, map: Array<[Path, Path]>): Path {
  let best: [Path, Path] | undefined;
  for (const entry of map) {
    const [from] = entry;
    if (from.length <= path.length && from.every((s, i) => String(s) === String(path[i])) && (!best || from.length > best[0].length)) best = entry;
  }
  return best ? best[1] : [];
}

/** The converted document → connector folder files, with the report positioned in the source. */
export function emitConnector(id: string, converted: Converted, reporter: Reporter, extra: Diagnostic[] = [], withReport = true): ImportResult {
  const swagger: Obj = { ...converted.swagger };
  const auth = compileAuth(converted.auth ?? { type: 'none' });
  if (auth.securityDefinitions) swagger.securityDefinitions = auth.securityDefinitions;
  if (auth.security) swagger.security = auth.security;
  const properties: Obj = { connectionParameters: auth.connectionParameters ?? {} };
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
    const severity = d.ruleId === 'import-operation-verbatim' ? 'info' : d.severity;
    const place = reporter.placeJson(mapped);
    diagnostics.push(
      new Diagnostic({
        ...(place ? { place } : {}),
        ruleId: d.ruleId,
        severity,
        message: d.message,
        file: base,
        pointer: toPointer(mapped),
        url: d.url ?? ruleUrl(d.ruleId),
        source: 'import',
      }),
    );
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
  take(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.used.has(id.toLowerCase()); n++) id = `${wanted}${n}`;
    this.used.add(id.toLowerCase());
    return id;
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

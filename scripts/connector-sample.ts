/**
 * Draws a benchmark set of connectors with the spread of sizes of the ~1,000 public Power Platform
 * connectors, from the real connectors of the shared corpus: each drawn connector is a Power Platform
 * folder (apiDefinition.swagger.json, apiProperties.json, readme) made from the corpus connector
 * nearest in size, its operations and definitions trimmed or replicated to the drawn counts.
 * Used by `npm run bench -- --shape real` (scripts/bench.ts) and `npm run bench:site`
 * (scripts/bench-site.ts), so both time the same connectors.
 *
 * What is real and what is modelled:
 * - operations per connector follow the buckets of src/PLATFORM.md "Certified connectors in
 *   numbers" (122 connectors with 0–1 operations … 19 with more than 100), and the >100 bucket takes
 *   the 19 real counts (Encodian 219 … IA-Connect SAP GUI 104, {@link REAL_LARGEST_OPERATIONS});
 * - definitions per connector are not published for the whole repository: a drawn connector keeps
 *   the definitions-per-operation ratio of the corpus connector it is made from (0 for about a
 *   third of them, up to 3.2), at most {@link MAX_DEFINITIONS}; a connector drawn at its own size
 *   keeps its own definitions (Azure Machine Learning 381, Encodian 364);
 * - the largest are always in: Blackbaud Raiser's Edge NXT as it is (167 operations, 280
 *   definitions) and one synthetic giant at {@link GIANT}: test/support/large-connector.ts (long
 *   names, chains of definitions, a wide record, the site's browser tests use it) compiled to a
 *   Power Platform folder like the others.
 *
 * Deterministic: the same corpus, size and seed give the same connectors, byte for byte.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { packageFiles } from '../src/build/package.ts';
import { report } from '../src/check/reporter.ts';
import { compile } from '../src/compiler/index.ts';
import { loadConnector } from '../src/compiler/load.ts';
import { kebab } from '../src/import/powerplatform.ts';
import { largeConnector } from '../test/support/large-connector.ts';
import { isMethod } from '../src/swagger/index.ts';

/** Corpus folders drawn from by default, relative to the repository root. */
export const DEFAULT_CORPORA = ['../shared/corpus/powerplatform', '../shared/corpus/powerplatform-extra'];

/** Operations per connector (src/PLATFORM.md): bucket upper bounds and connectors in each, of 1,027. */
export const REAL_OPERATION_BUCKETS: ReadonlyArray<readonly [maxOperations: number, connectors: number]> = [
  [1, 122],
  [5, 307],
  [10, 192],
  [25, 229],
  [50, 110],
  [100, 48],
  [Infinity, 19],
];

/**
 * Operations of the 19 connectors with more than 100 (microsoft/PowerPlatformConnectors at 8bff86e,
 * largest first: Encodian 219, HubSpot CRM V2 188, IA-Connect Session 186, … IA-Connect SAP GUI 104).
 */
export const REAL_LARGEST_OPERATIONS = [219, 188, 186, 184, 171, 167, 161, 158, 157, 138, 137, 131, 128, 122, 121, 119, 114, 107, 104];

/** The size the issue names as the real maximum: 250 operations, 280 definitions. */
export const GIANT = { operations: 250, definitions: 280 };

/** A scaled connector keeps at most this many definitions (the real maximum of GIANT). */
export const MAX_DEFINITIONS = GIANT.definitions;

/** The real connector always drawn as it is. */
export const PINNED_REAL = "Blackbaud Raiser's Edge NXT";

/** Swagger file sizes of the public connectors (microsoft/PowerPlatformConnectors at 8bff86e), for comparison. */
export const REAL_SWAGGER_KB = { median: 32, p90: 189, p95: 301, max: 1126 };

const SWAGGER = /^(apidefinition\.swagger|.*\.swagger)\.json$/i;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CorpusConnector {
  /** Folder name, e.g. `Blackbaud Raiser's Edge NXT`. */
  name: string;
  dir: string;
  swaggerFile: string;
  swagger: Obj;
  operations: number;
  definitions: number;
}

export interface DrawnConnector {
  /** Folder name of the drawn connector (a safe connector id). */
  id: string;
  /** The corpus connector it is made from; none for the synthetic giant. */
  source?: CorpusConnector;
  operations: number;
  definitions: number;
  /** How it was made: a corpus connector as it is, one scaled, or the synthetic giant. */
  kind: 'real' | 'scaled' | 'synthetic';
}

/** Folders `<root>/<category>/<name>/` holding a parseable `*.swagger.json`, sorted; unparseable ones in `skipped`. */
export function readCorpus(roots: readonly string[]): { connectors: CorpusConnector[]; skipped: string[] } {
  const connectors: CorpusConnector[] = [];
  const skipped: string[] = [];
  for (const root of roots) {
    for (const category of readdirSync(root).sort()) {
      const categoryDir = join(root, category);
      if (!statSync(categoryDir).isDirectory()) continue;
      for (const name of readdirSync(categoryDir).sort()) {
        const dir = join(categoryDir, name);
        if (!statSync(dir).isDirectory()) continue;
        const swaggerFile = readdirSync(dir).sort().find((f) => SWAGGER.test(f));
        if (!swaggerFile) continue;
        const text = readFileSync(join(dir, swaggerFile), 'utf8').replace(/^\uFEFF/, '');
        let swagger: unknown;
        try {
          swagger = JSON5.parse(text);
        } catch {
          skipped.push(dir);
          continue;
        }
        if (!isObj(swagger)) {
          skipped.push(dir);
          continue;
        }
        connectors.push({ name, dir, swaggerFile, swagger, operations: operationKeys(swagger).length, definitions: Object.keys(definitionsOf(swagger)).length });
      }
    }
  }
  return { connectors, skipped };
}

/** A small seeded generator (mulberry32): the draw must not depend on Math.random. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `total` split over the buckets in proportion to the real counts (largest remainders, so they sum to `total`). */
function bucketShares(total: number): number[] {
  const all = REAL_OPERATION_BUCKETS.reduce((n, [, c]) => n + c, 0);
  const exact = REAL_OPERATION_BUCKETS.map(([, c]) => (c * total) / all);
  const shares = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - shares.reduce((a, b) => a + b, 0); k < left; k++) shares[order[k]![1]]!++;
  return shares;
}

/** Operation counts of `total` connectors with the real spread, less the `pinned` giants the caller adds. */
function operationCounts(total: number, pinned: readonly DrawnConnector[], rand: () => number): number[] {
  const shares = bucketShares(total);
  const top = shares.length - 1;
  // The pinned giants are the top bucket's first members; when they outnumber its share, the
  // largest buckets give up one connector each.
  let excess = pinned.length - shares[top]!;
  shares[top] = Math.max(0, shares[top]! - pinned.length);
  while (excess > 0) {
    const largest = shares.indexOf(Math.max(...shares));
    shares[largest]!--;
    excess--;
  }
  const counts: number[] = [];
  shares.forEach((share, b) => {
    if (b === top) {
      // Spread evenly over the real list, without the pinned real connector's own count.
      const list = REAL_LARGEST_OPERATIONS.filter((n) => !pinned.some((p) => p.kind === 'real' && p.operations === n));
      for (let i = 0; i < share; i++) counts.push(list[Math.floor(((i + 0.5) * list.length) / share)]!);
      return;
    }
    const lo = b === 0 ? 1 : REAL_OPERATION_BUCKETS[b - 1]![0] + 1;
    const hi = REAL_OPERATION_BUCKETS[b]![0];
    // Log-uniform inside a bucket (assumed: the published spread thins out as sizes grow).
    for (let i = 0; i < share; i++) counts.push(Math.min(hi, Math.floor(Math.exp(Math.log(lo) + rand() * (Math.log(hi + 1) - Math.log(lo))))));
  });
  return counts;
}

/**
 * `total` connectors drawn from `corpus` with the real spread of operations, each made from one of
 * the three corpus connectors nearest in size (seeded), plus the pinned real connector and the giant.
 */
export function drawConnectors(corpus: readonly CorpusConnector[], total: number, seed = 1): DrawnConnector[] {
  if (corpus.length === 0 || total < 1) return [];
  const rand = random(seed);
  const usable = corpus.filter((c) => c.operations > 0);
  const pinned: DrawnConnector[] = [];
  const real = usable.find((c) => c.name === PINNED_REAL);
  if (real) pinned.push({ id: kebab(real.name), source: real, operations: real.operations, definitions: real.definitions, kind: 'real' });
  if (total > pinned.length) pinned.push({ id: SYNTHETIC_ID, ...GIANT, kind: 'synthetic' });
  const drawn = [...pinned];
  const used = new Set(drawn.map((d) => d.id));
  for (const operations of operationCounts(total, pinned, rand)) {
    const distance = (c: CorpusConnector) => Math.abs(Math.log(c.operations) - Math.log(operations));
    const nearest = [...usable].sort((a, b) => distance(a) - distance(b) || (a.name < b.name ? -1 : 1)).slice(0, 3);
    // A corpus connector of exactly this size is itself drawn, as it is.
    const exact = nearest.find((c) => c.operations === operations && !used.has(kebab(c.name)));
    const source = exact ?? nearest[Math.floor(rand() * nearest.length)]!;
    let id = kebab(exact ? source.name : `${source.name} ${String(drawn.length).padStart(4, '0')}`);
    for (let k = 2; used.has(id); k++) id = `${kebab(source.name)}-${k}`;
    used.add(id);
    const definitions = exact ? source.definitions : Math.min(MAX_DEFINITIONS, Math.round((source.definitions * operations) / source.operations));
    drawn.push({ id, source, operations, definitions, kind: exact ? 'real' : 'scaled' });
  }
  return drawn;
}

export interface WrittenConnector extends DrawnConnector {
  dir: string;
  swaggerBytes: number;
}

/**
 * Writes each drawn connector as a Power Platform folder `<target>/<id>/` (the source's other files
 * copied beside the scaled swagger); `definitions` is then the count written, which may be above
 * the drawn one (see scaleSwagger).
 */
export function writeDrawn(drawn: readonly DrawnConnector[], target: string): WrittenConnector[] {
  return drawn.map((d) => {
    const dir = join(target, d.id);
    if (!d.source) return { ...d, dir, swaggerBytes: writeSynthetic(dir, join(target, '.synthetic')) };
    mkdirSync(dir, { recursive: true });
    const source = d.source;
    const swagger = d.kind === 'real' ? undefined : scaleSwagger(source.swagger, d.operations, d.definitions);
    for (const f of readdirSync(source.dir)) {
      if (f === source.swaggerFile || !statSync(join(source.dir, f)).isFile()) continue;
      const properties = swagger && f.toLowerCase() === 'apiproperties.json' ? scaleProperties(readFileSync(join(source.dir, f), 'utf8'), swagger) : undefined;
      if (properties !== undefined) writeFileSync(join(dir, f), properties);
      else cpSync(join(source.dir, f), join(dir, f));
    }
    const text = swagger ? `${JSON.stringify(swagger, null, 2)}\n` : readFileSync(join(source.dir, source.swaggerFile), 'utf8');
    writeFileSync(join(dir, 'apiDefinition.swagger.json'), text);
    const definitions = swagger ? Object.keys(definitionsOf(swagger)).length : d.definitions;
    return { ...d, definitions, dir, swaggerBytes: Buffer.byteLength(text) };
  });
}

/** Folder name of the synthetic giant. */
export const SYNTHETIC_ID = 'large-connector';

/**
 * The synthetic giant as a Power Platform folder in `dir`: largeConnector's MDX (in `scratch`)
 * compiled into the package `plugboard build` writes. Returns the swagger's size.
 */
function writeSynthetic(dir: string, scratch: string): number {
  // largeConnector adds an internal and a dynamic-schema operation, and a wide definition.
  const mdx = largeConnector({ root: scratch, id: SYNTHETIC_ID, operations: GIANT.operations - 2, definitions: GIANT.definitions - 1 });
  const compiled = compile(loadConnector(mdx), { report, check: false });
  mkdirSync(dir, { recursive: true });
  const files = packageFiles(compiled);
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  const swagger = files.get('apiDefinition.swagger.json')!;
  return swagger.byteLength;
}

// ---------------------------------------------------------------------------------------------
// Scaling one Swagger document

/**
 * apiProperties.json text for a scaled swagger: policies and script operations name only the
 * operations it kept (a policy left with none is dropped: an empty list would mean all of them).
 * Undefined when the text does not parse (it is then copied as it is).
 */
function scaleProperties(text: string, swagger: Obj): string | undefined {
  let properties: unknown;
  try {
    properties = JSON5.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isObj(properties) || !isObj(properties.properties)) return undefined;
  const ids = new Set(operationKeys(swagger).map((k) => ((swagger.paths as Obj)[k.path] as Obj)[k.method] as Obj).map((op) => op.operationId));
  const inner = properties.properties;
  const NAMES = 'x-ms-apimTemplate-operationName';
  if (Array.isArray(inner.policyTemplateInstances)) {
    inner.policyTemplateInstances = inner.policyTemplateInstances.flatMap((policy: unknown) => {
      if (!isObj(policy) || !isObj(policy.parameters) || !Array.isArray(policy.parameters[NAMES]) || policy.parameters[NAMES].length === 0) return [policy];
      const kept = policy.parameters[NAMES].filter((id: unknown) => ids.has(id));
      return kept.length ? [{ ...policy, parameters: { ...policy.parameters, [NAMES]: kept } }] : [];
    });
  }
  if (Array.isArray(inner.scriptOperations) && inner.scriptOperations.length) {
    const kept = inner.scriptOperations.filter((id: unknown) => ids.has(id));
    if (kept.length) inner.scriptOperations = kept;
    else delete inner.scriptOperations;
  }
  return `${JSON.stringify(properties, null, 2)}\n`;
}

interface OperationKey {
  path: string;
  method: string;
}

function operationKeys(swagger: Obj): OperationKey[] {
  const keys: OperationKey[] = [];
  for (const [path, item] of Object.entries(isObj(swagger.paths) ? swagger.paths : {})) {
    if (!isObj(item)) continue;
    for (const method of Object.keys(item)) if (isMethod(method.toLowerCase()) && isObj(item[method])) keys.push({ path, method });
  }
  return keys;
}

function definitionsOf(swagger: Obj): Obj {
  return isObj(swagger.definitions) ? swagger.definitions : {};
}

/** Definition names `value` refers to (`#/definitions/<name>`) and operationIds its x-ms-dynamic-* extensions call. */
function references(value: unknown, defs: Set<string>, ops: Set<string>, inDynamic = false): void {
  if (Array.isArray(value)) {
    for (const v of value) references(v, defs, ops, inDynamic);
    return;
  }
  if (!isObj(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) {
      defs.add(decodeURIComponent(v.slice('#/definitions/'.length).split('/')[0]!).replace(/~1/g, '/').replace(/~0/g, '~'));
    } else if (inDynamic && k === 'operationId' && typeof v === 'string') {
      ops.add(v);
    } else {
      references(v, defs, ops, inDynamic || k.startsWith('x-ms-dynamic-'));
    }
  }
}

/** `names` and every definition they reach through definitions, in the document's order. */
function definitionClosure(names: Iterable<string>, all: Obj, dynamicOps?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !(name in all)) continue;
    seen.add(name);
    const next = new Set<string>();
    references(all[name], next, dynamicOps ?? new Set());
    queue.push(...next);
  }
  return seen;
}

/** Method-less keys of a path item (parameters, x-ms-notification-content), kept with any of its operations. */
function pathLevel(item: Obj): Obj {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !isMethod(k.toLowerCase())));
}

/**
 * `swagger` with exactly `operations` operations and about `definitions` definitions: trimmed in
 * an order where an operation comes after those its dynamic values call (so the kept ones still
 * resolve), replicated as `/copy-<k><path>` with operationId `<id>_<k>`; definitions the kept
 * operations use always stay (so the count may end above `definitions`), others are dropped or
 * copied as `<name>_<k>`.
 */
export function scaleSwagger(source: Obj, operations: number, definitions: number): Obj {
  const swagger = structuredClone(source);
  const paths = isObj(swagger.paths) ? swagger.paths : {};
  const allDefs = definitionsOf(swagger);
  const keys = operationKeys(swagger);
  const opOf = (k: OperationKey) => (paths[k.path] as Obj)[k.method] as Obj;
  const byId = new Map(keys.flatMap((k) => (typeof opOf(k).operationId === 'string' ? [[opOf(k).operationId as string, k] as const] : [])));

  // Operations in dependency order: the operations an operation's dynamic values call come first.
  const ordered: OperationKey[] = [];
  const placed = new Set<OperationKey>();
  const place = (k: OperationKey, depth: number) => {
    if (placed.has(k)) return;
    placed.add(k);
    const defs = new Set<string>();
    const calls = new Set<string>();
    references([opOf(k), pathLevel(paths[k.path] as Obj)], defs, calls);
    definitionClosure(defs, allDefs, calls);
    if (depth < 16) for (const id of calls) if (byId.has(id)) place(byId.get(id)!, depth + 1);
    ordered.push(k);
  };
  // The operations the connector itself names (x-ms-capabilities testConnection, file-picker) first.
  const named = new Set<string>();
  references({ 'x-ms-dynamic-root': swagger['x-ms-capabilities'] }, new Set(), named);
  for (const id of named) if (byId.has(id)) place(byId.get(id)!, 0);
  for (const k of keys) place(k, 0);

  const kept = ordered.slice(0, operations);
  const newPaths: Obj = {};
  for (const [path, item] of Object.entries(paths)) {
    const methods = kept.filter((k) => k.path === path);
    if (methods.length) newPaths[path] = { ...pathLevel(item as Obj), ...Object.fromEntries(methods.map((k) => [k.method, opOf(k)])) };
  }
  const ids = new Set(byId.keys());
  for (let copy = 2, n = kept.length; n < operations && ordered.length; copy++) {
    for (const k of ordered) {
      if (n >= operations) break;
      let path = `/copy-${copy}${k.path.startsWith('/') ? '' : '/'}${k.path}`;
      while (path in newPaths) path = `/copy-${copy}${path}`;
      const op = structuredClone(opOf(k));
      if (typeof op.operationId === 'string') {
        let id = `${op.operationId}_${copy}`;
        while (ids.has(id)) id = `${id}_${copy}`;
        ids.add(id);
        op.operationId = id;
      }
      if (typeof op.summary === 'string') op.summary = `${op.summary} ${copy}`;
      newPaths[path] = { ...structuredClone(pathLevel(paths[k.path] as Obj)), [k.method]: op };
      n++;
    }
  }
  swagger.paths = newPaths;

  // Definitions: those the kept document uses, then the others in order, then copies.
  const used = new Set<string>();
  references([newPaths, swagger.parameters, swagger.responses], used, new Set());
  const keep = definitionClosure(used, allDefs);
  for (const name of Object.keys(allDefs)) {
    if (keep.size >= definitions) break;
    for (const reached of definitionClosure([name], allDefs)) keep.add(reached);
  }
  const newDefs: Obj = Object.fromEntries(Object.keys(allDefs).filter((n) => keep.has(n)).map((n) => [n, allDefs[n]]));
  const names = Object.keys(allDefs);
  for (let copy = 2, n = Object.keys(newDefs).length; n < definitions && names.length; copy++) {
    for (const name of names) {
      if (n >= definitions) break;
      let copyName = `${name}_${copy}`;
      while (copyName in newDefs || copyName in allDefs) copyName = `${copyName}_${copy}`;
      newDefs[copyName] = structuredClone(allDefs[name]);
      n++;
    }
  }
  if (swagger.definitions !== undefined || Object.keys(newDefs).length) swagger.definitions = newDefs;
  return swagger;
}

// ---------------------------------------------------------------------------------------------
// Describing a draw

export interface Spread {
  min: number;
  median: number;
  p90: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return { min: 0, median: 0, p90: 0, max: 0 };
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { min: s[0]!, median: at(0.5), p90: at(0.9), max: s.at(-1)! };
}

const fmt = (s: Spread, unit = '') => `min ${s.min}${unit}, median ${s.median}${unit}, p90 ${s.p90}${unit}, max ${s.max}${unit}`;

/**
 * Lines describing a written draw: its operations, definitions and swagger sizes per connector
 * beside the real figures, and the operation buckets.
 */
export function describeDraw(drawn: readonly WrittenConnector[]): string[] {
  const ops = drawn.map((d) => d.operations);
  const defs = drawn.map((d) => d.definitions);
  const shares = bucketShares(drawn.length);
  let lo = 0;
  const buckets = REAL_OPERATION_BUCKETS.map(([hi], b) => {
    const label = hi === Infinity ? `>${lo}` : `${lo === 0 ? 0 : lo + 1}–${hi}`;
    const have = ops.filter((n) => n > (b === 0 ? -Infinity : lo) && n <= hi).length;
    lo = hi;
    return `${label} ${have} (real ${shares[b]})`;
  });
  const largest = [...drawn].filter((d) => d.operations > 100).sort((a, b) => b.operations - a.operations || b.definitions - a.definitions);
  const asItIs = drawn.filter((d) => d.kind === 'real').length;
  const lines = [
    `operations per connector   ${fmt(spread(ops))}, total ${ops.reduce((a, b) => a + b, 0)}   (real: min 1, median 7, mean 16, p95 60, max 219)`,
    `  by bucket                ${buckets.join(', ')}`,
    `definitions per connector  ${fmt(spread(defs))}, total ${defs.reduce((a, b) => a + b, 0)}   (real: not published for all; corpus max 381, Blackbaud 280)`,
    `over 100 operations       ${largest.map((d) => `${d.source ? d.source.name : `${d.id} (synthetic)`}${d.kind === 'scaled' ? ' (scaled)' : ''} ${d.operations}/${d.definitions}`).join('; ')} (operations/definitions)`,
    `drawn as they are          ${asItIs} (a corpus connector drawn at its own size); ${drawn.length - asItIs} scaled from the nearest in size`,
  ];
  const kb = spread(drawn.map((d) => Math.round(d.swaggerBytes / 1024)));
  lines.push(`swagger size               ${fmt(kb, ' KB')}   (real: median ${REAL_SWAGGER_KB.median} KB, p90 ${REAL_SWAGGER_KB.p90} KB, max ${REAL_SWAGGER_KB.max} KB)`);
  return lines;
}

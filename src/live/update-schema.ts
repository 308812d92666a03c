/**
 * `plugboard test --update-schema`: what the API returned, written back into the author's
 * front-matter as text edits, to be reviewed as a diff. From the successful JSON responses of a run
 * and the connector, three kinds of change:
 *
 * - a field returned but not declared is added to the `properties` of the object that declares its
 *   siblings, with a schema inferred from its values (infer-schema.ts);
 * - a field declared with one `type` and returned as one other type in every response gets that
 *   type (a `format` that no longer fits goes);
 * - a field declared with a `type` and returned as `null` gets `x-nullable: true`.
 *
 * A field declared but never returned stays, and is listed as "declared, not seen". An operation
 * whose response has a dynamic schema (`x-ms-dynamic-schema` / `x-ms-dynamic-properties`) is left
 * alone: its fields are the API's to say at run time.
 *
 * Changes are found per node of the compiled Swagger (a `$ref` is followed to its definition, so a
 * shared definition changes once, in `definitions/<Name>.mdx`), then placed on the front-matter node
 * that wrote it by the compiler's own provenance (place.ts `sourcesOf`), then written with the
 * `yaml` CST positions fix.ts uses: new keys after the last key of their map, at its indentation, in
 * the style of the bundled connectors (a field without fields on one line, `{ type: string, summary: … }`).
 * Deterministic (changes in pointer order, new fields by name) and idempotent: the same responses
 * again give no edits.
 *
 * Pure, but for `load`, which reads the connector folder afresh (a compile fills its files' diagnostics).
 */
import { isScalar } from 'yaml';
import { compile } from '../compiler/index.ts';
import type { ConnectorSource } from '../compiler/load.ts';
import type { LiveExchange } from '../check/define-rule.ts';
import { FixSource, type TextEdit } from '../check/fix.ts';
import { declaredResponse, isJsonType, liveOperation, matchesType, mediaType, typeOf } from '../check/live.ts';
import { recommended } from '../check/presets.ts';
import { createReporter } from '../check/reporter.ts';
import { fromPointer, toPointer, type Segment } from '../core/pointer.ts';
import { isObject, resolveLocal, type JsonObject, type Swagger } from '../swagger/index.ts';
import { commonType, inferProperties, INFER_LIMITS, type InferredSchema } from './infer-schema.ts';
import { sourcesOf, type SourcePlace } from './place.ts';
import { joinInsertions, keyOf, lineAt, pairOf, planEdits, type MapPlan, type PlanEdit } from './schema-yaml.ts';

/** Bounds of the walk over the responses (the inference has its own, INFER_LIMITS). */
export const UPDATE_LIMITS = {
  /** Levels of a body walked against its schema. */
  depth: 32,
  /** Values kept per schema node. */
  values: 500,
  /** Schema nodes and values visited in all. */
  visits: 200_000,
  /** `declared, not seen` fields listed by name. */
  listed: 20,
} as const;

const DYNAMIC_KEYS = ['x-ms-dynamic-schema', 'x-ms-dynamic-properties'] as const;

export type SchemaChange =
  | { kind: 'add'; at: string; name: string; schema: InferredSchema }
  | { kind: 'type'; at: string; from: string; to: string; dropFormat: boolean }
  | { kind: 'nullable'; at: string };

/** One change as written: the file (as the loader shows it) and what changed, for the listing. */
export interface AppliedChange {
  kind: SchemaChange['kind'];
  file: string;
  /** 1-based line of the node changed. */
  line: number;
  description: string;
}

export interface SchemaUpdate {
  /** Text edits on the MDX files, `file` as the loader shows it (`connectors/x/definitions/Item.mdx`). */
  edits: TextEdit[];
  applied: AppliedChange[];
  /** Declared fields no response had: `connectors/x/definitions/Item.mdx:12: \`colour\``. */
  notSeen: string[];
  /** What was left as it is, and why (a dynamic schema, values that settle no type…). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// 1. What the responses showed, per schema node of the compiled Swagger.

interface Slot {
  node: JsonObject;
  values: unknown[];
}

const esc = (name: string) => toPointer([name as Segment]).slice(1);

/** The node a schema stands for, following `$ref`s, with the pointer of where it is declared. */
function resolved(swagger: Swagger, node: unknown, at: string): { node: unknown; at: string } {
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && hops < 16; hops++) {
    const ref: string = node.$ref;
    if (!ref.startsWith('#')) return { node: undefined, at };
    at = ref.slice(1);
    node = resolveLocal(swagger, ref);
  }
  return { node, at };
}

const isDynamicNode = (node: JsonObject) => DYNAMIC_KEYS.some((k) => Object.hasOwn(node, k));

/** True when a schema, or one it reaches, has its fields from the API at run time. */
export function hasDynamicSchema(swagger: Swagger, schema: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (node: unknown, depth: number): boolean => {
    node = resolved(swagger, node, '').node;
    if (!isObject(node) || seen.has(node) || depth > UPDATE_LIMITS.depth || seen.size > 10_000) return false;
    seen.add(node);
    if (isDynamicNode(node)) return true;
    const subs = [
      ...(isObject(node.properties) ? Object.values(node.properties) : []),
      ...(Array.isArray(node.allOf) ? node.allOf : []),
      node.items,
      node.additionalProperties,
    ];
    return subs.some((s) => visit(s, depth + 1));
  };
  return visit(schema, 0);
}

/** The declared fields of an object schema with where each is declared: its `properties`, then those of its `allOf` parts. */
function declaredFields(swagger: Swagger, node: JsonObject, at: string): Map<string, [unknown, string]> {
  const parts: Array<[JsonObject, string]> = [[node, at]];
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((part, i) => {
      const r = resolved(swagger, part, `${at}/allOf/${i}`);
      if (isObject(r.node)) parts.push([r.node, r.at]);
    });
  }
  const fields = new Map<string, [unknown, string]>();
  for (const [part, partAt] of parts) {
    if (!isObject(part.properties)) continue;
    for (const [name, sub] of Object.entries(part.properties)) if (!fields.has(name)) fields.set(name, [sub, `${partAt}/properties/${esc(name)}`]);
  }
  return fields;
}

/** The JSON body of a successful exchange with a declared schema, or why there is none to read. */
function bodyOf(swagger: Swagger, exchange: LiveExchange): { schema: unknown; at: string; value: unknown } | 'dynamic' | undefined {
  const status = exchange.status;
  if (exchange.failure || status === undefined || status < 200 || status >= 300 || !exchange.body) return undefined;
  const op = liveOperation(swagger, exchange.operationId);
  const declared = op && declaredResponse(op, status);
  if (!declared || declared.response.schema === undefined) return undefined;
  if (!isJsonType(mediaType(exchange.headers?.['content-type']) ?? 'application/json')) return undefined;
  if (hasDynamicSchema(swagger, declared.response.schema)) return 'dynamic';
  try {
    return { schema: declared.response.schema, at: `${declared.pointer}/schema`, value: JSON.parse(exchange.body) };
  } catch {
    return undefined; // live-body-invalid
  }
}

/**
 * Every schema node the responses reached, by pointer, with the values seen there; and the
 * operations left alone for their dynamic schema. A value of another type than declared is kept
 * but not walked into.
 */
export function observe(swagger: Swagger, exchanges: readonly LiveExchange[]): { slots: Map<string, Slot>; dynamic: string[] } {
  const slots = new Map<string, Slot>();
  const dynamic = new Set<string>();
  let visits = 0;
  const walk = (schema: unknown, at: string, value: unknown, depth: number): void => {
    if (depth > UPDATE_LIMITS.depth || ++visits > UPDATE_LIMITS.visits) return;
    const r = resolved(swagger, schema, at);
    const node = r.node;
    if (!isObject(node) || isDynamicNode(node)) return;
    let slot = slots.get(r.at);
    if (!slot) slots.set(r.at, (slot = { node, values: [] }));
    if (slot.values.length < UPDATE_LIMITS.values) slot.values.push(value);
    if (value === null || (typeof node.type === 'string' && !matchesType(node.type, value))) return;
    if (Array.isArray(value)) {
      if (isObject(node.items)) for (const item of value.slice(0, INFER_LIMITS.items)) walk(node.items, `${r.at}/items`, item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    const fields = declaredFields(swagger, node, r.at);
    const additional = isObject(node.additionalProperties) ? node.additionalProperties : undefined;
    for (const [name, sub] of Object.entries(value)) {
      const field = fields.get(name);
      if (field) walk(field[0], field[1], sub, depth + 1);
      else if (additional) walk(additional, `${r.at}/additionalProperties`, sub, depth + 1);
    }
  };
  for (const exchange of exchanges) {
    const body = bodyOf(swagger, exchange);
    if (body === 'dynamic') dynamic.add(exchange.operationId);
    else if (body) walk(body.schema, body.at, body.value, 0);
  }
  return { slots, dynamic: [...dynamic] };
}

// ---------------------------------------------------------------------------------------------
// 2. The changes the values call for.

/** The types a change of `type` goes between: a change to or from an object or array changes structure, not a type. */
const SCALARS: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean']);

/** True when `format` may stay on a schema of `type` (the pairs schema-type-format accepts). */
function formatFits(format: string, type: string): boolean {
  if (type === 'integer') return format === 'int32' || format === 'int64';
  if (type === 'number') return format === 'float' || format === 'double';
  if (type === 'string') return !['int32', 'int64', 'float', 'double', 'integer', 'number', 'decimal', 'long'].includes(format);
  return false;
}

export interface Decision {
  changes: SchemaChange[];
  /** Pointers of declared fields that no object seen had. */
  notSeen: string[];
  notes: string[];
}

/** The changes the values of each node call for, in pointer order. */
export function decide(swagger: Swagger, slots: ReadonlyMap<string, Slot>): Decision {
  const changes: SchemaChange[] = [];
  const notSeen: string[] = [];
  const notes: string[] = [];
  for (const at of [...slots.keys()].sort()) {
    const { node, values } = slots.get(at)!;
    const type = typeof node.type === 'string' ? node.type : undefined;
    const typed = values.filter((v) => v !== null);
    if (type !== undefined && type !== 'file') {
      if (typed.length < values.length && node['x-nullable'] !== true) changes.push({ kind: 'nullable', at });
      if (typed.length && typed.every((v) => !matchesType(type, v))) {
        const to = commonType(typed);
        if (to === undefined) notes.push(`\`${at}\` left as \`${type}\`: returned as ${[...new Set(typed.map(typeOf))].sort().join(' and ')}`);
        else if (Array.isArray(node.enum)) notes.push(`\`${at}\` left as \`${type}\`: returned as ${to}, but it has an \`enum\` to change by hand`);
        else if (!SCALARS.has(type) || !SCALARS.has(to)) notes.push(`\`${at}\` left as \`${type}\`: returned as ${to}, a change of structure to make by hand`);
        else changes.push({ kind: 'type', at, from: type, to, dropFormat: typeof node.format === 'string' && !formatFits(node.format, to) });
        continue;
      }
    }
    const objects = typed.filter(isObject);
    if (objects.length === 0) continue;
    const fields = declaredFields(swagger, node, at);
    const open = node.additionalProperties !== undefined && node.additionalProperties !== false;
    if (fields.size === 0 || open) continue; // only a schema that declares fields can tell one is undeclared (as live-schema-drift)
    const undeclared = [...new Set(objects.flatMap((o) => Object.keys(o)))].filter((n) => !fields.has(n));
    if (undeclared.length && !isObject(node.properties)) {
      notes.push(`\`${at}\` declares its fields through \`allOf\`: ${undeclared.map((n) => `\`${n}\``).join(', ')} not added`);
    } else if (undeclared.length) {
      const left: string[] = [];
      const inferred = inferProperties(objects, new Set(fields.keys()), 0, left);
      for (const [name, schema] of Object.entries(inferred)) changes.push({ kind: 'add', at, name, schema });
      if (left.length) notes.push(`\`${at}\`: ${left.map((n) => `\`${n}\``).join(', ')} not added (only null, empty arrays or mixed types seen, or over ${INFER_LIMITS.properties} fields)`);
    }
    if (isObject(node.properties)) {
      for (const name of Object.keys(node.properties)) if (!objects.some((o) => Object.hasOwn(o, name))) notSeen.push(`${at}/properties/${esc(name)}`);
    }
  }
  return { changes, notSeen, notes };
}

// ---------------------------------------------------------------------------------------------
// 3. The changes placed on the front-matter (written by schema-yaml.ts).

const FIELD = (at: string) => {
  const segments = fromPointer(at);
  return segments.at(-1) === 'properties' ? segments.at(-2) : segments.at(-1);
};

/** A change's words for the listing. */
function describe(change: SchemaChange): string {
  if (change.kind === 'add') return `Added \`${change.name}\` (${change.schema.type}${change.schema.format ? `, ${change.schema.format}` : ''})`;
  if (change.kind === 'type') return `Changed the type of \`${FIELD(change.at)}\` from \`${change.from}\` to \`${change.to}\`${change.dropFormat ? ' (and dropped its format)' : ''}`;
  return `Made \`${FIELD(change.at)}\` nullable (\`x-nullable: true\`)`;
}

type Plan = MapPlan & { applied: AppliedChange[] };

/**
 * Puts one change into the plan of the front-matter map it concerns (the node's map, or its
 * `properties`), checking that the map found is the one compiled; the reason when it is not.
 */
function planChange(change: SchemaChange, swagger: Swagger, places: ReadonlyMap<string, SourcePlace>, texts: ReadonlyMap<string, FixSource>, planFor: (file: string, pointer: string) => Plan): string | undefined {
  const place = places.get(change.at);
  const fix = place && texts.get(place.file);
  const map = place && fix?.mapAt(place.pointer);
  if (!place || !fix || !map) return `\`${change.at}\`: ${describe(change).replace(/^\w/, (c) => c.toLowerCase())} not written: no front-matter map declares it`;
  // Listed at the key the drift finding points at: the object's `properties`, or the field itself.
  const key = change.kind === 'add' ? fix.pairAt(`${place.pointer}/properties`)?.pair.key.range : place.pointer === '' ? undefined : fix.pairAt(place.pointer)?.pair.key.range;
  const applied: AppliedChange = { kind: change.kind, file: place.file, line: lineAt(fix.text, fix.at((key ?? map.range ?? [0])[0])), description: describe(change) };
  if (change.kind === 'add') {
    const props = fix.mapAt(`${place.pointer}/properties`);
    const compiled = resolveLocal(swagger, `#${change.at}`);
    const declared = isObject(compiled) && isObject(compiled.properties) ? compiled.properties : {};
    // The map found must be the one compiled: every key it has is a declared field.
    if (!props || props.items.some((p) => !Object.hasOwn(declared, keyOf(p) ?? '\0'))) return `\`${change.at}\`: \`${change.name}\` not added: its \`properties\` are not written as a map there`;
    const plan = planFor(place.file, `${place.pointer}/properties`);
    plan.appends.push([change.name, change.schema]);
    plan.applied.push(applied);
  } else if (change.kind === 'type') {
    const written = pairOf(map, 'type');
    if (!written || !isScalar(written.value) || written.value.value !== change.from) return `\`${change.at}\`: type not changed: \`type: ${change.from}\` is not written there`;
    const plan = planFor(place.file, place.pointer);
    plan.sets.push(['type', change.to]);
    if (change.dropFormat && pairOf(map, 'format')) plan.removes.push('format');
    plan.applied.push(applied);
  } else {
    const plan = planFor(place.file, place.pointer);
    if (pairOf(map, 'x-nullable')) plan.sets.push(['x-nullable', true]);
    else plan.appends.push(['x-nullable', true]);
    plan.applied.push(applied);
  }
  return undefined;
}

/** `connectors/x/definitions/Item.mdx:12: \`colour\``: where a declared field not seen is written. */
function notSeenAt(at: string, places: ReadonlyMap<string, SourcePlace>, texts: ReadonlyMap<string, FixSource>): string {
  const place = places.get(at);
  const fix = place && texts.get(place.file);
  const range = place && fix?.pairAt(place.pointer)?.pair.key.range;
  return `${range ? `${place.file}:${lineAt(fix!.text, fix!.at(range[0]))}` : (place?.file ?? at)}: \`${FIELD(at)}\``;
}

/**
 * The edits of a decision: each change placed on the front-matter map it concerns, one plan per
 * map, so that two changes of one map make one insertion; insertions at one offset (a map and the
 * map it ends with) are joined, the inner one first.
 */
function editsOf(source: ConnectorSource, swagger: Swagger, decision: Decision): SchemaUpdate {
  const places = sourcesOf(source, [...new Set([...decision.changes.map((c) => c.at), ...decision.notSeen])]);
  const texts = new Map<string, FixSource>();
  const all = [source.connector, ...source.actions, ...source.triggers, ...source.definitions, ...source.parameters];
  for (const f of all) if (f && /\.mdx?$/i.test(f.path) && f.path.startsWith(source.prefix)) texts.set(f.path, new FixSource(f.path, f.text));
  const notes = [...decision.notes];
  const plans = new Map<string, Plan>();
  const planFor = (file: string, pointer: string) => {
    const key = `${file}\0${pointer}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { file, pointer, sets: [], removes: [], appends: [], applied: [] }));
    return plan;
  };
  for (const change of decision.changes) {
    const problem = planChange(change, swagger, places, texts, planFor);
    if (problem) notes.push(problem);
  }
  const edits: PlanEdit[] = [];
  const applied: AppliedChange[] = [];
  for (const plan of [...plans.values()].sort((a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer))) {
    const result = planEdits(texts.get(plan.file)!, plan);
    if ('problem' in result) {
      notes.push(`${plan.file}: ${plan.applied.length} change(s) at \`${plan.pointer || '/'}\` not written: ${result.problem}`);
      continue;
    }
    edits.push(...result.edits);
    applied.push(...plan.applied);
  }
  const notSeen = [...new Set(decision.notSeen.map((at) => notSeenAt(at, places, texts)))];
  return { edits: joinInsertions(edits), applied, notSeen, notes };
}

// ---------------------------------------------------------------------------------------------

/**
 * The schema update the `exchanges` of a run call for, on the connector `load` reads. A connector
 * that does not compile gets no edits.
 */
export function updateSchema(load: () => ConnectorSource, exchanges: readonly LiveExchange[]): SchemaUpdate {
  const result = compile(load(), { report: createReporter(recommended), check: false });
  if (result.diagnostics.some((d) => d.severity === 'error')) return { edits: [], applied: [], notSeen: [], notes: ['the connector does not compile: nothing updated'] };
  const { slots, dynamic } = observe(result.swagger, exchanges);
  const decision = decide(result.swagger, slots);
  const update = editsOf(load(), result.swagger, decision);
  for (const op of dynamic.sort()) update.notes.unshift(`${op}: its response has a dynamic schema (x-ms-dynamic-schema); left as it is`);
  return update;
}

/** `Updated 2 files: 3 fields added, 1 type changed; 1 field declared, not seen`. */
export function summaryLine(update: SchemaUpdate, dryRun = false): string {
  const count = (kind: SchemaChange['kind']) => update.applied.filter((c) => c.kind === kind).length;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const parts = [
    count('add') && n(count('add'), 'field added', 'fields added'),
    count('type') && n(count('type'), 'type changed', 'types changed'),
    count('nullable') && n(count('nullable'), 'field made nullable', 'fields made nullable'),
  ].filter((p): p is string => !!p);
  const files = new Set(update.edits.map((e) => e.file)).size;
  const head = files === 0 ? 'Schema up to date: nothing to change' : `${dryRun ? 'Would update' : 'Updated'} ${n(files, 'file', 'files')}: ${parts.join(', ')}`;
  return update.notSeen.length ? `${head}; ${n(update.notSeen.length, 'field', 'fields')} declared, not seen` : head;
}

/** The listing under the diff: changes, then what stays as it is, bounded. */
export function updateLines(update: SchemaUpdate): string[] {
  const lines = update.applied.map((c) => `${c.file}:${c.line}: ${c.description}`);
  const shown = update.notSeen.slice(0, UPDATE_LIMITS.listed);
  for (const s of shown) lines.push(`${s} declared, not seen (kept)`);
  if (update.notSeen.length > shown.length) lines.push(`… and ${update.notSeen.length - shown.length} more declared, not seen`);
  for (const note of update.notes) lines.push(`Left as it is: ${note}`);
  return lines;
}

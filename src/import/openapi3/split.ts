/**
 * A converted source over the platform limits (256 operations, 1 MB definition) → several
 * connectors `<id>-<tag>`. Operations are grouped by their first tag (untagged ones under
 * `other`), tags are packed in source order into connectors that stay within the limits, a tag
 * too big on its own is cut into numbered parts, and each connector keeps only the definitions
 * and shared parameters its operations reach.
 */
import { placeDiagnostics } from '../../core/position.ts';
import { kebab } from '../powerplatform.ts';
import type { ImportResult } from '../types.ts';
import { emitConnector, type Prepared } from './emit.ts';
import { isMethod, isObject as isObj } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

export const OPERATION_LIMIT = 256;
export const SIZE_LIMIT = 1024 * 1024;
/** Room left for what the compiler adds (security, metadata) and for the checks' count. */
const SIZE_BUDGET = Math.floor(SIZE_LIMIT * 0.9);

interface Op {
  path: string;
  method: string;
  op: Obj;
  tag: string;
}

function operationsOf(swagger: Obj): Op[] {
  const out: Op[] = [];
  const paths = isObj(swagger.paths) ? swagger.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isMethod(method) || !isObj(op)) continue;
      const tags = Array.isArray(op.tags) ? op.tags : [];
      const tag = typeof tags[0] === 'string' && tags[0].trim() ? tags[0].split(' > ')[0]!.trim() : 'other';
      out.push({ path, method, op, tag });
    }
  }
  return out;
}

/** The swagger with only `ops`, and the definitions/parameters they reach. */
function subset(swagger: Obj, ops: Op[]): Obj {
  const paths: Obj = {};
  for (const { path, method, op } of ops) {
    const item = (paths[path] ??= {}) as Obj;
    const source = (swagger.paths as Obj)[path] as Obj;
    for (const [k, v] of Object.entries(source)) if (k.startsWith('x-') && !(k in item)) item[k] = v;
    item[method] = op;
  }
  const definitions = isObj(swagger.definitions) ? swagger.definitions : {};
  const parameters = isObj(swagger.parameters) ? swagger.parameters : {};
  const usedDefs = new Set<string>();
  const usedParams = new Set<string>();
  const queue: unknown[] = [paths];
  while (queue.length) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (isObj(node)) {
      if (typeof node.$ref === 'string') {
        const d = /^#\/definitions\/(.+)$/.exec(node.$ref);
        const p = /^#\/parameters\/(.+)$/.exec(node.$ref);
        const name = d?.[1] ?? p?.[1];
        const decoded = name?.replaceAll('~1', '/').replaceAll('~0', '~');
        if (d && decoded !== undefined && !usedDefs.has(decoded)) {
          usedDefs.add(decoded);
          queue.push(definitions[decoded]);
        }
        if (p && decoded !== undefined && !usedParams.has(decoded)) {
          usedParams.add(decoded);
          queue.push(parameters[decoded]);
        }
      }
      for (const v of Object.values(node)) if (v && typeof v === 'object') queue.push(v);
    }
  }
  const out: Obj = { ...swagger, paths };
  const defs = Object.fromEntries(Object.entries(definitions).filter(([n]) => usedDefs.has(n)));
  const params = Object.fromEntries(Object.entries(parameters).filter(([n]) => usedParams.has(n)));
  if (Object.keys(defs).length) out.definitions = defs;
  else delete out.definitions;
  if (Object.keys(params).length) out.parameters = params;
  else delete out.parameters;
  if (Array.isArray(swagger.tags)) {
    const tags = new Set(ops.flatMap((o) => (Array.isArray(o.op.tags) ? o.op.tags : [])));
    const kept = swagger.tags.filter((t) => isObj(t) && tags.has(t.name));
    if (kept.length) out.tags = kept;
    else delete out.tags;
  }
  return out;
}

const sizeOf = (swagger: Obj) => Buffer.byteLength(JSON.stringify(swagger, null, 2));

export function needsSplit(swagger: Obj): boolean {
  return operationsOf(swagger).length > OPERATION_LIMIT || sizeOf(swagger) > SIZE_BUDGET;
}

/**
 * `list` cut into runs within the limits, each the longest that fits (a run of one operation
 * always does). The size of a subset only grows with its operations, so the longest run is found
 * by doubling then halving: about 16 measurements per run instead of one per operation.
 */
function cutWithinLimits(swagger: Obj, list: Op[]): Array<{ ops: Op[]; size: number }> {
  const runs: Array<{ ops: Op[]; size: number }> = [];
  for (let start = 0; start < list.length; ) {
    const sizes = new Map<number, number>();
    const fits = (end: number) => {
      const size = sizeOf(subset(swagger, list.slice(start, end)));
      sizes.set(end, size);
      return size <= SIZE_BUDGET;
    };
    let lo = start + 1;
    let hi = Math.min(list.length, start + OPERATION_LIMIT);
    for (let step = 1; lo < hi; step *= 2) {
      const probe = Math.min(hi, lo + step);
      if (!fits(probe)) {
        hi = probe - 1;
        break;
      }
      lo = probe;
    }
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    runs.push({ ops: list.slice(start, lo), size: sizes.get(lo) ?? sizeOf(subset(swagger, list.slice(start, lo))) });
    start = lo;
  }
  return runs;
}

/** One connector per group of tags, each within the limits. */
export function splitPrepared(prepared: Prepared): ImportResult[] {
  const { converted, reporter } = prepared;
  const swagger = converted.swagger;
  const ops = operationsOf(swagger);
  const totalMb = (sizeOf(swagger) / 1048576).toFixed(2);
  const byTag = new Map<string, Op[]>();
  for (const op of ops) {
    const list = byTag.get(op.tag) ?? [];
    list.push(op);
    byTag.set(op.tag, list);
  }
  // Units: a whole tag, or parts of a tag too big on its own.
  const units: Array<{ name: string; ops: Op[]; size: number }> = [];
  for (const [tag, list] of byTag) {
    const size = list.length <= OPERATION_LIMIT ? sizeOf(subset(swagger, list)) : Infinity;
    if (size <= SIZE_BUDGET) {
      units.push({ name: tag, ops: list, size });
      continue;
    }
    cutWithinLimits(swagger, list).forEach((run, i) => units.push({ name: `${tag}-${i + 1}`, ...run }));
  }
  // Pack units in order. Two subsets together measure at most the sum of their sizes (the shared
  // `info`, `host`… counted once), so the measurement is needed only when that sum is over the budget.
  const groups: Array<{ names: string[]; ops: Op[]; size: number }> = [];
  for (const unit of units) {
    const last = groups.at(-1);
    if (last && last.ops.length + unit.ops.length <= OPERATION_LIMIT) {
      const together = last.size + unit.size <= SIZE_BUDGET ? last.size + unit.size : sizeOf(subset(swagger, [...last.ops, ...unit.ops]));
      if (together <= SIZE_BUDGET) {
        last.names.push(unit.name);
        last.ops.push(...unit.ops);
        last.size = together;
        continue;
      }
    }
    groups.push({ names: [unit.name], ops: [...unit.ops], size: unit.size });
  }
  const used = new Set<string>();
  return groups.map((group, i) => {
    let id = `${prepared.id}-${kebab(group.names[0]!)}`;
    for (let n = 2; used.has(id); n++) id = `${prepared.id}-${kebab(group.names[0]!)}-${n}`;
    used.add(id);
    const part = subset(swagger, group.ops);
    const info = isObj(part.info) ? { ...part.info } : {};
    const tags = group.names.length > 3 ? `${group.names.slice(0, 3).join(', ')} and ${group.names.length - 3} more` : group.names.join(', ');
    info.title = `${String(info.title ?? prepared.id)} (${group.names[0]})`;
    part.info = info;
    const note = reporter.diagnose({
      ruleId: 'import-approximated',
      message: `The source has ${ops.length} operations and ${totalMb} MB of definition, over the platform limits (256 operations, 1 MB); connector ${i + 1} of ${groups.length}, \`${id}\`, holds ${group.ops.length} operations tagged ${tags}`,
      file: reporter.file.path,
      pointer: '',
      source: 'import',
      args: [id],
    });
    const notes = note ? [note] : [];
    placeDiagnostics(notes, new Map([[reporter.file.path, reporter.file]]));
    return emitConnector(id, { ...converted, swagger: part }, reporter, notes, i === 0);
  });
}

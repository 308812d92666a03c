/**
 * The effective parameters of an operation: its own plus those of its path item, an operation's
 * parameter replacing the path item's one with the same `name` and `in`, and local `$ref`s
 * followed (a reference that does not resolve is left out). Two views of the same rule: plain
 * objects for readers of the data (site, exporters, the request builder), and pointered ones on the
 * walk for checks that report where a parameter is written.
 */
import { deref } from './deref.ts';
import { isObject, type Operation, type Parameter, type PathItem, type Swagger } from './types.ts';
import type { Analysis, Visit } from './walk.ts';

/** Own parameters first, then the inherited ones the operation does not override. */
function merge<T>(own: T[], inherited: T[], node: (item: T) => Parameter): T[] {
  const key = (item: T) => {
    const p = node(item);
    return `${String(p.in)}\u0000${String(p.name)}`;
  };
  const ownKeys = new Set(own.map(key));
  return [...own, ...inherited.filter((item) => !ownKeys.has(key(item)))];
}

function resolvedList(swagger: Swagger, list: unknown): Parameter[] {
  if (!Array.isArray(list)) return [];
  const out: Parameter[] = [];
  for (const raw of list) {
    const p = deref(swagger, raw);
    if (p) out.push(p as Parameter);
  }
  return out;
}

/** The parameters that apply to `operation`, written in `pathItem` of `swagger`. */
export function parameters(swagger: Swagger, pathItem: PathItem | undefined, operation: Operation): Parameter[] {
  const own = resolvedList(swagger, operation.parameters);
  const inherited = isObject(pathItem) ? resolvedList(swagger, pathItem.parameters) : [];
  return merge(own, inherited, (p) => p);
}

export class ResolvedParameter {
  /** The parameter object after following its `$ref`. */
  readonly node: Parameter;
  /** Where it is written: the parameter's or reference's visit. */
  readonly visit: Visit;
  constructor(node: Parameter, visit: Visit) {
    this.node = node;
    this.visit = visit;
  }
  /** Pointer to the resolved parameter object (`/parameters/x` for references). */
  get pointer(): string {
    return this.visit.kind === 'ref' ? this.visit.ref!.slice(1) : this.visit.pointer;
  }
}

const parametersCache = new WeakMap<Visit, ResolvedParameter[]>();

/** `parameters()` on the walk: the same list, each with the visit where it is written. */
export function parametersOf(analysis: Analysis, operation: Visit): ResolvedParameter[] {
  let list = parametersCache.get(operation);
  if (!list) {
    const own = collect(analysis, operation);
    const inherited = operation.pathItem ? collect(analysis, operation.pathItem) : [];
    list = merge(own, inherited, (p) => p.node);
    parametersCache.set(operation, list);
  }
  return list;
}

function collect(analysis: Analysis, owner: Visit): ResolvedParameter[] {
  const result: ResolvedParameter[] = [];
  for (const visit of analysis.parametersIn(owner)) {
    if (visit.kind === 'ref') {
      const node = deref(analysis.swagger, visit.node);
      if (node && visit.ref?.startsWith('#/')) result.push(new ResolvedParameter(node as Parameter, visit));
    } else {
      result.push(new ResolvedParameter(visit.node as Parameter, visit));
    }
  }
  return result;
}

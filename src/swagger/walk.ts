/**
 * One walk over a compiled Swagger document. It visits every position where the format gives keys
 * a meaning (root, info, path items, operations, parameters, responses, headers, schemas…) with its
 * kind and JSON pointer, and resolves nothing: `$ref` nodes are visited as refs. The result is
 * memoized per document, so every reader (checks, site, exporters, the request builder) shares
 * one walk instead of walking `paths` again.
 */
import { toPointer, type Segment } from '../core/pointer.ts';
import { isMethod, isObject, type Json, type JsonObject, type Swagger } from './types.ts';

export type VisitKind =
  | 'root'
  | 'info'
  | 'contact'
  | 'license'
  | 'external-docs'
  | 'tag'
  | 'security-scheme'
  | 'paths'
  | 'path-item'
  | 'operation'
  | 'parameter'
  /** `items` of a non-body parameter or a response header (Swagger "primitives items"). */
  | 'items'
  | 'responses'
  | 'response'
  | 'response-header'
  | 'schema'
  | 'xml'
  | 'notification-content'
  /** A `{ $ref }` standing for a schema, parameter, response or path item; see `refOf`. */
  | 'ref';

/** Where a schema tree starts. */
export type SchemaRoot = 'body' | 'response' | 'definition' | 'notification';

/** Deeper than this is certainly not a real document (and guards against cyclic objects). */
const MAX_DEPTH = 400;

export class Visit {
  readonly kind: VisitKind;
  readonly node: JsonObject;
  readonly parent: Visit | undefined;
  /** The segment that leads from the parent position's node to this node (may cross a map, like `properties`). */
  readonly segments: readonly Segment[];
  /** For `ref`: what the reference stands for. */
  refOf: 'schema' | 'parameter' | 'response' | 'path-item' | undefined = undefined;
  /** The `$ref` string, on `ref` visits. */
  ref: string | undefined = undefined;
  /** For parameters: their `in` (undefined when missing or not a string). */
  in: string | undefined = undefined;
  /**
   * For schemas (and schema refs): whether the platform's `schema-dynamic-allowed` applies, i.e. the
   * schema is a definition, a body or response schema, the notification payload, or reached from one
   * through `properties`, `additionalProperties`, object `items` or `allOf`. Tuple `items`, `anyOf`,
   * `oneOf` and `not` lead to plain schemas.
   */
  dynamicAllowed = false;
  /** For schemas: where the tree starts. */
  schemaRoot: SchemaRoot | undefined = undefined;
  /** For schemas: true for the root of the tree (the body or response schema, a definition, the notification payload), false when nested. */
  isRoot = false;
  /** The enclosing operation, for anything below one. */
  operation: Visit | undefined = undefined;
  /** The enclosing path item, for anything below one. */
  pathItem: Visit | undefined = undefined;
  /** The enclosing parameter, for schemas and items below one. */
  parameter: Visit | undefined = undefined;
  /** The node's own `x-ms-*` keys, in order; undefined when it has none (most nodes). */
  xms: string[] | undefined = undefined;
  private cachedPath: Segment[] | undefined;
  private cachedPointer: string | undefined;

  constructor(kind: VisitKind, node: JsonObject, parent: Visit | undefined, segments: readonly Segment[]) {
    this.kind = kind;
    this.node = node;
    this.parent = parent;
    this.segments = segments;
    if (parent) {
      this.operation = parent.kind === 'operation' ? parent : parent.operation;
      this.pathItem = parent.kind === 'path-item' ? parent : parent.pathItem;
      this.parameter = parent.kind === 'parameter' ? parent : parent.parameter;
    }
  }

  /** Segments from the document root. */
  get path(): Segment[] {
    if (!this.cachedPath) this.cachedPath = this.parent ? [...this.parent.path, ...this.segments] : [...this.segments];
    return this.cachedPath;
  }

  /** JSON pointer from the document root, like `/paths/~1items/get`. */
  get pointer(): string {
    this.cachedPointer ??= toPointer(this.path);
    return this.cachedPointer;
  }

  /** Pointer of a key (or deeper path) below this node. */
  at(...segments: Segment[]): string {
    return this.pointer + toPointer(segments);
  }

}

export interface OperationEntry {
  visit: Visit;
  /** Lower-case method, like `get`. */
  method: string;
  /** The path template, like `/items/{id}`. */
  path: string;
  pathItem: Visit;
  /** `operationId` when it is a string. */
  operationId: string | undefined;
}

export interface Analysis {
  readonly swagger: Swagger;
  /** Every visit, in document order. */
  readonly visits: readonly Visit[];
  readonly operations: readonly OperationEntry[];
  /** First operation with each operationId. */
  readonly operationsById: ReadonlyMap<string, OperationEntry>;
  /** Operation entries by their operation visit. */
  readonly operationByVisit: ReadonlyMap<Visit, OperationEntry>;
  /** Visits of one kind, in document order. */
  of(kind: VisitKind): readonly Visit[];
  /** The parameter (or parameter `ref`) visits written in an operation's or path item's `parameters`, in order. */
  parametersIn(owner: Visit): readonly Visit[];
  /** Visits whose node has at least one `x-ms-*` key, in document order. */
  readonly withXms: readonly Visit[];
  /** Visits whose node has this `x-ms-*` key, in document order. */
  withKey(key: string): readonly Visit[];
}

const cache = new WeakMap<object, Analysis>();

/** The memoized walk of a document. Call it from every rule; the walk happens once per document. */
export function analyze(swagger: Swagger): Analysis {
  let analysis = cache.get(swagger);
  if (!analysis) {
    analysis = walk(swagger);
    cache.set(swagger, analysis);
  }
  return analysis;
}

function walk(swagger: Swagger): Analysis {
  const visits: Visit[] = [];
  const byKind = new Map<VisitKind, Visit[]>();
  const operations: OperationEntry[] = [];
  const operationsById = new Map<string, OperationEntry>();
  const operationByVisit = new Map<Visit, OperationEntry>();
  const parametersByOwner = new Map<Visit, Visit[]>();
  const withXms: Visit[] = [];

  const add = (kind: VisitKind, node: JsonObject, parent: Visit | undefined, segments: readonly Segment[]): Visit => {
    const visit = new Visit(kind, node, parent, segments);
    visits.push(visit);
    for (const key in node) {
      if (key.startsWith('x-ms-')) (visit.xms ??= []).push(key);
    }
    if (visit.xms) withXms.push(visit);
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(visit);
    return visit;
  };

  /** A `$ref` node, or undefined when `node` is not one. */
  const refVisit = (
    node: JsonObject,
    parent: Visit,
    segments: readonly Segment[],
    refOf: NonNullable<Visit['refOf']>,
  ): Visit | undefined => {
    if (typeof node.$ref !== 'string') return undefined;
    const visit = add('ref', node, parent, segments);
    visit.refOf = refOf;
    visit.ref = node.$ref;
    return visit;
  };

  const externalDocs = (node: JsonObject, parent: Visit) => {
    if (isObject(node.externalDocs)) add('external-docs', node.externalDocs, parent, ['externalDocs']);
  };

  const items = (node: JsonObject, parent: Visit, depth: number) => {
    if (!isObject(node.items) || depth > MAX_DEPTH) return;
    const visit = add('items', node.items, parent, ['items']);
    items(node.items, visit, depth + 1);
  };

  const schema = (
    node: Json | undefined,
    parent: Visit,
    segments: readonly Segment[],
    dynamicAllowed: boolean,
    root: SchemaRoot,
    depth: number,
  ) => {
    if (!isObject(node) || depth > MAX_DEPTH) return;
    const ref = refVisit(node, parent, segments, 'schema');
    if (ref) {
      ref.dynamicAllowed = dynamicAllowed;
      ref.schemaRoot = root;
      ref.isRoot = depth === 0;
      return;
    }
    const visit = add('schema', node, parent, segments);
    visit.dynamicAllowed = dynamicAllowed;
    visit.schemaRoot = root;
    visit.isRoot = depth === 0;
    const next = depth + 1;
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) schema(child, visit, ['properties', name], dynamicAllowed, root, next);
    }
    if (isObject(node.additionalProperties)) {
      schema(node.additionalProperties, visit, ['additionalProperties'], dynamicAllowed, root, next);
    }
    if (Array.isArray(node.items)) {
      node.items.forEach((child, i) => schema(child, visit, ['items', i], false, root, next));
    } else if (isObject(node.items)) {
      schema(node.items, visit, ['items'], dynamicAllowed, root, next);
    }
    if (Array.isArray(node.allOf)) node.allOf.forEach((child, i) => schema(child, visit, ['allOf', i], dynamicAllowed, root, next));
    for (const key of ['anyOf', 'oneOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((child, i) => schema(child, visit, [key, i], false, root, next));
    }
    if (isObject(node.not)) schema(node.not, visit, ['not'], false, root, next);
    if (isObject(node.xml)) add('xml', node.xml, visit, ['xml']);
    externalDocs(node, visit);
  };

  const parameter = (node: Json | undefined, parent: Visit, segments: readonly Segment[]): Visit | undefined => {
    if (!isObject(node)) return undefined;
    const ref = refVisit(node, parent, segments, 'parameter');
    if (ref) return ref;
    const visit = add('parameter', node, parent, segments);
    visit.in = typeof node.in === 'string' ? node.in : undefined;
    if (visit.in === 'body') schema(node.schema, visit, ['schema'], true, 'body', 0);
    else items(node, visit, 0);
    return visit;
  };

  const parameterList = (node: JsonObject, parent: Visit) => {
    if (!Array.isArray(node.parameters)) return;
    const list: Visit[] = [];
    node.parameters.forEach((p, i) => {
      const visit = parameter(p, parent, ['parameters', i]);
      if (visit) list.push(visit);
    });
    parametersByOwner.set(parent, list);
  };

  const response = (node: Json | undefined, parent: Visit, segments: readonly Segment[]) => {
    if (!isObject(node)) return;
    if (refVisit(node, parent, segments, 'response')) return;
    const visit = add('response', node, parent, segments);
    schema(node.schema, visit, ['schema'], true, 'response', 0);
    if (isObject(node.headers)) {
      for (const [name, header] of Object.entries(node.headers)) {
        if (!isObject(header)) continue;
        const h = add('response-header', header, visit, ['headers', name]);
        items(header, h, 0);
      }
    }
  };

  const operation = (node: JsonObject, pathItem: Visit, method: string, path: string) => {
    const visit = add('operation', node, pathItem, [method]);
    const entry: OperationEntry = {
      visit,
      method,
      path,
      pathItem,
      operationId: typeof node.operationId === 'string' ? node.operationId : undefined,
    };
    operations.push(entry);
    operationByVisit.set(visit, entry);
    if (entry.operationId !== undefined && !operationsById.has(entry.operationId)) operationsById.set(entry.operationId, entry);
    externalDocs(node, visit);
    parameterList(node, visit);
    if (isObject(node.responses)) {
      const responses = add('responses', node.responses, visit, ['responses']);
      for (const [code, value] of Object.entries(node.responses)) {
        if (!code.startsWith('x-')) response(value, responses, [code]);
      }
    }
  };

  const root = add('root', swagger, undefined, []);
  if (isObject(swagger.info)) {
    const info = add('info', swagger.info, root, ['info']);
    if (isObject(swagger.info.contact)) add('contact', swagger.info.contact, info, ['contact']);
    if (isObject(swagger.info.license)) add('license', swagger.info.license, info, ['license']);
  }
  externalDocs(swagger, root);
  if (Array.isArray(swagger.tags)) {
    swagger.tags.forEach((tag, i) => {
      if (!isObject(tag)) return;
      const visit = add('tag', tag, root, ['tags', i]);
      externalDocs(tag, visit);
    });
  }
  if (isObject(swagger.securityDefinitions)) {
    for (const [name, scheme] of Object.entries(swagger.securityDefinitions)) {
      if (isObject(scheme)) add('security-scheme', scheme, root, ['securityDefinitions', name]);
    }
  }
  if (isObject(swagger.parameters)) {
    for (const [name, p] of Object.entries(swagger.parameters)) parameter(p, root, ['parameters', name]);
  }
  if (isObject(swagger.responses)) {
    for (const [name, r] of Object.entries(swagger.responses)) response(r, root, ['responses', name]);
  }
  if (isObject(swagger.paths)) {
    const paths = add('paths', swagger.paths, root, ['paths']);
    for (const [path, item] of Object.entries(swagger.paths)) {
      if (path.startsWith('x-') || !isObject(item)) continue;
      if (refVisit(item, paths, [path], 'path-item')) continue;
      const pathItem = add('path-item', item, paths, [path]);
      parameterList(item, pathItem);
      for (const [key, value] of Object.entries(item)) {
        if (isMethod(key) && isObject(value)) operation(value, pathItem, key, path);
      }
      const content = item['x-ms-notification-content'];
      if (isObject(content)) {
        const visit = add('notification-content', content, pathItem, ['x-ms-notification-content']);
        schema(content.schema, visit, ['schema'], true, 'notification', 0);
      }
    }
  }
  if (isObject(swagger.definitions)) {
    for (const [name, def] of Object.entries(swagger.definitions)) schema(def, root, ['definitions', name], true, 'definition', 0);
  }

  let byKey: Map<string, Visit[]> | undefined;
  const withKey = (key: string): readonly Visit[] => {
    if (!byKey) {
      byKey = new Map();
      for (const visit of withXms) {
        for (const k of visit.xms!) {
          let list = byKey.get(k);
          if (!list) byKey.set(k, (list = []));
          list.push(visit);
        }
      }
    }
    return byKey.get(key) ?? [];
  };

  return {
    swagger,
    visits,
    withXms,
    withKey,
    operations,
    operationsById,
    operationByVisit,
    of: (kind) => byKind.get(kind) ?? [],
    parametersIn: (owner) => parametersByOwner.get(owner) ?? [],
  };
}

/** Human name of a position, for messages: "a query parameter", "an operation". */
export function describe(visit: Visit): string {
  switch (visit.kind) {
    case 'root':
      return 'the document root';
    case 'info':
      return '`info`';
    case 'parameter':
      return visit.in ? `${article(visit.in)} ${visit.in} parameter` : 'a parameter';
    case 'ref':
      return `a ${visit.refOf ?? 'schema'} reference`;
    case 'external-docs':
      return '`externalDocs`';
    case 'items':
      return 'parameter `items`';
    case 'notification-content':
      return '`x-ms-notification-content`';
    case 'xml':
      return '`xml`';
    case 'paths':
      return '`paths`';
    case 'responses':
      return '`responses`';
    default:
      return `${article(visit.kind)} ${visit.kind.replace('-', ' ')}`;
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * Routing a request to an operation of a compiled connector: method, `basePath` and the path
 * template, matched segment by segment on the raw path. Path parameters are percent-decoded after the
 * path is split on `/`, so a value holding `%2F` stays one segment; `x-ms-url-encoding: double`
 * values are decoded twice (src/swagger/README.md, "URL"). Of several matching templates the one
 * with the most literal text wins (`/lists/search` before `/lists/{id}`).
 */
import { closest } from 'fastest-levenshtein';
import { analyze, parametersOf, policiesFor, routeTarget, type ApiProperties, type NonBodyParameter, type OperationEntry, type Swagger } from '../swagger/index.ts';

export interface Route {
  operation: OperationEntry;
  method: string;
  /** `basePath` + template, as served: `/3.0/lists/{list_id}`. */
  template: string;
  segments: Segment[];
  /** Characters of literal text, the tie-breaker between templates. */
  literal: number;
  /** Path parameters written with `x-ms-url-encoding: double`. */
  double: ReadonlySet<string>;
  /** Where a `routerequesttoendpoint` policy sends the operation, rather than its Swagger path. */
  routed: boolean;
}

interface Segment {
  pattern: RegExp;
  /** Parameter names of the segment's `{…}` parts, in order. */
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; path: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none'; closest: string | undefined }
  | { kind: 'bad-path' };

/** `/3.0` from `basePath`, `''` for none or `/`. */
export function basePathOf(swagger: Swagger): string {
  const base = typeof swagger.basePath === 'string' ? swagger.basePath.replace(/\/+$/, '') : '';
  return base === '' || base.startsWith('/') ? base : `/${base}`;
}

/**
 * Every operation's route, most literal first. An operation a `routerequesttoendpoint` policy of
 * `apiProperties` sends elsewhere is also served where it is sent (`/2/issue/createmeta` for JIRA's
 * `/issue/createmeta`), since a client building requests as the platform does (the request builder,
 * so `plugboard test`) calls the API there; a routed path holding a policy expression is not served.
 */
export function routesOf(swagger: Swagger, apiProperties?: ApiProperties): Route[] {
  const base = basePathOf(swagger);
  const analysis = analyze(swagger);
  const routes: Route[] = [];
  for (const operation of analysis.operations) {
    const double = new Set<string>();
    for (const { node } of parametersOf(analysis, operation.visit)) {
      const p = node as NonBodyParameter;
      if (p.in === 'path' && p['x-ms-url-encoding'] === 'double' && typeof p.name === 'string') double.add(p.name);
    }
    const add = (path: string, method: string, routed: boolean) => {
      const template = `${base}/${path.replace(/^\/+/, '')}`;
      const segments = template.split('/').slice(1).map(segmentOf);
      const literal = template.replace(/\{[^}]*\}/g, '').length;
      routes.push({ operation, method: method.toUpperCase(), template, segments, literal, double, routed });
    };
    add(operation.path, operation.method, false);
    // Later policies win, as in the request builder (src/swagger/request.ts).
    const routed = operation.operationId === undefined ? {} : policiesFor(apiProperties, operation.operationId).reduce((to, policy) => ({ ...to, ...routeTarget(policy) }), {} as ReturnType<typeof routeTarget>);
    const path = routed.path ?? operation.path;
    const method = routed.method ?? operation.method;
    if (!routed.path?.includes('@') && (path !== operation.path || method !== operation.method)) add(path, method, true);
  }
  return routes.sort((a, b) => b.literal - a.literal);
}

function segmentOf(text: string): Segment {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const m of text.matchAll(/\{([^}]*)\}/g)) {
    source += escape(text.slice(last, m.index));
    source += '([^/]*)';
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  source += escape(text.slice(last));
  return { pattern: new RegExp(`^${source}$`), names };
}

function escape(literal: string): string {
  // Literal text is compared as a client sends it: percent-encoded where it must be.
  return encodeURI(literal).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The route for `method` and the raw (still encoded) `path`. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const raw = path.split('/').slice(1);
  const allowed = new Set<string>();
  // A template matched only with an empty parameter (`/imports/` by `/imports/{id}`) is the last resort.
  let empty: { route: Route; captured: Array<[string, string]> } | undefined;
  for (const route of routes) {
    if (route.segments.length !== raw.length) continue;
    const captured = capture(route, raw);
    if (captured === undefined) continue;
    if (route.method !== method) {
      allowed.add(route.method);
      continue;
    }
    if (captured.some(([, value]) => value === '')) {
      empty ??= { route, captured };
      continue;
    }
    return found(route, captured);
  }
  if (empty) return found(empty.route, empty.captured);
  if (allowed.size > 0) return { kind: 'method', allowed: [...allowed].sort() };
  return { kind: 'none', closest: closestRoute(routes, method, raw) };
}

/**
 * The route a mistyped request most likely meant, as `GET /repos/{owner}/{repo}/issues`: compared
 * with each template's parameters filled in from the request, so `/repos/a/b/issuez` is one letter
 * from `/repos/{owner}/{repo}/issues`.
 */
function closestRoute(routes: readonly Route[], method: string, raw: readonly string[]): string | undefined {
  if (routes.length === 0) return undefined;
  const filled = routes.map((route) => {
    const path = route.template.split('/').slice(1).map((text, i) => (/\{[^}]*\}/.test(text) && raw[i] !== undefined ? raw[i] : text));
    return `${route.method} /${path.join('/')}`;
  });
  const best = closest(`${method} /${raw.join('/')}`.slice(0, 500), filled);
  const route = routes[filled.indexOf(best)]!;
  return `${route.method} ${route.template}`;
}

function found(route: Route, captured: Array<[string, string]>): RouteMatch {
  const values = decodeAll(route, captured);
  return values ? { kind: 'found', route, path: values } : { kind: 'bad-path' };
}

function capture(route: Route, raw: readonly string[]): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i++) {
    const segment = route.segments[i]!;
    const m = segment.pattern.exec(raw[i]!);
    if (!m) return undefined;
    segment.names.forEach((name, k) => out.push([name, m[k + 1]!]));
  }
  return out;
}

function decodeAll(route: Route, captured: Array<[string, string]>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [name, value] of captured) {
    const once = decode(value);
    const twice = once !== undefined && route.double.has(name) ? decode(once) : once;
    if (twice === undefined) return undefined;
    out[name] = twice;
  }
  return out;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

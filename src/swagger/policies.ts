/**
 * The request-side policy templates of `apiProperties.json` that change where a request goes or
 * what it carries (`setheader`, `setqueryparameter`, `dynamichosturl`, `routerequesttoendpoint`),
 * and the policy expressions their parameters may hold. What each template does is written in
 * README.md ("Policy templates").
 */
import { Placeholder, type Piece } from './placeholder.ts';
import { isMethod, isObject, type ApiProperties, type JsonObject, type Method } from './types.ts';

export interface Policy {
  /** Lower-cased: the platform matches template ids without regard to case. */
  templateId: string;
  /** The template's own parameters, without the `x-ms-apimTemplateParameter.` prefix. */
  get(name: string): string | undefined;
  /** `Request`, `Response` or `Failure`; undefined when not written. */
  section: string | undefined;
}

const PREFIX = 'x-ms-apimTemplateParameter.';

/** The policy instances that apply to `operationId`, in written order. */
export function policiesFor(apiProperties: ApiProperties | undefined, operationId: string): Policy[] {
  const properties = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties : undefined;
  const list = properties && Array.isArray(properties.policyTemplateInstances) ? properties.policyTemplateInstances : [];
  const out: Policy[] = [];
  for (const instance of list) {
    if (!isObject(instance) || typeof instance.templateId !== 'string') continue;
    const parameters: JsonObject = isObject(instance.parameters) ? instance.parameters : {};
    // No list, or an empty one, scopes the instance to every operation.
    const scope = parameters['x-ms-apimTemplate-operationName'];
    if (Array.isArray(scope) && scope.length > 0 && !scope.includes(operationId)) continue;
    const section = parameters['x-ms-apimTemplate-policySection'];
    out.push({
      templateId: instance.templateId.toLowerCase(),
      get: (name) => {
        const key = PREFIX + name;
        const value = Object.hasOwn(parameters, key) ? parameters[key] : undefined;
        return typeof value === 'string' ? value : undefined;
      },
      section: typeof section === 'string' ? section : undefined,
    });
  }
  return out;
}

/**
 * Where a `routerequesttoendpoint` instance sends the request: its `newPath` (from the basePath, with
 * a leading `/`) and its `httpMethod` when that is a method rather than an expression such as
 * `@Request.OriginalHTTPMethod` (then the method stays). Both undefined for other templates.
 */
export function routeTarget(policy: Policy): { path?: string; method?: Method } {
  if (policy.templateId !== 'routerequesttoendpoint') return {};
  const newPath = policy.get('newPath');
  const method = policy.get('httpMethod')?.toLowerCase();
  return { ...(newPath ? { path: `/${newPath.replace(/^\/+/, '')}` } : {}), ...(method && isMethod(method) ? { method } : {}) };
}

/** Where a policy expression reads its values from. */
export interface ExpressionScope {
  connectionParameter(name: string): Piece | undefined;
  header(name: string): string | undefined;
  queryParameter(name: string): Piece | undefined;
}

/**
 * `@connectionParameters('name'[, 'default'])`, `@headers('name'[, 'default'])` and
 * `@queryParameters('name')`, bare or inside `@{…}`. A connection parameter with neither a value
 * nor a default becomes a placeholder; other expressions stay as written.
 */
const EXPRESSION = /@\{?(connectionParameters|headers|queryParameters)\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)\}?/g;

export function evaluate(template: string, scope: ExpressionScope): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(EXPRESSION)) {
    const [whole, fn, name = '', fallback] = match;
    if (match.index > last) pieces.push(template.slice(last, match.index));
    last = match.index + whole.length;
    const value = fn === 'connectionParameters' ? scope.connectionParameter(name) : fn === 'headers' ? scope.header(name) : scope.queryParameter(name);
    if (value !== undefined) pieces.push(value);
    else if (fallback !== undefined) pieces.push(fallback);
    else if (fn === 'connectionParameters') pieces.push(new Placeholder(name));
  }
  if (last < template.length) pieces.push(template.slice(last));
  return pieces;
}

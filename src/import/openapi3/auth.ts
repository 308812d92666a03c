/**
 * OpenAPI 3 security schemes → the `auth` sugar. The platform does API keys (header or query),
 * basic, and OAuth 2.0 authorization code; bearer tokens become an `Authorization` API key,
 * client credentials, password, implicit, OpenID Connect, cookies and other HTTP schemes are
 * reported as unsupported.
 */
import type { Path } from '../../core/pointer.ts';
import { humanize, UniqueIds, type Reporter } from './emit.ts';
import { isObject as isObj } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

/**
 * Where a source gives no OAuth 2.0 endpoint: URLs under `example.com` (reserved, RFC 2606) that
 * check clean and that nobody can mistake for the real ones.
 */
export const OAUTH_PLACEHOLDERS = {
  authorizationUrl: 'https://login.example.com/oauth2/authorize',
  tokenUrl: 'https://login.example.com/oauth2/token',
} as const;

/**
 * Fills the endpoints an `oauth2` auth lacks (missing, or a variable nobody resolved) with
 * placeholders, and says what to fill in: without them the Swagger `accessCode` scheme is invalid.
 */
export function fillOAuthEndpoints(auth: Obj, urls: { authorizationUrl?: string; tokenUrl?: string }, at: Path, r: Reporter, what: string): void {
  const usable = (url: string | undefined) => (url && /^https?:\/\/[^\s{}]+$/i.test(url) ? url : undefined);
  const missing: string[] = [];
  for (const key of ['authorizationUrl', 'tokenUrl'] as const) {
    const url = usable(urls[key]);
    if (url) auth[key] = url;
    else {
      auth[key] = OAUTH_PLACEHOLDERS[key];
      missing.push(urls[key] ? `\`${key}\` (\`${urls[key]}\` is not an absolute URL)` : `\`${key}\``);
    }
  }
  auth.refreshUrl = auth.tokenUrl;
  if (!missing.length) return;
  const which = missing.length === 2 ? 'the authorization and token URLs' : missing[0]!.startsWith('`authorizationUrl`') ? 'the authorization URL' : 'the token URL';
  r.approximated(
    `${what} has no ${missing.join(' and ')}: placeholders under login.example.com are written; replace ${which} (and \`refreshUrl\`) in connector.mdx with your identity provider's endpoints before you deploy`,
    at,
    ['oauth-endpoints-placeholders', ...missing.map((m) => m.slice(1, m.indexOf('`', 1)))],
  );
}

/** One scheme → `auth`, or undefined (reported) when the platform cannot do it. */
export function schemeToAuth(name: string, scheme: Obj, scopes: string[], at: Path, r: Reporter, base?: string): Obj | undefined {
  const description = typeof scheme.description === 'string' ? scheme.description : undefined;
  const type = scheme.type;
  if (type === 'apiKey') {
    if (scheme.in !== 'header' && scheme.in !== 'query') {
      r.unsupportedAuth(`API key in a ${String(scheme.in)} (scheme \`${name}\`) is not supported by the platform`, [...at, 'in'], ['api-key-scheme-not', name]);
      return undefined;
    }
    const auth: Obj = { type: 'apiKey', in: scheme.in, name: String(scheme.name ?? 'api_key') };
    if (description) auth.field = { description };
    return auth;
  }
  if (type === 'http') {
    const s = String(scheme.scheme ?? '').toLowerCase();
    if (s === 'basic') return { type: 'basic' };
    if (s === 'bearer') {
      r.approximated(`Bearer scheme \`${name}\` becomes an API key in the \`Authorization\` header: users enter "Bearer <token>"`, at, ['bearer-scheme-becomes-api', name]);
      return { type: 'apiKey', in: 'header', name: 'Authorization', field: { label: 'Bearer token', description: description ?? 'Enter "Bearer " followed by your token' } };
    }
    r.unsupportedAuth(`HTTP \`${s}\` auth (scheme \`${name}\`) is not supported by the platform`, [...at, 'scheme'], ['http-auth-scheme-not', name]);
    return undefined;
  }
  if (type === 'oauth2') {
    const flows = isObj(scheme.flows) ? scheme.flows : {};
    const code = isObj(flows.authorizationCode) ? flows.authorizationCode : undefined;
    for (const flow of Object.keys(flows)) {
      if (flow !== 'authorizationCode') r.unsupportedAuth(`OAuth 2.0 \`${flow}\` flow (scheme \`${name}\`) is not supported by custom connectors; only authorization code is`, [...at, 'flows', flow], ['oauth-2-0-flow', name]);
    }
    if (!code) return undefined;
    const all = isObj(code.scopes) ? Object.keys(code.scopes) : [];
    const auth: Obj = { type: 'oauth2', provider: 'oauth2', clientId: '[YOUR_CLIENT_ID]', scopes: scopes.length ? scopes : all };
    // OpenAPI 3.1: endpoint URLs may be relative to the server's.
    const text = (v: unknown) => (typeof v === 'string' ? absolute(v, base) : undefined);
    fillOAuthEndpoints(auth, { ...(text(code.authorizationUrl) ? { authorizationUrl: text(code.authorizationUrl)! } : {}), ...(text(code.tokenUrl) ? { tokenUrl: text(code.tokenUrl)! } : {}) }, [...at, 'flows', 'authorizationCode'], r, `OAuth 2.0 scheme \`${name}\``);
    if (typeof code.refreshUrl === 'string' && /^https?:\/\//i.test(absolute(code.refreshUrl, base))) auth.refreshUrl = absolute(code.refreshUrl, base);
    auth.redirectMode = 'GlobalPerConnector';
    return auth;
  }
  if (type === 'openIdConnect') {
    r.unsupportedAuth(`OpenID Connect (scheme \`${name}\`) is not supported by custom connectors; configure OAuth 2.0 with the provider's endpoints`, at, ['openid-connect-scheme-not', name]);
    return undefined;
  }
  if (type === 'mutualTLS') {
    r.unsupportedAuth(`Mutual TLS (scheme \`${name}\`) is not supported by custom connectors`, at, ['mutual-tls-scheme-not', name]);
    return undefined;
  }
  r.unsupportedAuth(`Security scheme \`${name}\` of type \`${String(type)}\` is not supported`, at, ['security-scheme-type-not', name]);
  return undefined;
}

/**
 * The document's security → the `auth` block: one scheme the platform can do becomes that
 * `auth`; several become the options of `type: multi` (users choose one when they connect, the
 * platform's `connectionParameterSets`), each keeping its scheme name.
 */
export function convertSecurity(doc: Obj, r: Reporter): Obj {
  const components = isObj(doc.components) ? doc.components : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  const names = Object.keys(schemes);
  if (!names.length) return { type: 'none' };
  // Requirements in order: the root `security`, else every scheme on its own.
  const requirements: Array<{ names: string[]; scopes: Record<string, string[]>; at: Path }> = [];
  if (Array.isArray(doc.security)) {
    doc.security.forEach((req, i) => {
      if (isObj(req)) requirements.push({ names: Object.keys(req), scopes: req as Record<string, string[]>, at: ['security', i] });
    });
  }
  if (!requirements.length) for (const n of names) requirements.push({ names: [n], scopes: {}, at: ['components', 'securitySchemes', n] });
  const options: Array<{ name: string; auth: Obj; description?: string }> = [];
  for (const req of requirements) {
    if (req.names.length === 0) continue;
    if (req.names.length > 1) {
      r.unsupportedAuth(`Requirement combining ${req.names.map((n) => `\`${n}\``).join(' and ')} is not supported: a connection signs with one scheme`, req.at, ['requirement-combining-not-supported']);
      continue;
    }
    const n = req.names[0]!;
    const scheme = Object.hasOwn(schemes, n) ? schemes[n] : undefined;
    if (!isObj(scheme)) {
      r.invalid(`Security requirement names an unknown scheme \`${n}\``, [...req.at, n], ['security-requirement-names-unknown']);
      continue;
    }
    if (options.some((o) => o.name === n)) continue;
    const scopes = Array.isArray(req.scopes[n]) ? req.scopes[n]!.map(String) : [];
    const auth = schemeToAuth(n, scheme, scopes, ['components', 'securitySchemes', n], r, serverUrl(doc));
    // The scheme's description goes on the option, unless the key field says it already.
    const description = typeof scheme.description === 'string' && !(isObj(auth?.field) && auth.field.description === scheme.description) ? scheme.description : undefined;
    if (auth) options.push({ name: n, auth, ...(description ? { description } : {}) });
  }
  if (options.length <= 1) return options[0]?.auth ?? { type: 'none' };
  r.approximated(
    `${options.length} security schemes (${options.map((o) => `\`${o.name}\``).join(', ')}) become the options of \`auth: { type: multi }\`: users choose one when they create a connection`,
    Array.isArray(doc.security) ? ['security'] : ['components', 'securitySchemes'],
    ['security-schemes-become-multi'],
  );
  // The option id ("Auth ID") is a plain name, unique: letters, digits, `-` and `_`.
  const ids = new UniqueIds();
  return {
    type: 'multi',
    label: 'Authentication type',
    options: options.map((o) => ({
      name: ids.take(o.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'auth'),
      label: labelOf(o.auth, options.filter((x) => x.auth.type === o.auth.type).length > 1 ? o.name : undefined),
      ...(o.description ? { description: o.description } : {}),
      auth: { ...o.auth, scheme: o.name },
    })),
  };
}

/** The first server's URL when it is absolute and has no variables: what relative OAuth URLs resolve against. */
function serverUrl(doc: Obj): string | undefined {
  const first = Array.isArray(doc.servers) && isObj(doc.servers[0]) ? doc.servers[0].url : undefined;
  return typeof first === 'string' && /^https?:\/\/[^{}]+$/i.test(first) ? first : undefined;
}

/** `url` resolved against `base` when it is relative (and both parse); as given otherwise. */
function absolute(url: string, base: string | undefined): string {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || base === undefined) return url;
  try {
    return new URL(url, base.endsWith('/') ? base : `${base}/`).href;
  } catch {
    return url;
  }
}

/** What the connection dialog calls an option: by its kind, or by its scheme name when two are of one kind. */
function labelOf(auth: Obj, name: string | undefined): string {
  if (name !== undefined) return humanize(name);
  if (auth.type === 'oauth2') return 'OAuth 2.0';
  if (auth.type === 'basic') return 'User name and password';
  const field = isObj(auth.field) ? auth.field : {};
  return typeof field.label === 'string' ? field.label : 'API key';
}

/** Connection fields every option needs (server variables): on the auth, or on each option of `multi`. */
export function withFields(auth: Obj, fields: Obj): Obj {
  if (!Object.keys(fields).length) return auth;
  const add = (a: Obj): Obj => ({ ...a, fields: { ...(isObj(a.fields) ? a.fields : {}), ...fields } });
  if (auth.type !== 'multi' || !Array.isArray(auth.options)) return add(auth);
  return { ...auth, options: auth.options.map((o) => (isObj(o) && isObj(o.auth) ? { ...o, auth: add(o.auth) } : o)) };
}

/**
 * OpenAPI 3 security schemes → the `auth` sugar. The platform does API keys (header or query),
 * basic, and OAuth 2.0 authorization code; bearer tokens become an `Authorization` API key,
 * client credentials, password, implicit, OpenID Connect, cookies and other HTTP schemes are
 * reported as unsupported.
 */
import type { Path } from '../../core/pointer.ts';
import type { Reporter } from './emit.ts';
import { isObject as isObj } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

/** One scheme → `auth`, or undefined (reported) when the platform cannot do it. */
export function schemeToAuth(name: string, scheme: Obj, scopes: string[], at: Path, r: Reporter): Obj | undefined {
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
    if (typeof code.authorizationUrl === 'string') auth.authorizationUrl = code.authorizationUrl;
    if (typeof code.tokenUrl === 'string') auth.tokenUrl = code.tokenUrl;
    auth.refreshUrl = typeof code.refreshUrl === 'string' ? code.refreshUrl : auth.tokenUrl;
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

/** The document's security → one `auth` block (the first requirement the platform can do). */
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
  let chosen: Obj | undefined;
  let chosenName: string | undefined;
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
    const scopes = Array.isArray(req.scopes[n]) ? req.scopes[n]!.map(String) : [];
    const auth = schemeToAuth(n, scheme, scopes, ['components', 'securitySchemes', n], r);
    if (auth && !chosen) {
      chosen = auth;
      chosenName = n;
    } else if (auth) {
      r.approximated(`Scheme \`${n}\` is not used: the connection signs with \`${chosenName}\``, ['components', 'securitySchemes', n], ['scheme-not-used-connection']);
    }
  }
  return chosen ?? { type: 'none' };
}

/**
 * How a connector signs in, as the export formats say it. Swagger `securityDefinitions` are only
 * part of it: most real connectors declare OAuth in apiProperties alone (an `oauthSetting`
 * connection parameter), and multi-auth connectors (`connectionParameterSets`) have one option per
 * set. Each becomes a scheme the formats know: an OAuth 2.0 authorization-code flow with the
 * identity provider's endpoints, HTTP basic, or an API key found through the policy that sends it.
 * Pure: the same compiled connector gives the same schemes.
 */
import { PROVIDER_ENDPOINTS } from '../compiler/passes/auth.ts';
import { getOwn } from '../core/own.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

/** An auth option in a form both exporters can write. */
export type AuthScheme =
  | { type: 'oauth2'; authorizationUrl: string; tokenUrl: string; refreshUrl?: string; scopes: string[]; provider: string }
  | { type: 'basic' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; parameter: string }
  | { type: 'none' };

/** One option: its scheme, or why it has none. */
export interface AuthOption {
  /** The set's name (`connectionParameterSets`), or the parameter's (`token`). */
  name: string;
  label?: string;
  /** JSON pointer into apiProperties. */
  at: string;
  scheme?: AuthScheme;
  why?: string;
}

/** A `customParameters` value by name, case-insensitively (`AuthorizationUrlTemplate` in the wild). */
function custom(settings: Obj, ...names: string[]): string | undefined {
  const params = isObject(settings.customParameters) ? settings.customParameters : {};
  for (const [key, entry] of Object.entries(params)) {
    if (!names.some((n) => n.toLowerCase() === key.toLowerCase())) continue;
    const value = isObject(entry) ? entry.value : entry;
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

const isUrl = (s: string | undefined): s is string => typeof s === 'string' && /^https?:\/\/[^\s{}]+$/.test(s);

/**
 * The endpoints of an `oAuthSettings` block: its own custom parameters (generic OAuth and the
 * template-driven `oauth2generic`), the Entra ID endpoints of its login URI and tenant, or the
 * endpoints of a provider the platform knows by name.
 */
export function oauthEndpoints(settings: Obj): { authorizationUrl: string; tokenUrl: string; refreshUrl?: string } | undefined {
  const provider = String(settings.identityProvider ?? 'oauth2').toLowerCase();
  if (provider === 'aad' || provider === 'aadcertificate') {
    const login = (custom(settings, 'loginUri', 'loginUriAAD') ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
    const tenant = custom(settings, 'tenantId') ?? 'common';
    if (!isUrl(login) || !/^[\w.-]+$/.test(tenant)) return undefined;
    return { authorizationUrl: `${login}/${tenant}/oauth2/authorize`, tokenUrl: `${login}/${tenant}/oauth2/token`, refreshUrl: `${login}/${tenant}/oauth2/token` };
  }
  const authorizationUrl = custom(settings, 'authorizationUrl', 'authorizationUrlTemplate');
  const tokenUrl = custom(settings, 'tokenUrl', 'tokenUrlTemplate');
  const refreshUrl = custom(settings, 'refreshUrl', 'refreshUrlTemplate');
  if (isUrl(authorizationUrl) && isUrl(tokenUrl)) return { authorizationUrl, tokenUrl, ...(isUrl(refreshUrl) ? { refreshUrl } : {}) };
  const known = getOwn<{ authorizationUrl: string; tokenUrl: string }>(PROVIDER_ENDPOINTS, provider);
  return known ? { ...known } : undefined;
}

/** Scopes as a list: one space-joined string is split, names with spaces in a longer list are kept. */
export function oauthScopes(settings: Obj): string[] {
  const raw = Array.isArray(settings.scopes) ? settings.scopes.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
  if (raw.length === 1) return raw[0]!.trim().split(/\s+/);
  return raw.map((s) => s.trim());
}

/** `@connectionParameters('name')` (with an optional default) as the whole value. */
function connectionParameterOf(value: unknown): string | undefined {
  return typeof value === 'string' ? /^@connectionParameters\('([^']+)'(?:\s*,\s*'[^']*')?\)$/.exec(value.trim())?.[1] : undefined;
}

/** The policies that send a connection parameter as a header or query value: parameter → where. */
function sentBy(policies: unknown[]): Map<string, { in: 'header' | 'query'; name: string }> {
  const out = new Map<string, { in: 'header' | 'query'; name: string }>();
  for (const p of policies) {
    if (!isObject(p) || !isObject(p.parameters)) continue;
    const template = String(p.templateId ?? '').toLowerCase();
    if (template !== 'setheader' && template !== 'setqueryparameter') continue;
    const param = connectionParameterOf(p.parameters['x-ms-apimTemplateParameter.value']);
    const name = p.parameters['x-ms-apimTemplateParameter.name'];
    if (param && typeof name === 'string' && !out.has(param)) out.set(param, { in: template === 'setheader' ? 'header' : 'query', name });
  }
  return out;
}

/** The scheme of one set of connection parameters (one option of a multi-auth connector), or why there is none. */
function schemeOf(params: Obj, policies: unknown[], definitions: Obj): { scheme?: AuthScheme; why?: string } {
  const entries = Object.entries(params).filter(([, p]) => isObject(p)) as Array<[string, Obj]>;
  const oauth = entries.find(([, p]) => p.type === 'oauthSetting');
  if (oauth) {
    const settings = isObject(oauth[1].oAuthSettings) ? oauth[1].oAuthSettings : {};
    const provider = String(settings.identityProvider ?? 'oauth2');
    const endpoints = oauthEndpoints(settings);
    if (!endpoints) return { why: `identity provider \`${provider}\` has no endpoints that plugboard knows or that the settings name` };
    return { scheme: { type: 'oauth2', ...endpoints, scopes: oauthScopes(settings), provider } };
  }
  if (entries.some(([, p]) => p.type === 'gatewaySetting')) return { why: 'it signs in through an on-premises data gateway' };
  const names = new Set(entries.map(([n]) => n.toLowerCase()));
  if (names.has('username') && names.has('password')) return { scheme: { type: 'basic' } };
  const sent = sentBy(policies);
  const secrets = entries.filter(([, p]) => p.type === 'securestring');
  for (const [name] of secrets) {
    const where = sent.get(name);
    if (where) return { scheme: { type: 'apiKey', in: where.in, name: where.name, parameter: name } };
  }
  // A key the Swagger security definition sends (`api_key` with an apiKey definition).
  const apiKey = Object.values(definitions).find((d) => isObject(d) && d.type === 'apiKey') as Obj | undefined;
  if (apiKey && secrets.length === 1 && (apiKey.in === 'header' || apiKey.in === 'query') && typeof apiKey.name === 'string') {
    return { scheme: { type: 'apiKey', in: apiKey.in, name: apiKey.name, parameter: secrets[0]![0] } };
  }
  if (!secrets.length) return { scheme: { type: 'none' } };
  return { why: `no security definition or policy says how \`${secrets.map(([n]) => n).join('`, `')}\` is sent` };
}

/**
 * The auth options apiProperties declares beyond the Swagger security definitions: every set of
 * `connectionParameterSets`, else an `oauthSetting` connection parameter when the Swagger has no
 * oauth2 definition (OAuth declared only in apiProperties). Empty when the Swagger says it all.
 */
export function authOptions(swagger: Obj, properties: Obj): AuthOption[] {
  const policies = Array.isArray(properties.policyTemplateInstances) ? properties.policyTemplateInstances : [];
  const definitions = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
  const sets = isObject(properties.connectionParameterSets) && Array.isArray(properties.connectionParameterSets.values) ? properties.connectionParameterSets.values : undefined;
  if (sets) {
    return sets.flatMap((set, i): AuthOption[] => {
      if (!isObject(set)) return [];
      const name = typeof set.name === 'string' && set.name ? set.name : `option${i + 1}`;
      const ui = isObject(set.uiDefinition) ? set.uiDefinition : {};
      const label = typeof ui.displayName === 'string' ? ui.displayName : undefined;
      const found = schemeOf(isObject(set.parameters) ? set.parameters : {}, policies, definitions);
      return [{ name, ...(label ? { label } : {}), at: `/properties/connectionParameterSets/values/${i}`, ...found }];
    });
  }
  const params = isObject(properties.connectionParameters) ? properties.connectionParameters : {};
  for (const [name, p] of Object.entries(params)) {
    if (!isObject(p) || p.type !== 'oauthSetting') continue;
    const found = schemeOf({ [name]: p }, policies, definitions);
    return [{ name: 'oauth2', at: `/properties/connectionParameters/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, ...found }];
  }
  return [];
}

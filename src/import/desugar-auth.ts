/**
 * `securityDefinitions` + `security` + `connectionParameters(/Sets)` → the `auth` sugar, the inverse
 * of src/compiler/passes/auth.ts. A candidate is kept only when it compiles back to the same parts.
 */
import { equalJson as equal, setOwn } from '../core/own.ts';
import { compileAuth } from '../compiler/passes/auth.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

/** A connection parameter → connection field sugar (verified by the caller through compileAuth). */
function desugarField(param: unknown, secretByDefault: boolean): Obj | undefined {
  if (!isObject(param) || !isObject(param.uiDefinition)) return undefined;
  const ui = param.uiDefinition;
  const c = isObject(ui.constraints) ? ui.constraints : {};
  const field: Obj = {};
  if (ui.displayName !== undefined) field.label = ui.displayName;
  if (ui.description !== undefined) field.description = ui.description;
  if (ui.tooltip !== undefined) field.tooltip = ui.tooltip;
  if (c.tabIndex !== undefined) field.tabIndex = c.tabIndex;
  if (c.clearText !== undefined) field.clearText = c.clearText;
  if (c.required === 'false') field.required = false;
  if (c.hidden === 'true' || c.hidden === 'false') field.hidden = c.hidden === 'true';
  if ((param.type === 'securestring') !== secretByDefault) field.secret = param.type === 'securestring';
  if (param.defaultValue !== undefined) field.default = param.defaultValue;
  return field;
}

/** Tries the `auth` sugar; returns it with the raw keys it replaces when it compiles back exactly. */
export function desugarAuth(swagger: Obj, props: Obj): { sugar: Obj; consumed: Set<string> } | undefined {
  const defs = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : undefined;
  const params = isObject(props.connectionParameters) ? props.connectionParameters : undefined;
  if (!params || props.connectionParameterSets !== undefined) return undefined;
  const entries = defs ? Object.entries(defs) : [];
  const candidates: Obj[] = [];
  /** Connection parameters other than `main` become `fields`. */
  const withFields = (sugar: Obj, main: string[]): Obj | undefined => {
    const fields: Obj = {};
    for (const [name, param] of Object.entries(params)) {
      if (main.includes(name)) continue;
      const field = desugarField(param, false);
      if (!field) return undefined;
      setOwn(fields, name, field);
    }
    if (Object.keys(fields).length) sugar.fields = fields;
    return sugar;
  };
  const secure = Object.entries(params).filter(([, p]) => isObject(p) && p.type === 'securestring').map(([n]) => n);
  if (entries.length === 0) {
    const none = withFields({ type: 'none' }, []);
    if (none) candidates.push(none);
  }
  if (entries.length === 1 && isObject(entries[0]![1])) {
    const [scheme, def] = entries[0] as [string, Obj];
    const base = (type: string, defaultScheme: string): Obj => {
      const sugar: Obj = { type };
      if (scheme !== defaultScheme) sugar.scheme = scheme;
      if (typeof def.description === 'string') sugar.schemeDescription = def.description;
      return sugar;
    };
    if (def.type === 'apiKey' && secure.length >= 1) {
      const key = params.api_key !== undefined ? 'api_key' : secure[0]!;
      const { type, ...scheme } = base('apiKey', 'api_key');
      const sugar: Obj = { type, in: def.in, name: def.name, ...scheme };
      if (key !== 'api_key') sugar.parameter = key;
      const field = desugarField(params[key], true);
      if (field && field.label === 'API key') delete field.label;
      if (field && Object.keys(field).length) sugar.field = field;
      const full = withFields(sugar, [key]);
      if (full) candidates.push(full);
    } else if (def.type === 'basic' && params.username && params.password) {
      const sugar = base('basic', 'basic_auth');
      const username = desugarField(params.username, true);
      const password = desugarField(params.password, true);
      if (username?.label === 'Username') delete username.label;
      if (password?.label === 'Password') delete password.label;
      if (username && Object.keys(username).length) sugar.username = username;
      if (password && Object.keys(password).length) sugar.password = password;
      const full = withFields(sugar, ['username', 'password']);
      if (full) candidates.push(full);
    } else if (def.type === 'oauth2') {
      const tokenName = Object.keys(params).find((n) => isObject(params[n]) && (params[n] as Obj).type === 'oauthSetting');
      const settings = tokenName ? (params[tokenName] as Obj).oAuthSettings : undefined;
      if (tokenName && isObject(settings) && isObject(settings.customParameters)) {
        const sugar: Obj = { ...base('oauth2', 'oauth2_auth'), provider: settings.identityProvider, clientId: settings.clientId };
        if (Array.isArray(settings.scopes)) sugar.scopes = settings.scopes;
        const custom: Obj = {};
        // Custom parameters the sugar has a key of the same name for, as `{ value }`.
        const plain = new Set(['authorizationUrl', 'tokenUrl', 'refreshUrl', 'loginUri', 'tenantId', 'resourceUri']);
        for (const [k, v] of Object.entries(settings.customParameters)) {
          const generic = ['authorizationUrl', 'tokenUrl', 'refreshUrl'].includes(k);
          if (plain.has(k) && (!generic || settings.identityProvider === 'oauth2') && isObject(v) && Object.keys(v).length === 1 && typeof v.value === 'string') sugar[k] = v.value;
          else if (k === 'enableOnbehalfOfLogin' && isObject(v) && (v.value === 'true' || v.value === 'false')) sugar.onBehalfOf = v.value === 'true';
          else setOwn(custom, k, v);
        }
        if (Object.keys(custom).length) sugar.customParameters = custom;
        // A named provider's endpoints live only in securityDefinitions.
        if (settings.identityProvider !== 'oauth2') {
          if (typeof def.authorizationUrl === 'string') sugar.authorizationUrl = def.authorizationUrl;
          if (typeof def.tokenUrl === 'string') sugar.tokenUrl = def.tokenUrl;
        }
        for (const k of ['redirectMode', 'redirectUrl', 'properties']) if (settings[k] !== undefined) sugar[k] = settings[k];
        if (tokenName !== 'token') sugar.parameter = tokenName;
        const main = [tokenName, ...(settings.identityProvider === 'aad' ? [`${tokenName}:TenantId`] : [])];
        const full = withFields(sugar, main);
        if (full) candidates.push(full);
      }
    }
  }
  for (const sugar of candidates) {
    const compiled = compileAuth(sugar);
    const consumed = new Set<string>(['connectionParameters']);
    if (!equal(compiled.connectionParameters, params)) continue;
    if (compiled.securityDefinitions !== undefined) {
      if (!equal(compiled.securityDefinitions, defs)) continue;
      consumed.add('securityDefinitions');
    } else if (defs !== undefined && Object.keys(defs).length) continue;
    // Root `security` defaults from `auth`; a different one stays raw and wins.
    if (compiled.security !== undefined && equal(compiled.security, swagger.security)) consumed.add('security');
    else if (compiled.security !== undefined && swagger.security === undefined) continue;
    return { sugar, consumed };
  }
  return undefined;
}

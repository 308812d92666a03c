/**
 * The `auth` block → Swagger `securityDefinitions` + root `security`, and apiProperties
 * `connectionParameters` (or `connectionParameterSets` for `type: multi`).
 */
import { assignOwn, getOwn, setOwn } from '../../core/own.ts';
import { isObject } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

export interface CompiledAuth {
  securityDefinitions?: Obj;
  security?: unknown[];
  connectionParameters?: Obj;
  connectionParameterSets?: Obj;
}

/**
 * Endpoints of identity providers the platform knows by name. Swagger still wants both URLs on
 * an accessCode scheme; the platform itself takes them from the provider.
 */
export const PROVIDER_ENDPOINTS: Record<string, { authorizationUrl: string; tokenUrl: string }> = {
  aad: { authorizationUrl: 'https://login.windows.net/common/oauth2/authorize', tokenUrl: 'https://login.windows.net/common/oauth2/authorize' },
  github: { authorizationUrl: 'https://github.com/login/oauth/authorize', tokenUrl: 'https://github.com/login/oauth/access_token' },
  google: { authorizationUrl: 'https://accounts.google.com/o/oauth2/auth', tokenUrl: 'https://oauth2.googleapis.com/token' },
  facebook: { authorizationUrl: 'https://www.facebook.com/dialog/oauth', tokenUrl: 'https://graph.facebook.com/oauth/access_token' },
};

/** The `uiDefinition` of a connection dialog field; `required` is written as `defaults.required` says when not given. */
function uiDefinition(f: Obj, defaults: { label?: string; required?: boolean }): Obj {
  const ui: Obj = {};
  const label = f.label ?? defaults.label;
  if (label !== undefined) ui.displayName = label;
  if (f.description !== undefined) ui.description = f.description;
  if (f.tooltip !== undefined) ui.tooltip = f.tooltip;
  const constraints: Obj = {};
  if (f.tabIndex !== undefined) constraints.tabIndex = f.tabIndex;
  if (f.clearText !== undefined) constraints.clearText = f.clearText;
  const required = f.required === undefined ? defaults.required : f.required;
  if (required !== undefined && required !== null) constraints.required = required === false ? 'false' : 'true';
  if (f.hidden !== undefined) constraints.hidden = f.hidden ? 'true' : 'false';
  if (Array.isArray(f.allowedValues)) {
    constraints.allowedValues = f.allowedValues.map((v) => (isObject(v) ? { text: v.label ?? v.value, value: v.value } : v));
  }
  if (isObject(f.constraints)) assignOwn(constraints, f.constraints);
  if (Object.keys(constraints).length) ui.constraints = constraints;
  if (isObject(f.ui)) assignOwn(ui, f.ui);
  return ui;
}

/** A connection dialog field → an apiProperties connection parameter. */
export function connectionParameter(field: unknown, defaults: { secret: boolean; label?: string }): Obj {
  const f = isObject(field) ? field : {};
  const param: Obj = { type: f.type ?? ((f.secret ?? defaults.secret) ? 'securestring' : 'string') };
  if (f.default !== undefined) param.defaultValue = f.default;
  if (isObject(f.metadata)) param.metadata = f.metadata;
  if (f.noUi !== true) param.uiDefinition = uiDefinition(f, { ...(defaults.label !== undefined ? { label: defaults.label } : {}), required: true });
  return param;
}

function withDescription(definition: Obj, auth: Obj): Obj {
  return auth.schemeDescription === undefined ? definition : { ...definition, description: auth.schemeDescription };
}

function fieldsOf(auth: Obj): Obj {
  const out: Obj = {};
  if (isObject(auth.fields)) for (const [name, f] of Object.entries(auth.fields)) setOwn(out, name, connectionParameter(f, { secret: false }));
  return out;
}

/** Drops the Swagger parts an auth says it does not write (`definition: false`, `rootSecurity: false`). */
function declared(auth: Obj, compiled: CompiledAuth): CompiledAuth {
  const out = { ...compiled };
  if (auth.definition === false) {
    delete out.securityDefinitions;
    delete out.security;
  }
  if (auth.rootSecurity === false) delete out.security;
  return out;
}

function single(auth: Obj): CompiledAuth {
  return declared(auth, singleParts(auth));
}

function singleParts(auth: Obj): CompiledAuth {
  switch (auth.type) {
    case 'none':
      return { connectionParameters: fieldsOf(auth) };
    case 'apiKey': {
      const scheme = String(auth.scheme ?? 'api_key');
      const parameter = String(auth.parameter ?? 'api_key');
      const securityDefinitions: Obj = { [scheme]: withDescription({ type: 'apiKey', in: auth.in, name: auth.name }, auth) };
      const requirement: Obj = { [scheme]: [] };
      const connectionParameters: Obj = { [parameter]: connectionParameter(auth.field, { secret: true, label: 'API key' }) };
      for (const key of Array.isArray(auth.moreKeys) ? auth.moreKeys.filter(isObject) : []) {
        const name = String(key.scheme);
        setOwn(securityDefinitions, name, withDescription({ type: 'apiKey', in: key.in, name: key.name }, key));
        setOwn(requirement, name, []);
        setOwn(connectionParameters, String(key.parameter ?? name), connectionParameter(key.field, { secret: true }));
      }
      return { securityDefinitions, security: [requirement], connectionParameters: { ...connectionParameters, ...fieldsOf(auth) } };
    }
    case 'basic': {
      const scheme = String(auth.scheme ?? 'basic_auth');
      return {
        securityDefinitions: { [scheme]: withDescription({ type: 'basic' }, auth) },
        security: [{ [scheme]: [] }],
        connectionParameters: {
          [String(auth.usernameParameter ?? 'username')]: connectionParameter(auth.username, { secret: true, label: 'Username' }),
          [String(auth.passwordParameter ?? 'password')]: connectionParameter(auth.password, { secret: true, label: 'Password' }),
          ...fieldsOf(auth),
        },
      };
    }
    case 'oauth2': {
      const scheme = String(auth.scheme ?? 'oauth2_auth');
      const parameter = String(auth.parameter ?? 'token');
      const scopes = Array.isArray(auth.scopes) ? auth.scopes : [];
      const urls = isObject(auth.schemeUrls) ? auth.schemeUrls : {};
      const custom: Obj = {};
      const wrap = (key: string, v: unknown) => {
        if (v !== undefined) custom[key] = { value: typeof v === 'boolean' ? String(v) : v };
      };
      // Only the generic provider takes its endpoints from the connection; named ones know theirs.
      if (auth.provider === 'oauth2') {
        wrap('authorizationUrl', auth.authorizationUrl);
        wrap('tokenUrl', auth.tokenUrl);
        wrap('refreshUrl', auth.refreshUrl);
      }
      wrap('loginUri', auth.loginUri);
      wrap('tenantId', auth.tenantId);
      wrap('resourceUri', auth.resourceUri);
      wrap('enableOnbehalfOfLogin', auth.onBehalfOf);
      if (isObject(auth.customParameters)) assignOwn(custom, auth.customParameters);
      const settings: Obj = { identityProvider: auth.provider };
      if (auth.clientId !== undefined) settings.clientId = auth.clientId;
      if (auth.scopes !== null) settings.scopes = scopes;
      if (auth.redirectMode !== undefined) settings.redirectMode = auth.redirectMode;
      if (auth.redirectUrl !== undefined) settings.redirectUrl = auth.redirectUrl;
      if (auth.properties !== undefined) settings.properties = auth.properties;
      settings.customParameters = custom;
      if (isObject(auth.settings)) assignOwn(settings, auth.settings);
      const definition: Obj = { type: 'oauth2', flow: auth.flow ?? 'accessCode' };
      const known = getOwn<{ authorizationUrl: string; tokenUrl: string }>(PROVIDER_ENDPOINTS, String(auth.provider));
      definition.authorizationUrl = urls.authorizationUrl ?? auth.authorizationUrl ?? known?.authorizationUrl;
      definition.tokenUrl = urls.tokenUrl ?? auth.tokenUrl ?? known?.tokenUrl;
      // Swagger 2.0: an implicit flow has no token URL; password and application flows have no authorization URL.
      if (definition.authorizationUrl === undefined || definition.flow === 'password' || definition.flow === 'application') delete definition.authorizationUrl;
      if (definition.tokenUrl === undefined || definition.flow === 'implicit') delete definition.tokenUrl;
      const schemeScopes: Obj = isObject(auth.schemeScopes) ? auth.schemeScopes : Object.fromEntries(scopes.map((s) => [String(s), String(s)]));
      definition.scopes = schemeScopes;
      const token: Obj = { type: 'oauthSetting', oAuthSettings: settings };
      if (isObject(auth.field)) token.uiDefinition = uiDefinition(auth.field, {});
      const connectionParameters: Obj = { [parameter]: token };
      // Entra ID connections carry the tenant the user signed in with (src/PLATFORM.md #authentication).
      if (auth.provider === 'aad' && auth.tenantParameter !== false) {
        connectionParameters[`${parameter}:TenantId`] = {
          type: 'string',
          metadata: { sourceType: 'AzureActiveDirectoryTenant' },
          uiDefinition: { constraints: { required: 'false', hidden: 'true' } },
        };
      }
      return {
        securityDefinitions: { [scheme]: withDescription(definition, auth) },
        security: [{ [scheme]: Object.keys(schemeScopes) }],
        connectionParameters: { ...connectionParameters, ...fieldsOf(auth) },
      };
    }
    default:
      return {};
  }
}

export function compileAuth(auth: unknown): CompiledAuth {
  if (!isObject(auth)) return {};
  // An unknown `type` compiles to nothing; the front-matter validation reports it.
  if (auth.type !== 'multi') return single(auth);
  const options = Array.isArray(auth.options) ? auth.options.filter(isObject) : [];
  const definitions: Obj = {};
  const values = options.map((option) => {
    const compiled = single(isObject(option.auth) ? option.auth : {});
    assignOwn(definitions, compiled.securityDefinitions);
    const ui: Obj = {};
    if (option.label !== undefined) ui.displayName = option.label;
    if (option.description !== undefined) ui.description = option.description;
    if (isObject(option.ui)) assignOwn(ui, option.ui);
    const value: Obj = { name: option.name, uiDefinition: ui, parameters: compiled.connectionParameters ?? {} };
    if (option.shareable !== undefined) value.metadata = { allowSharing: option.shareable };
    return value;
  });
  const ui: Obj = {};
  if (auth.label !== undefined) ui.displayName = auth.label;
  if (auth.description !== undefined) ui.description = auth.description;
  if (isObject(auth.ui)) assignOwn(ui, auth.ui);
  // The flat twin beside the sets: one option's parameters, or verbatim.
  const flat = typeof auth.flatOption === 'string' ? values.find((v) => v.name === auth.flatOption)?.parameters : auth.connectionParameters;
  return {
    ...(Object.keys(definitions).length ? { securityDefinitions: definitions } : {}),
    ...(isObject(flat) ? { connectionParameters: structuredClone(flat) } : {}),
    connectionParameterSets: { uiDefinition: ui, values },
  };
}

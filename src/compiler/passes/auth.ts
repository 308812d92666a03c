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
const PROVIDER_ENDPOINTS: Record<string, { authorizationUrl: string; tokenUrl: string }> = {
  aad: { authorizationUrl: 'https://login.windows.net/common/oauth2/authorize', tokenUrl: 'https://login.windows.net/common/oauth2/authorize' },
  github: { authorizationUrl: 'https://github.com/login/oauth/authorize', tokenUrl: 'https://github.com/login/oauth/access_token' },
  google: { authorizationUrl: 'https://accounts.google.com/o/oauth2/auth', tokenUrl: 'https://oauth2.googleapis.com/token' },
  facebook: { authorizationUrl: 'https://www.facebook.com/dialog/oauth', tokenUrl: 'https://graph.facebook.com/oauth/access_token' },
};

/** A connection dialog field → an apiProperties connection parameter. */
export function connectionParameter(field: unknown, defaults: { secret: boolean; label?: string }): Obj {
  const f = isObject(field) ? field : {};
  const ui: Obj = {};
  const label = f.label ?? defaults.label;
  if (label !== undefined) ui.displayName = label;
  if (f.description !== undefined) ui.description = f.description;
  if (f.tooltip !== undefined) ui.tooltip = f.tooltip;
  const constraints: Obj = {};
  if (f.tabIndex !== undefined) constraints.tabIndex = f.tabIndex;
  if (f.clearText !== undefined) constraints.clearText = f.clearText;
  constraints.required = f.required === false ? 'false' : 'true';
  if (f.hidden !== undefined) constraints.hidden = f.hidden ? 'true' : 'false';
  if (Array.isArray(f.allowedValues)) {
    constraints.allowedValues = f.allowedValues.map((v) => (isObject(v) ? { text: v.label ?? v.value, value: v.value } : v));
  }
  ui.constraints = constraints;
  const param: Obj = { type: (f.secret ?? defaults.secret) ? 'securestring' : 'string', uiDefinition: ui };
  if (f.default !== undefined) param.defaultValue = f.default;
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

function single(auth: Obj): CompiledAuth {
  switch (auth.type) {
    case 'none':
      return { connectionParameters: fieldsOf(auth) };
    case 'apiKey': {
      const scheme = String(auth.scheme ?? 'api_key');
      const parameter = String(auth.parameter ?? 'api_key');
      return {
        securityDefinitions: { [scheme]: withDescription({ type: 'apiKey', in: auth.in, name: auth.name }, auth) },
        security: [{ [scheme]: [] }],
        connectionParameters: { [parameter]: connectionParameter(auth.field, { secret: true, label: 'API key' }), ...fieldsOf(auth) },
      };
    }
    case 'basic': {
      const scheme = String(auth.scheme ?? 'basic_auth');
      return {
        securityDefinitions: { [scheme]: withDescription({ type: 'basic' }, auth) },
        security: [{ [scheme]: [] }],
        connectionParameters: {
          username: connectionParameter(auth.username, { secret: true, label: 'Username' }),
          password: connectionParameter(auth.password, { secret: true, label: 'Password' }),
          ...fieldsOf(auth),
        },
      };
    }
    case 'oauth2': {
      const scheme = String(auth.scheme ?? 'oauth2_auth');
      const parameter = String(auth.parameter ?? 'token');
      const scopes = Array.isArray(auth.scopes) ? auth.scopes : [];
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
      const settings: Obj = { identityProvider: auth.provider, clientId: auth.clientId, scopes };
      if (auth.redirectMode !== undefined) settings.redirectMode = auth.redirectMode;
      if (auth.redirectUrl !== undefined) settings.redirectUrl = auth.redirectUrl;
      if (auth.properties !== undefined) settings.properties = auth.properties;
      settings.customParameters = custom;
      const definition: Obj = { type: 'oauth2', flow: 'accessCode' };
      const known = getOwn<{ authorizationUrl: string; tokenUrl: string }>(PROVIDER_ENDPOINTS, String(auth.provider));
      definition.authorizationUrl = auth.authorizationUrl ?? known?.authorizationUrl;
      definition.tokenUrl = auth.tokenUrl ?? known?.tokenUrl;
      if (definition.authorizationUrl === undefined) delete definition.authorizationUrl;
      if (definition.tokenUrl === undefined) delete definition.tokenUrl;
      definition.scopes = Object.fromEntries(scopes.map((s) => [String(s), String(s)]));
      const connectionParameters: Obj = { [parameter]: { type: 'oauthSetting', oAuthSettings: settings } };
      // Entra ID connections carry the tenant the user signed in with (src/PLATFORM.md #authentication).
      if (auth.provider === 'aad') {
        connectionParameters[`${parameter}:TenantId`] = {
          type: 'string',
          metadata: { sourceType: 'AzureActiveDirectoryTenant' },
          uiDefinition: { constraints: { required: 'false', hidden: 'true' } },
        };
      }
      return {
        securityDefinitions: { [scheme]: withDescription(definition, auth) },
        security: [{ [scheme]: scopes }],
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
    const value: Obj = { name: option.name, uiDefinition: ui, parameters: compiled.connectionParameters ?? {} };
    if (option.shareable !== undefined) value.metadata = { allowSharing: option.shareable };
    return value;
  });
  const ui: Obj = {};
  if (auth.label !== undefined) ui.displayName = auth.label;
  if (auth.description !== undefined) ui.description = auth.description;
  return {
    ...(Object.keys(definitions).length ? { securityDefinitions: definitions } : {}),
    connectionParameterSets: { uiDefinition: ui, values },
  };
}

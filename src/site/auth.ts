/**
 * "Creating a connection" and policies, from apiProperties: one section per auth option with its
 * parameters table, OAuth details (identity provider, scopes, redirect URL), and each policy
 * template instance in plain words.
 */
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

export interface ConnectionParameterRow {
  name: string;
  label: string;
  type: string;
  description: string;
  required: boolean;
}

export interface OAuthDetails {
  identityProvider: string;
  clientId: string;
  scopes: string[];
  redirectMode: string;
  redirectUrl: string;
  authorizationUrl?: string;
  tokenUrl?: string;
}

export interface AuthSection {
  /** Set name (multi-auth) or `Default`. */
  name: string;
  label: string;
  kind: 'none' | 'apiKey' | 'basic' | 'oauth2' | 'other';
  description: string;
  parameters: ConnectionParameterRow[];
  oauth?: OAuthDetails;
}

export const REDIRECT_URL = 'https://global.consent.azure-apim.net/redirect';

function redirectFor(mode: string, id: string): string {
  return mode === 'GlobalPerConnector' ? `${REDIRECT_URL}/${id}` : REDIRECT_URL;
}

function parameterRows(params: Obj): { rows: ConnectionParameterRow[]; oauth?: Obj; kinds: Set<string> } {
  const rows: ConnectionParameterRow[] = [];
  let oauth: Obj | undefined;
  const kinds = new Set<string>();
  for (const [name, raw] of Object.entries(params)) {
    if (!isObject(raw)) continue;
    const type = text(raw.type);
    if (type === 'oauthSetting') {
      oauth = isObject(raw.oAuthSettings) ? raw.oAuthSettings : {};
      kinds.add('oauth2');
      continue;
    }
    const ui = isObject(raw.uiDefinition) ? raw.uiDefinition : {};
    const constraints = isObject(ui.constraints) ? ui.constraints : {};
    if (type === 'securestring') kinds.add(/pass/i.test(name) ? 'basic' : 'apiKey');
    rows.push({
      name,
      label: text(ui.displayName) || name,
      type,
      description: [text(ui.description), text(ui.tooltip)].filter(Boolean).join(' '),
      required: constraints.required === 'true' || constraints.required === true,
    });
  }
  return oauth ? { rows, oauth, kinds } : { rows, kinds };
}

function kindFrom(kinds: Set<string>, securityDefinitions: Obj): AuthSection['kind'] {
  if (kinds.has('oauth2')) return 'oauth2';
  const types = Object.values(securityDefinitions).filter(isObject).map((d) => d.type);
  if (types.includes('basic') || kinds.has('basic')) return 'basic';
  if (types.includes('apiKey') || kinds.has('apiKey')) return 'apiKey';
  if (kinds.size === 0 && types.length === 0) return 'none';
  return 'other';
}

function oauthDetails(settings: Obj, id: string, securityDefinitions: Obj): OAuthDetails {
  const def = Object.values(securityDefinitions).filter(isObject).find((d) => d.type === 'oauth2');
  const mode = text(settings.redirectMode) || 'Global';
  const scopes = Array.isArray(settings.scopes) ? settings.scopes.map(text) : [];
  const details: OAuthDetails = {
    identityProvider: text(settings.identityProvider) || 'oauth2',
    clientId: text(settings.clientId),
    scopes,
    redirectMode: mode,
    redirectUrl: redirectFor(mode, id),
  };
  if (def && typeof def.authorizationUrl === 'string') details.authorizationUrl = def.authorizationUrl;
  if (def && typeof def.tokenUrl === 'string') details.tokenUrl = def.tokenUrl;
  return details;
}

const KIND_TEXT: Record<AuthSection['kind'], string> = {
  none: 'No authentication: anyone with the connector can call the API.',
  apiKey: 'An API key, sent with every request.',
  basic: 'A user name and password, sent with HTTP basic authentication.',
  oauth2: 'Sign in with OAuth 2.0; every call runs as the person who created the connection.',
  other: 'Connection settings defined by the connector.',
};

export function authSections(id: string, apiProperties: Obj, securityDefinitions: Obj): AuthSection[] {
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const sets = isObject(props.connectionParameterSets) ? props.connectionParameterSets : undefined;
  if (sets && Array.isArray(sets.values)) {
    return sets.values.filter(isObject).map((set) => {
      const params = isObject(set.parameters) ? set.parameters : {};
      const { rows, oauth, kinds } = parameterRows(params);
      const kind = oauth ? 'oauth2' : rows.some((r) => r.type === 'securestring') ? (rows.length > 1 ? 'basic' : 'apiKey') : rows.length ? 'other' : 'none';
      const uiDefinition = isObject(set.uiDefinition) ? set.uiDefinition : {};
      void kinds;
      const section: AuthSection = {
        name: text(set.name),
        label: text(uiDefinition.displayName) || text(set.name),
        kind,
        description: text(uiDefinition.description) || KIND_TEXT[kind],
        parameters: rows,
      };
      if (oauth) section.oauth = oauthDetails(oauth, id, securityDefinitions);
      return section;
    });
  }
  const params = isObject(props.connectionParameters) ? props.connectionParameters : {};
  const { rows, oauth, kinds } = parameterRows(params);
  const kind = kindFrom(kinds, securityDefinitions);
  const section: AuthSection = { name: 'Default', label: 'Default', kind, description: KIND_TEXT[kind], parameters: rows };
  if (oauth) section.oauth = oauthDetails(oauth, id, securityDefinitions);
  return [section];
}

/** Each policy template instance in plain words. */
export function policySentences(apiProperties: Obj): string[] {
  const props = isObject(apiProperties.properties) ? apiProperties.properties : {};
  const list = Array.isArray(props.policyTemplateInstances) ? props.policyTemplateInstances.filter(isObject) : [];
  return list.map((p) => {
    const params = isObject(p.parameters) ? p.parameters : {};
    const get = (k: string) => text(params[`x-ms-apimTemplateParameter.${k}`]);
    const ops = Array.isArray(params['x-ms-apimTemplate-operationName']) ? (params['x-ms-apimTemplate-operationName'] as unknown[]).map(text) : [];
    const scope = ops.length ? ` for ${ops.join(', ')}` : ' for every operation';
    const title = text(p.title);
    const lead = title ? `${title}: ` : '';
    switch (p.templateId) {
      case 'setheader': {
        const action = get('existsAction') === 'skip' ? 'unless it is already there' : 'replacing any value already there';
        return `${lead}sets the ${get('name')} header to “${get('value')}”${scope}, ${action}.`;
      }
      case 'setqueryparameter':
        return `${lead}sets the query parameter ${get('name')} to “${get('value')}”${scope}.`;
      case 'dynamichosturl':
        return `${lead}sends requests to ${get('urlTemplate')}${scope}.`;
      case 'routerequesttoendpoint':
        return `${lead}routes requests to ${get('newPath') || get('newHost') || 'another endpoint'}${scope}.`;
      case 'setproperty':
        return `${lead}sets ${get('property')} to “${get('value')}”${scope}.`;
      case 'pollingtrigger':
        return `${lead}keeps the trigger's state between polls${scope}.`;
      default:
        return `${lead}applies the ${text(p.templateId)} template${scope}.`;
    }
  });
}

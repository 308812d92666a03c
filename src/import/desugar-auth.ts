/**
 * `securityDefinitions` + `security` + `connectionParameters(/Sets)` → the `auth` sugar, the inverse
 * of src/compiler/passes/auth.ts. Candidates are built from the shapes real connectors have; one is
 * kept only when it compiles back to the same parts, otherwise the raw keys stay.
 */
import { equalJson as equal, setOwn } from '../core/own.ts';
import { compileAuth } from '../compiler/passes/auth.ts';
import { isObject } from '../swagger/index.ts';

type Obj = Record<string, unknown>;

/** Bounds for untrusted input: more options or fields than this stay raw. */
const MAX_OPTIONS = 50;
const MAX_FIELDS = 200;

const FIELD_TYPES = new Set(['string', 'securestring', 'int', 'bool']);
const PARAM_KEYS = new Set(['type', 'defaultValue', 'metadata', 'uiDefinition']);
const UI_KEYS = new Set(['displayName', 'description', 'tooltip', 'constraints']);

/** `uiDefinition` → label, description, tooltip and constraints of a field; what has no name goes to `ui` / `constraints`. */
function desugarUi(ui: Obj, field: Obj, requiredByDefault: boolean): boolean {
  if (ui.displayName !== undefined) field.label = ui.displayName;
  if (ui.description !== undefined) field.description = ui.description;
  if (ui.tooltip !== undefined) field.tooltip = ui.tooltip;
  const rawUi: Obj = {};
  for (const [k, v] of Object.entries(ui)) if (!UI_KEYS.has(k)) setOwn(rawUi, k, v);
  if (Object.keys(rawUi).length) field.ui = rawUi;
  if (ui.constraints === undefined) {
    if (requiredByDefault) field.required = null;
    return true;
  }
  if (!isObject(ui.constraints)) return false;
  const c = ui.constraints;
  const rawConstraints: Obj = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === 'tabIndex' && typeof v === 'number' && Number.isInteger(v)) field.tabIndex = v;
    else if (k === 'clearText' && typeof v === 'boolean') field.clearText = v;
    else if (k === 'required' && (v === 'true' || v === 'false')) {
      if (v === 'false') field.required = false;
      else if (!requiredByDefault) field.required = true;
    } else if (k === 'hidden' && (v === 'true' || v === 'false')) field.hidden = v === 'true';
    else if (k === 'allowedValues' && Array.isArray(v) && v.every((a) => isObject(a) && Object.keys(a).length === 2 && typeof a.value === 'string' && typeof a.text === 'string')) {
      field.allowedValues = (v as Obj[]).map((a) => (a.text === a.value ? { value: a.value } : { value: a.value, label: a.text }));
    } else setOwn(rawConstraints, k, v);
  }
  // Plain fields write `required` unless told not to.
  if (requiredByDefault && c.required === undefined) field.required = null;
  if (Object.keys(rawConstraints).length) field.constraints = rawConstraints;
  return true;
}

/** A connection parameter → connection field sugar (verified by the caller through compileAuth). */
function desugarField(param: unknown, secretByDefault: boolean, defaultLabel?: string): Obj | undefined {
  if (!isObject(param) || typeof param.type !== 'string' || !FIELD_TYPES.has(param.type)) return undefined;
  if (Object.keys(param).some((k) => !PARAM_KEYS.has(k))) return undefined;
  const field: Obj = {};
  if (param.type === 'int' || param.type === 'bool') field.type = param.type;
  else if ((param.type === 'securestring') !== secretByDefault) field.secret = param.type === 'securestring';
  if (param.defaultValue !== undefined) {
    if (typeof param.defaultValue !== 'string') return undefined;
    field.default = param.defaultValue;
  }
  if (param.metadata !== undefined) {
    if (!isObject(param.metadata)) return undefined;
    field.metadata = param.metadata;
  }
  if (param.uiDefinition === undefined) field.noUi = true;
  else if (!isObject(param.uiDefinition) || !desugarUi(param.uiDefinition, field, true)) return undefined;
  if (defaultLabel !== undefined && field.label === defaultLabel) delete field.label;
  return field;
}

/** The connection parameters other than `main`, as `fields` on the sugar; undefined when one cannot be said. */
function withFields(sugar: Obj, params: Obj, main: readonly string[]): Obj | undefined {
  const fields: Obj = {};
  const names = Object.keys(params);
  if (names.length > MAX_FIELDS) return undefined;
  for (const name of names) {
    if (main.includes(name)) continue;
    const field = desugarField(params[name], false);
    if (!field) return undefined;
    setOwn(fields, name, field);
  }
  if (Object.keys(fields).length) sugar.fields = fields;
  return sugar;
}

const nonEmpty = (o: Obj | undefined): o is Obj => o !== undefined && Object.keys(o).length > 0;

/** The sugar of an OAuth sign-in parameter (`type: oauthSetting`), with the Swagger scheme `def` when there is one. */
function oauthSugar(tokenName: string, token: Obj, params: Obj, scheme: string | undefined, def: Obj | undefined): Obj[] {
  const settings = token.oAuthSettings;
  if (!isObject(settings) || !isObject(settings.customParameters)) return [];
  if (Object.keys(token).some((k) => k !== 'type' && k !== 'oAuthSettings' && k !== 'uiDefinition')) return [];
  const sugar: Obj = { type: 'oauth2' };
  if (scheme !== undefined && scheme !== 'oauth2_auth') sugar.scheme = scheme;
  if (def && typeof def.description === 'string') sugar.schemeDescription = def.description;
  sugar.provider = settings.identityProvider;
  if (Object.hasOwn(settings, 'clientId')) sugar.clientId = settings.clientId;
  if (!Object.hasOwn(settings, 'scopes')) sugar.scopes = null;
  else if (Array.isArray(settings.scopes) && settings.scopes.every((s) => typeof s === 'string')) sugar.scopes = settings.scopes;
  const generic = settings.identityProvider === 'oauth2';
  const custom: Obj = {};
  // Custom parameters the sugar has a key of the same name for, as `{ value }`.
  const plain = new Set(['authorizationUrl', 'tokenUrl', 'refreshUrl', 'loginUri', 'tenantId', 'resourceUri']);
  for (const [k, v] of Object.entries(settings.customParameters)) {
    const endpoint = ['authorizationUrl', 'tokenUrl', 'refreshUrl'].includes(k);
    if (plain.has(k) && (!endpoint || generic) && isObject(v) && Object.keys(v).length === 1 && typeof v.value === 'string') sugar[k] = v.value;
    else if (k === 'enableOnbehalfOfLogin' && isObject(v) && Object.keys(v).length === 1 && (v.value === 'true' || v.value === 'false')) sugar.onBehalfOf = v.value === 'true';
    else setOwn(custom, k, v);
  }
  if (Object.keys(custom).length) sugar.customParameters = custom;
  // A named provider's endpoints live only in securityDefinitions.
  if (def && !generic) {
    if (typeof def.authorizationUrl === 'string') sugar.authorizationUrl = def.authorizationUrl;
    if (typeof def.tokenUrl === 'string') sugar.tokenUrl = def.tokenUrl;
  }
  for (const k of ['redirectMode', 'redirectUrl', 'properties']) if (settings[k] !== undefined) sugar[k] = settings[k];
  const more: Obj = {};
  const known = new Set(['identityProvider', 'clientId', 'scopes', 'customParameters', 'redirectMode', 'redirectUrl', 'properties']);
  for (const [k, v] of Object.entries(settings)) if (!known.has(k) || (k === 'scopes' && sugar.scopes === undefined)) setOwn(more, k, v);
  if (Object.keys(more).length) sugar.settings = more;
  if (tokenName !== 'token') sugar.parameter = tokenName;
  if (isObject(token.uiDefinition)) {
    const field: Obj = {};
    if (!desugarUi(token.uiDefinition, field, false)) return [];
    sugar.field = field;
  } else if (token.uiDefinition !== undefined) return [];
  if (def) {
    if (typeof def.flow === 'string' && def.flow !== 'accessCode') sugar.flow = def.flow;
    // What the sugar derives for the Swagger scheme; where the real one differs, say so.
    const derived = compileAuth(sugar).securityDefinitions?.[scheme ?? 'oauth2_auth'];
    const urls: Obj = {};
    for (const k of ['authorizationUrl', 'tokenUrl']) if (isObject(derived) && typeof def[k] === 'string' && def[k] !== derived[k]) urls[k] = def[k];
    if (Object.keys(urls).length) sugar.schemeUrls = urls;
    if (isObject(derived) && isObject(def.scopes) && !equal(def.scopes, derived.scopes)) sugar.schemeScopes = def.scopes;
  } else sugar.definition = false;
  const out: Obj[] = [];
  const tenant = `${tokenName}:TenantId`;
  if (settings.identityProvider === 'aad') {
    const full = withFields({ ...sugar }, params, [tokenName, tenant]);
    if (full) out.push(full);
    const described = withFields({ ...sugar, tenantParameter: false }, params, [tokenName]);
    if (described) out.push(described);
  } else {
    const full = withFields(sugar, params, [tokenName]);
    if (full) out.push(full);
  }
  return out;
}

/** The username and password parameters of a basic auth: `username`/`password`, or one pair of names that say so. */
function basicNames(params: Obj): [string, string] | undefined {
  if (params.username !== undefined && params.password !== undefined) return ['username', 'password'];
  const names = Object.keys(params).slice(0, MAX_FIELDS);
  const users = names.filter((n) => /user|login|email|account/i.test(n) && !/pass/i.test(n));
  const passwords = names.filter((n) => /pass|secret/i.test(n) && isObject(params[n]) && (params[n] as Obj).type === 'securestring');
  return users.length === 1 && passwords.length === 1 ? [users[0]!, passwords[0]!] : undefined;
}

function basicCandidates(params: Obj, sugar: Obj): Obj[] {
  const names = basicNames(params);
  if (!names) return [];
  const [user, pass] = names;
  const username = desugarField(params[user], true, 'Username');
  const password = desugarField(params[pass], true, 'Password');
  if (!username || !password) return [];
  if (Object.keys(username).length) sugar.username = username;
  if (Object.keys(password).length) sugar.password = password;
  if (user !== 'username') sugar.usernameParameter = user;
  if (pass !== 'password') sugar.passwordParameter = pass;
  const full = withFields(sugar, params, [user, pass]);
  return full ? [full] : [];
}

/** Candidate single auths for `params` with Swagger scheme `scheme`/`def` (none: declared only in apiProperties). */
function singleCandidates(params: Obj, scheme: string | undefined, def: Obj | undefined, inSet = false): Obj[] {
  const candidates: Obj[] = [];
  const base = (type: string, defaultScheme: string): Obj => {
    const sugar: Obj = { type };
    if (scheme !== undefined && scheme !== defaultScheme) sugar.scheme = scheme;
    if (def && typeof def.description === 'string') sugar.schemeDescription = def.description;
    return sugar;
  };
  const names = Object.keys(params);
  const tokens = names.filter((n) => isObject(params[n]) && (params[n] as Obj).type === 'oauthSetting');
  if (!def) {
    // An option of a parameter set may sign in with username and password that no Swagger scheme declares.
    if (inSet) candidates.push(...basicCandidates(params, { type: 'basic', definition: false }));
    if (tokens.length === 0) {
      const none = withFields({ type: 'none' }, params, []);
      if (none) candidates.push(none);
    }
  } else if (def.type === 'apiKey' && (def.in === 'header' || def.in === 'query') && typeof def.name === 'string') {
    const secure = names.filter((n) => isObject(params[n]) && (params[n] as Obj).type === 'securestring');
    const keys = [...new Set([...(params.api_key !== undefined ? ['api_key'] : []), ...secure])];
    for (const key of keys.slice(0, 3)) {
      const { type, ...rest } = base('apiKey', 'api_key');
      const sugar: Obj = { type, in: def.in, name: def.name, ...rest };
      if (key !== 'api_key') sugar.parameter = key;
      const field = desugarField(params[key], true, 'API key');
      if (!field) continue;
      if (Object.keys(field).length) sugar.field = field;
      const full = withFields(sugar, params, [key]);
      if (full) candidates.push(full);
    }
  } else if (def.type === 'basic') {
    candidates.push(...basicCandidates(params, base('basic', 'basic_auth')));
  }
  if (!def || def.type === 'oauth2') {
    for (const tokenName of tokens.slice(0, 3)) candidates.push(...oauthSugar(tokenName, params[tokenName] as Obj, params, scheme, def));
  }
  return candidates;
}

/** Tries the `auth` sugar; returns it with the raw keys it replaces when it compiles back exactly. */
export function desugarAuth(swagger: Obj, props: Obj): { sugar: Obj; consumed: Set<string> } | undefined {
  if (swagger.securityDefinitions !== undefined && !isObject(swagger.securityDefinitions)) return undefined;
  const defs = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : undefined;
  const params = props.connectionParameters;
  const sets = props.connectionParameterSets;
  if (params !== undefined && !isObject(params)) return undefined;
  if (sets !== undefined) return isObject(sets) ? desugarMulti(defs, params, sets) : undefined;
  if (!params) return undefined;
  const entries = defs ? Object.entries(defs) : [];
  const candidates: Obj[] = [];
  if (entries.length === 0) candidates.push(...singleCandidates(params, undefined, undefined));
  else if (entries.length > 1 && entries.length <= 5 && entries.every(([, d]) => isObject(d) && d.type === 'apiKey')) {
    // Several API keys: the one called `api_key` (or the first) leads, the others are `moreKeys`.
    const main = entries.find(([n]) => n === 'api_key') ?? entries[0]!;
    const more: Obj[] = [];
    for (const [scheme, def] of entries as [string, Obj][]) {
      if (scheme === main[0]) continue;
      const field = desugarField(params[scheme], true);
      if (!field || (def.in !== 'header' && def.in !== 'query') || typeof def.name !== 'string') return undefined;
      const key: Obj = { scheme, in: def.in, name: def.name };
      if (typeof def.description === 'string') key.schemeDescription = def.description;
      if (Object.keys(field).length) key.field = field;
      more.push(key);
    }
    const rest: Obj = {};
    for (const [n, p] of Object.entries(params)) if (!more.some((k) => k.scheme === n)) setOwn(rest, n, p);
    for (const sugar of singleCandidates(rest, main[0], main[1] as Obj)) {
      if (sugar.type !== 'apiKey') continue;
      sugar.moreKeys = more;
      if (swagger.security === undefined) sugar.rootSecurity = false;
      candidates.push(sugar);
    }
  } else if (entries.length === 1 && isObject(entries[0]![1])) {
    const [scheme, def] = entries[0] as [string, Obj];
    for (const sugar of singleCandidates(params, scheme, def)) {
      // No root `security` at all: say so; a different one stays raw and wins.
      if (swagger.security === undefined) sugar.rootSecurity = false;
      candidates.push(sugar);
    }
  }
  for (const sugar of candidates) {
    const compiled = compileAuth(sugar);
    const consumed = new Set<string>(['connectionParameters']);
    if (!equal(compiled.connectionParameters, params)) continue;
    if (compiled.securityDefinitions !== undefined) {
      if (!equal(compiled.securityDefinitions, defs)) continue;
      consumed.add('securityDefinitions');
    } else if (nonEmpty(defs)) continue;
    // Root `security` defaults from `auth`; a different one stays raw and wins.
    if (compiled.security !== undefined && equal(compiled.security, swagger.security)) consumed.add('security');
    else if (compiled.security !== undefined && swagger.security === undefined) continue;
    return { sugar, consumed };
  }
  return undefined;
}

/** `connectionParameterSets` (+ the flat twin some connectors keep beside it) → `type: multi`. */
function desugarMulti(defs: Obj | undefined, params: Obj | undefined, sets: Obj): { sugar: Obj; consumed: Set<string> } | undefined {
  if (Object.keys(sets).some((k) => k !== 'uiDefinition' && k !== 'values')) return undefined;
  if (!Array.isArray(sets.values) || sets.values.length === 0 || sets.values.length > MAX_OPTIONS) return undefined;
  const sugar: Obj = { type: 'multi' };
  if (sets.uiDefinition !== undefined) {
    if (!isObject(sets.uiDefinition)) return undefined;
    if (!labelled(sets.uiDefinition, sugar)) return undefined;
  }
  const schemes = Object.entries(defs ?? {});
  const used = new Set<string>();
  const options: Obj[] = [];
  for (const value of sets.values) {
    if (!isObject(value) || typeof value.name !== 'string' || !isObject(value.parameters)) return undefined;
    if (Object.keys(value).some((k) => !['name', 'uiDefinition', 'metadata', 'parameters'].includes(k))) return undefined;
    const option: Obj = { name: value.name };
    if (value.uiDefinition === undefined || !isObject(value.uiDefinition) || !labelled(value.uiDefinition, option)) return undefined;
    if (value.metadata !== undefined) {
      if (!isObject(value.metadata) || Object.keys(value.metadata).length !== 1 || typeof value.metadata.allowSharing !== 'boolean') return undefined;
      option.shareable = value.metadata.allowSharing;
    }
    // Each option takes an unused Swagger scheme of its type, or none.
    const tries: [string | undefined, Obj | undefined][] = [...schemes.filter(([n, d]) => !used.has(n) && isObject(d)).map(([n, d]) => [n, d as Obj] as [string, Obj]), [undefined, undefined]];
    let found: Obj | undefined;
    for (const [scheme, def] of tries) {
      for (const candidate of singleCandidates(value.parameters, scheme, def, true)) {
        if (equal(compileAuth(candidate).connectionParameters, value.parameters)) {
          found = candidate;
          if (scheme !== undefined) used.add(scheme);
          break;
        }
      }
      if (found) break;
    }
    if (!found) return undefined;
    option.auth = found;
    options.push(option);
  }
  sugar.options = options;
  const consumed = new Set<string>(['connectionParameterSets']);
  if (params !== undefined) {
    const twin = options.find((o, i) => equal(params, (sets.values as Obj[])[i]!.parameters));
    if (twin) sugar.flatOption = twin.name;
    else sugar.connectionParameters = params;
    consumed.add('connectionParameters');
  }
  const compiled = compileAuth(sugar);
  if (!equal(compiled.connectionParameterSets, sets) || !equal(compiled.connectionParameters, params)) return undefined;
  if (compiled.securityDefinitions !== undefined) {
    if (!equal(compiled.securityDefinitions, defs)) return undefined;
    consumed.add('securityDefinitions');
  } else if (nonEmpty(defs)) return undefined;
  // A multi auth writes no root `security`; whatever the Swagger has stays raw.
  return { sugar, consumed };
}

/** `uiDefinition` of a choice or option → `label`, `description` and verbatim `ui`. */
function labelled(ui: Obj, into: Obj): boolean {
  for (const [k, v] of Object.entries(ui)) {
    if (k === 'displayName' && typeof v === 'string') into.label = v;
    else if (k === 'description' && typeof v === 'string') into.description = v;
    else {
      if (!isObject(into.ui)) into.ui = {};
      setOwn(into.ui as Obj, k, v);
    }
  }
  return true;
}

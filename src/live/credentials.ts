/**
 * Credentials for `plugboard test`, read from the environment and from a `.env` file in the
 * connector repository's root (read, never written), named after the connector's connection
 * parameters:
 *
 *   PLUGBOARD_<ID>_<PARAM>   the connector id and the parameter name in upper snake case
 *                            (`PLUGBOARD_THE_CAT_API_API_KEY`), from the environment or `.env`;
 *   <PARAM>                  the bare name (`API_KEY`, `TOKEN`, `PASSWORD`), from `.env` only —
 *                            in the environment such names (`USERNAME`) mean something else.
 *
 * An `oauthSetting` parameter (`token`) gives the bearer token; `username`/`password` give basic
 * auth; the rest are connection parameters by name (an API key under its scheme's name).
 * The values never reach disk, recordings or logs: `Redactor` masks them everywhere we print.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type ApiProperties, type Credentials, type HttpRequest, type Swagger } from '../swagger/index.ts';

/** A `.env` larger than this is not a credentials file. */
const MAX_DOTENV = 64 * 1024;

/** `KEY=VALUE` lines; `export ` prefixes, `#` comments, and single or double quotes (with `\n` in double quotes). */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    let value = match[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else value = value.replace(/\s+#.*$/, '');
    out[match[1]!] = value;
  }
  return out;
}

/** The `.env` of `root`, parsed; empty when there is none (or it is not a small regular file). */
export function readDotenv(root: string): Record<string, string> {
  const path = join(root, '.env');
  try {
    if (!existsSync(path)) return {};
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_DOTENV) return {};
    return parseDotenv(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

/** `the-cat-api`, `api_key` → `THE_CAT_API_API_KEY`-style upper snake case. */
export const upperSnake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();

/** The names a connection parameter is looked up by, in order, and where. */
export function credentialNames(connectorId: string, param: string): { env: string[]; dotenv: string[] } {
  const prefixed = `PLUGBOARD_${upperSnake(connectorId)}_${upperSnake(param)}`;
  return { env: [prefixed], dotenv: [prefixed, upperSnake(param)] };
}

export interface FoundCredentials {
  credentials: Credentials;
  /** Every value found: what the redactor masks. */
  secrets: string[];
  /** Connection parameters with no value, with the name to set: `api_key (PLUGBOARD_THE_CAT_API_API_KEY)`. */
  missing: string[];
}

export function findCredentials(connectorId: string, apiProperties: ApiProperties, env: Record<string, string | undefined>, dotenv: Record<string, string>): FoundCredentials {
  const props = isObject(apiProperties) && isObject(apiProperties.properties) ? apiProperties.properties : {};
  const params = isObject(props.connectionParameters) ? props.connectionParameters : {};
  const connectionParameters: Record<string, string> = {};
  const credentials: Credentials = { connectionParameters };
  const secrets: string[] = [];
  const missing: string[] = [];
  for (const [name, def] of Object.entries(params)) {
    const names = credentialNames(connectorId, name);
    const value = names.env.map((n) => env[n]).find((v) => v !== undefined && v !== '') ?? names.dotenv.map((n) => dotenv[n]).find((v) => v !== undefined && v !== '');
    if (value === undefined) {
      missing.push(`${name} (${names.env[0]})`);
      continue;
    }
    connectionParameters[name] = value;
    secrets.push(value);
    const type = isObject(def) ? def.type : undefined;
    if (type === 'oauthSetting') credentials.token = value;
    else if (name === 'username') credentials.username = value;
    else if (name === 'password') credentials.password = value;
  }
  return { credentials, secrets, missing };
}

const SENSITIVE_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'apikey', 'ocp-apim-subscription-key'];

/** Masks credentials in what `plugboard test` prints: header and query values by name, and every secret value wherever it appears. */
export class Redactor {
  readonly headers: ReadonlySet<string>;
  readonly query: ReadonlySet<string>;
  private readonly values: string[];

  constructor(swagger: Swagger, secrets: readonly string[]) {
    const headers = new Set(SENSITIVE_HEADERS);
    const query = new Set<string>();
    const definitions = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : {};
    for (const scheme of Object.values(definitions)) {
      if (!isObject(scheme) || scheme.type !== 'apiKey' || typeof scheme.name !== 'string') continue;
      (scheme.in === 'query' ? query : headers).add(scheme.name.toLowerCase());
    }
    this.headers = headers;
    this.query = query;
    // Longest first, so a secret holding another is masked whole; encoded and base64 forms too.
    const forms = secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]);
    this.values = [...new Set(forms)].sort((a, b) => b.length - a.length);
  }

  text(text: string): string {
    let out = text;
    for (const value of this.values) out = out.split(value).join('***');
    return out;
  }

  url(url: string): string {
    try {
      const parsed = new URL(url);
      for (const key of [...parsed.searchParams.keys()]) if (this.query.has(key.toLowerCase())) parsed.searchParams.set(key, '***');
      if (parsed.password) parsed.password = '***';
      return this.text(parsed.searchParams.size || parsed.password ? parsed.toString().replace(/%2A%2A%2A/g, '***') : url);
    } catch {
      return this.text(url);
    }
  }

  request(request: HttpRequest): HttpRequest {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, this.headers.has(k.toLowerCase()) ? '***' : this.text(v)]));
    const out: HttpRequest = { method: request.method, url: this.url(request.url), headers };
    if (request.body) out.body = 'text' in request.body ? { ...request.body, text: this.text(request.body.text) } : { ...request.body, parts: request.body.parts.map(([k, v]) => [k, this.text(v)]) };
    return out;
  }
}

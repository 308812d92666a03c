/**
 * Which security scheme a request uses and what it adds: an API key in a header or the query
 * (the value verbatim), basic credentials, or an OAuth bearer token. See README.md ("Auth").
 */
import { Placeholder, type Piece } from './placeholder.ts';
import { isObject, type Operation, type SecurityScheme, type Swagger } from './types.ts';

/** What the person creating a connection supplies. Strings are sent as given; placeholders render as `<name>`. */
export interface Credentials {
  /** An API key, sent verbatim (some APIs want `Bearer <key>`: the user types that). */
  apiKey?: Piece;
  username?: Piece;
  password?: Piece;
  /** An OAuth 2.0 access token. */
  token?: Piece;
  /** Connection parameters by name: an API key under its scheme's name, and fields that policies read. */
  connectionParameters?: { [name: string]: Piece };
}

export type AuthPart = { header: string; value: Piece[] } | { query: string; value: Piece[] };

/**
 * The scheme of the first requirement of the operation's `security` (else the document's) that
 * names a defined scheme; without requirements, the first definition (the platform takes the first
 * one). An empty `security` list turns authentication off.
 */
export function securitySchemeFor(swagger: Swagger, operation: Operation): [string, SecurityScheme] | undefined {
  const definitions = isObject(swagger.securityDefinitions) ? swagger.securityDefinitions : undefined;
  if (!definitions) return undefined;
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(swagger.security) ? swagger.security : undefined;
  const names = requirements ? requirements.filter(isObject).flatMap((r) => Object.keys(r)) : Object.keys(definitions);
  for (const name of names) {
    const scheme = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (isObject(scheme)) return [name, scheme];
  }
  return undefined;
}

function connectionParameter(credentials: Credentials, name: string): Piece | undefined {
  const map = credentials.connectionParameters;
  return isObject(map) && Object.hasOwn(map, name) ? map[name] : undefined;
}

const piece = (value: unknown): Piece | undefined => (typeof value === 'string' || value instanceof Placeholder ? value : undefined);

/** The header or query parameter the scheme adds, or undefined when the credentials do not cover it. */
export function authPart(name: string, scheme: SecurityScheme, credentials: Credentials): AuthPart | undefined {
  switch (scheme.type) {
    case 'apiKey': {
      const key = piece(credentials.apiKey) ?? piece(connectionParameter(credentials, name));
      if (key === undefined || typeof scheme.name !== 'string' || !scheme.name) return undefined;
      return scheme.in === 'query' ? { query: scheme.name, value: [key] } : { header: scheme.name, value: [key] };
    }
    case 'basic': {
      const username = piece(credentials.username);
      const password = piece(credentials.password);
      if (username === undefined || password === undefined) return undefined;
      if (typeof username !== 'string' || typeof password !== 'string') {
        const label = (p: Piece) => (typeof p === 'string' ? p : p.name);
        return { header: 'Authorization', value: ['Basic ', new Placeholder(`base64 of ${label(username)}:${label(password)}`)] };
      }
      return { header: 'Authorization', value: [`Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`] };
    }
    case 'oauth2': {
      const token = piece(credentials.token);
      return token === undefined ? undefined : { header: 'Authorization', value: ['Bearer ', token] };
    }
    default:
      return undefined;
  }
}

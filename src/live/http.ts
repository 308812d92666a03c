/**
 * The HTTP client of `plugboard test`: one request with a deadline for the whole exchange (connect,
 * headers and body), a cap on the body, redirects followed a bounded number of times — credentials
 * never forwarded to another origin — and `429`/`503` with `Retry-After` retried at most twice
 * within a bounded total wait. Every failure is a `TransportError` with a kind and a sentence;
 * nothing here waits without a bound. Injected into the runner (`Transport`) so tests can replace it.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpRequest } from '../swagger/index.ts';

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** The URL that answered (after redirects). */
  url: string;
  ms: number;
  /** Retries after `429`/`503`, and redirects followed. */
  retries: number;
  redirects: number;
}

export type TransportErrorKind = 'timeout' | 'reset' | 'refused' | 'too-large' | 'redirect' | 'network' | 'recording-mismatch' | 'not-recorded';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportErrorKind;
  constructor(kind: TransportErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface SendOptions {
  /** Deadline of one attempt, connect to last byte; default 10 000 ms. */
  timeoutMs?: number;
  /** Largest body read; default 5 MB. */
  maxBytes?: number;
  /** Redirects followed; default 3. */
  maxRedirects?: number;
  /** Retries after `429`/`503` with `Retry-After`; default 2. */
  maxRetries?: number;
  /** Total wait of those retries; a longer `Retry-After` is not waited for. Default 5 000 ms. */
  retryBudgetMs?: number;
  /** Header names (lower case) never sent to another origin, besides `Authorization`, `Cookie` and headers holding a secret. */
  sensitiveHeaders?: ReadonlySet<string>;
  /** Query parameter names (lower case) removed from a URL of another origin. */
  sensitiveQuery?: ReadonlySet<string>;
  /** Credential values: a header holding one is not sent to another origin. */
  secrets?: readonly string[];
  /** The operation the request is for, and the run's `scheme://host/basePath`: what recordings (recording.ts) key and normalise on. */
  operationId?: string;
  baseUrl?: string;
  /** A webhook simulation's receiver URL: recordings write it as `{callbackUrl}`, since its port changes every run. */
  callbackUrl?: string;
}

export type Transport = (request: HttpRequest, options: SendOptions) => Promise<HttpResponse>;

const DEFAULTS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3, maxRetries: 2, retryBudgetMs: 5_000 };
const ALWAYS_SENSITIVE = ['authorization', 'proxy-authorization', 'cookie'];

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}

function multipart(parts: ReadonlyArray<[string, string]>): { type: string; data: Buffer } {
  const boundary = `plugboard${Math.random().toString(16).slice(2)}`;
  const text = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
  return { type: `multipart/form-data; boundary=${boundary}`, data: Buffer.from(text) };
}

/** One attempt: resolves with the whole response, or rejects with a TransportError; settles within `timeoutMs`. */
function attempt(req: HttpRequest, url: URL, timeoutMs: number, maxBytes: number): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    let data: Buffer | undefined;
    if (req.body && 'text' in req.body) data = Buffer.from(req.body.text);
    else if (req.body) {
      const form = multipart(req.body.parts);
      headers['Content-Type'] = form.type;
      data = form.data;
    }
    if (data) headers['Content-Length'] = String(data.length);
    let settled = false;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const client = send(url, { method: req.method, headers });
    const fail = (error: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
      client.destroy();
    };
    const timer = setTimeout(() => fail(new TransportError('timeout', `no complete response within ${timeoutMs / 1000} s`)), timeoutMs);
    client.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') fail(new TransportError('reset', 'the connection was reset before the response was complete'));
      else if (error.code === 'ECONNREFUSED') fail(new TransportError('refused', `the connection to ${url.host} was refused`));
      else fail(new TransportError('network', `${error.code ?? 'network error'}: ${error.message.split('\n')[0]}`));
    });
    client.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(new TransportError('too-large', `the body passed ${sizeText(maxBytes)}; stopped reading`));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('aborted', () => fail(new TransportError('reset', 'the connection was reset before the response was complete')));
      res.on('error', () => fail(new TransportError('reset', 'the connection was reset before the response was complete')));
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) return fail(new TransportError('reset', 'the connection was reset before the response was complete'));
        settled = true;
        clearTimeout(timer);
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    client.end(data);
  });
}

/** Seconds, or an HTTP date, as milliseconds from now; undefined when unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The request for another origin: no credentials in headers nor query. */
export function withoutCredentials(req: HttpRequest, url: URL, options: SendOptions): { req: HttpRequest; url: URL } {
  const sensitive = new Set([...ALWAYS_SENSITIVE, ...(options.sensitiveHeaders ?? [])]);
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => !sensitive.has(k.toLowerCase()) && !secrets.some((s) => v.includes(s))));
  const clean = new URL(url);
  for (const key of [...clean.searchParams.keys()]) if (options.sensitiveQuery?.has(key.toLowerCase())) clean.searchParams.delete(key);
  clean.username = '';
  clean.password = '';
  return { req: { ...req, headers }, url: clean };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `req` as described above. */
export const send: Transport = async (req, options) => {
  const o = { ...DEFAULTS, ...options };
  const started = performance.now();
  const origin = new URL(req.url).origin;
  let current = req;
  let url = new URL(req.url);
  let redirects = 0;
  let retries = 0;
  let waited = 0;
  for (;;) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TransportError('redirect', `refused to follow a redirect to a ${url.protocol} URL`);
    const res = await attempt(current, url, o.timeoutMs, o.maxBytes);
    const location = res.headers.location;
    if ([301, 302, 303, 307, 308].includes(res.status) && location !== undefined) {
      if (redirects >= o.maxRedirects) throw new TransportError('redirect', `more than ${o.maxRedirects} redirects`);
      redirects++;
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new TransportError('redirect', 'a redirect to an unreadable location');
      }
      // 303, and 301/302 after a POST, become a GET without a body, as browsers and the platform do.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST')) {
        const { body: _body, ...rest } = current;
        current = { ...rest, method: 'GET', headers: Object.fromEntries(Object.entries(rest.headers).filter(([k]) => k.toLowerCase() !== 'content-type')) };
      }
      // Credentials stay with the origin they were given for.
      if (next.origin !== origin) ({ req: current, url } = withoutCredentials(current, next, o));
      else url = next;
      current = { ...current, url: url.toString() };
      continue;
    }
    const wait = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers['retry-after']) : undefined;
    if (wait !== undefined && retries < o.maxRetries && waited + wait <= o.retryBudgetMs) {
      retries++;
      waited += wait;
      await sleep(wait);
      continue;
    }
    return { ...res, url: url.toString(), ms: Math.round(performance.now() - started), retries, redirects };
  }
};

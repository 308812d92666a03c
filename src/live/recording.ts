/**
 * Recordings of `plugboard test`: `--record` keeps every exchange with the API in
 * `connectors/<id>/recordings.yaml`, `--replay` answers the runner from that file with no network,
 * so CI checks the recorded responses with exactly the live rules. Both are transports (http.ts
 * `Transport`) wrapped around or replacing `send`: the runner does not know which one it has.
 *
 * The file is written to be reviewed in a pull request and to give no diff when an unchanged API is
 * recorded again: the base address becomes `{baseUrl}`, query parameters and object keys are
 * sorted, only an allow-list of headers is kept (no dates, request ids, cookies or timings), JSON
 * bodies are stored parsed. Nothing secret is written: credential values (and their URL-encoded and
 * base64 forms) become `***` everywhere, credential query parameters are dropped, and JSON fields,
 * query parameters and headers named like a secret (src/check/secrets.ts `isSecretName`) hold `***`.
 * Bounded: a body over `RECORDING_LIMITS.bodyChars` is cut (and marked `truncated`), and the file
 * keeps exchanges up to `RECORDING_LIMITS.bytes` (and `exchanges`); the operations of those left out
 * are named in its `leftOut`, so that a replay skips them saying why instead of failing unexplained.
 */
import { parse as parseYaml, stringify } from 'yaml';
import { isSecretName } from '../check/secrets.ts';
import { plural } from '../core/plural.ts';
import { RECORDINGS_FILE } from '../compiler/load.ts';
import type { HttpRequest } from '../swagger/index.ts';
import { TransportError, type HttpResponse, type SendOptions, type Transport } from './http.ts';

/** The file beside connector.mdx; the loader neither publishes nor reports it (src/compiler/load.ts). */
export { RECORDINGS_FILE };
/** What stands for the base address (`scheme://host/basePath`) of the run. */
export const BASE_URL = '{baseUrl}';
/** What stands for the callback receiver of a webhook simulation (`plugboard simulate`). */
export const CALLBACK_URL = '{callbackUrl}';
export const MASK = '***';
/** Where a replay without `--base-url` sends its requests: a reserved name that never resolves (RFC 2606), and nothing is sent anyway. */
export const REPLAY_BASE_URL = 'https://recording.invalid';

/**
 * A body is cut at 16 K characters; the file stops at 3.5 MB, under the loader's 4 MB per file
 * (src/core/safe-fs.ts), and at 2,000 exchanges, which also bounds what a run holds in memory.
 */
export const RECORDING_LIMITS = { bodyChars: 16 * 1024, bytes: 3_500_000, exchanges: 2_000 };

/** Request headers worth a review and stable from run to run; everything else is left out. */
const REQUEST_HEADERS = new Set(['accept', 'content-type', 'if-match', 'if-none-match', 'prefer']);
/** Response headers the live rules or the runner read; dates, ids, cookies and timings are left out. */
const RESPONSE_HEADERS = new Set(['content-type', 'location', 'link', 'retry-after']);

export interface RecordedRequest {
  method: string;
  /** `{baseUrl}/items?limit=10`, query sorted; a URL of another origin stays whole. */
  url: string;
  headers?: Record<string, string>;
  /** A JSON body, parsed (keys sorted). */
  json?: unknown;
  /** A body that is not JSON. */
  text?: string;
  /** A multipart form body. */
  parts?: Array<{ name: string; value: string }>;
}

export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body, parsed (keys sorted). */
  json?: unknown;
  /** A body that is not JSON (or was cut). */
  text?: string;
  /** The body was cut at `RECORDING_LIMITS.bodyChars`. */
  truncated?: true;
}

export interface RecordedExchange {
  operationId: string;
  /** `simulate`: an exchange of `plugboard simulate` (a trigger's life), replayed only by it; none: `plugboard test`'s. */
  run?: 'simulate';
  request: RecordedRequest;
  response?: RecordedResponse;
  /** No response: what the transport said. */
  failure?: { kind: string; message: string };
}

export interface Recording {
  connector: string;
  /** Operations with exchanges the file had no room for (RECORDING_LIMITS), sorted; a replay skips what it cannot find of them. */
  leftOut?: string[];
  exchanges: RecordedExchange[];
}

/** Masks credential values in a text, longest first, with their encoded forms. */
function masker(options: SendOptions): (text: string) => string {
  const forms = (options.secrets ?? []).filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]);
  const values = [...new Set(forms)].sort((a, b) => b.length - a.length);
  const base = options.baseUrl?.replace(/\/+$/, '');
  return (text) => {
    let out = text;
    for (const value of values) out = out.split(value).join(MASK);
    if (options.callbackUrl) out = out.split(options.callbackUrl).join(CALLBACK_URL);
    if (base) out = out.split(base).join(BASE_URL);
    return out;
  };
}

/** A JSON value with keys sorted, secret-named fields masked and every string passed through `text`. Bounded by depth. */
function cleanJson(value: unknown, text: (s: string) => string, depth = 0): unknown {
  if (depth > 64) return MASK;
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => cleanJson(v, text, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      out[key] = isSecretName(key) && (typeof v === 'string' || typeof v === 'number') ? MASK : cleanJson(v, text, depth + 1);
    }
    return out;
  }
  return value;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function body(text: string, mask: (s: string) => string): { json?: unknown; text?: string; truncated?: true } {
  if (text === '') return {};
  if (text.length > RECORDING_LIMITS.bodyChars) return { text: mask(text.slice(0, RECORDING_LIMITS.bodyChars)), truncated: true };
  const json = parseJson(text);
  return json ? { json: cleanJson(json.value, mask) } : { text: mask(text) };
}

function headers(from: Record<string, string>, allowed: ReadonlySet<string>, mask: (s: string) => string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of Object.keys(from).map((n) => n.toLowerCase()).sort()) {
    if (!allowed.has(name)) continue;
    const value = Object.entries(from).find(([k]) => k.toLowerCase() === name)![1];
    out[name] = name === 'content-type' ? value.replace(/; boundary=\S+/i, '') : mask(value);
  }
  return Object.keys(out).length ? out : undefined;
}

/** `{baseUrl}/items?a=1&b=2`: base replaced, credential query parameters dropped, secret-named ones masked, sorted. */
function normalUrl(url: string, options: SendOptions, mask: (s: string) => string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return mask(url);
  }
  const entries = [...parsed.searchParams.entries()]
    .filter(([k]) => !options.sensitiveQuery?.has(k.toLowerCase()))
    .map(([k, v]): [string, string] => [k, isSecretName(k) ? MASK : mask(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  parsed.search = '';
  parsed.username = '';
  parsed.password = '';
  const query = entries.length ? '?' + entries.map(([k, v]) => `${encodeURIComponent(k)}=${v === MASK ? MASK : encodeURIComponent(v)}`).join('&') : '';
  return mask(parsed.toString().replace(/\?$/, '')) + query;
}

/** A request as recorded (and as compared in replay). */
export function recordRequest(request: HttpRequest, options: SendOptions): RecordedRequest {
  const mask = masker(options);
  const out: RecordedRequest = { method: request.method.toUpperCase(), url: normalUrl(request.url, options, mask) };
  const h = headers(request.headers, REQUEST_HEADERS, mask);
  if (h) out.headers = h;
  if (request.body && 'text' in request.body) Object.assign(out, body(request.body.text, mask));
  else if (request.body) out.parts = request.body.parts.map(([k, v]) => ({ name: k, value: isSecretName(k) ? MASK : mask(v) }));
  return out;
}

function recordResponse(response: HttpResponse, options: SendOptions): RecordedResponse {
  const mask = masker(options);
  const out: RecordedResponse = { status: response.status };
  const h = headers(response.headers, RESPONSE_HEADERS, mask);
  if (h) out.headers = h;
  return Object.assign(out, body(response.body, mask));
}

/**
 * A transport that sends with `inner` and appends each exchange, normalised and redacted, to `sink`;
 * past `RECORDING_LIMITS.exchanges`, only the operation is noted, in `leftOut`.
 */
export function recorder(inner: Transport, sink: RecordedExchange[], leftOut: string[] = []): Transport {
  return async (request, options) => {
    const keep = sink.length < RECORDING_LIMITS.exchanges;
    if (!keep) leftOut.push(options.operationId ?? '');
    const recorded: RecordedExchange = { operationId: options.operationId ?? '', request: recordRequest(request, options) };
    try {
      const response = await inner(request, options);
      recorded.response = recordResponse(response, options);
      return response;
    } catch (error) {
      if (error instanceof TransportError) recorded.failure = { kind: error.kind, message: masker(options)(error.message) };
      throw error;
    } finally {
      if (keep) sink.push(recorded);
    }
  };
}

/**
 * `previous`'s exchanges that `next` does not replace, then `next`'s: `plugboard test --record` replaces
 * the test exchanges and keeps the simulations, `plugboard simulate --record` replaces the
 * simulation of its trigger and keeps the rest. `replaces` says which previous exchanges go.
 * `stats.kept` is set to how many of `next`'s exchanges the file holds.
 */
export function mergeRecording(previous: Recording | undefined, next: Recording, replaces: (exchange: RecordedExchange) => boolean, stats: { kept: number } = { kept: 0 }): Recording {
  const kept = (previous?.exchanges ?? []).filter((e) => !replaces(e));
  const tests = [...kept, ...next.exchanges].filter((e) => e.run === undefined);
  const simulations = [...kept, ...next.exchanges].filter((e) => e.run !== undefined);
  // Test exchanges first, then simulations by trigger: the file reads the same whichever ran last.
  const byTrigger = new Map<string, RecordedExchange[]>();
  for (const e of simulations) byTrigger.set(e.operationId, [...(byTrigger.get(e.operationId) ?? []), e]);
  // `run` right under `operationId`, where a reviewer reads it first.
  const isNext = new Set(next.exchanges);
  const fromNext = new Set<RecordedExchange>();
  const sorted = [...byTrigger.keys()].sort().flatMap((k) =>
    byTrigger.get(k)!.map(({ operationId, run, ...rest }, i, all): RecordedExchange => {
      const out: RecordedExchange = { operationId, ...(run ? { run } : {}), ...rest };
      if (isNext.has(all[i]!)) fromNext.add(out);
      return out;
    }),
  );
  for (const e of tests) if (isNext.has(e)) fromNext.add(e);
  stats.kept = 0;
  // Within the file's budget, in that order; what does not fit is named, not dropped unsaid.
  const exchanges: RecordedExchange[] = [];
  const dropped = new Set(next.leftOut ?? []);
  let bytes = 0;
  for (const e of [...tests, ...sorted]) {
    // Its bytes as the file holds it: an item of `exchanges:`, indented.
    const size = Buffer.byteLength(stringify({ exchanges: [e] }, { lineWidth: 0, aliasDuplicateObjects: false })) - 'exchanges:\n'.length;
    if (exchanges.length < RECORDING_LIMITS.exchanges && bytes + size <= RECORDING_LIMITS.bytes) {
      exchanges.push(e);
      bytes += size;
      if (fromNext.has(e)) stats.kept++;
    } else dropped.add(e.operationId);
  }
  // What the previous file could not hold stays named unless this run recorded that operation.
  const recordedNow = new Set(next.exchanges.map((e) => e.operationId));
  for (const op of previous?.leftOut ?? []) if (!recordedNow.has(op)) dropped.add(op);
  const leftOut = [...dropped].sort();
  return { connector: next.connector, ...(leftOut.length ? { leftOut } : {}), exchanges };
}

/**
 * `Recorded 3 exchanges in connectors/x/recordings.yaml`, and when the file was full, what it left
 * out (which a replay skips, saying so).
 */
export function recordedLine(written: Recording, kept: number, made: number, path: string, of = ''): string {
  const what = of ? ` of ${of}` : '';
  if (!written.leftOut?.length) return `Recorded ${plural(kept, 'exchange')}${what} in ${path}`;
  const names = written.leftOut.slice(0, 5).map((op) => `\`${op}\``).join(', ') + (written.leftOut.length > 5 ? ` and ${written.leftOut.length - 5} more` : '');
  return `Recorded ${kept} of ${plural(made, 'exchange')}${what} in ${path}: the file holds ${RECORDING_LIMITS.bytes / 1_000_000} MB or ${RECORDING_LIMITS.exchanges.toLocaleString('en-US')} exchanges, so ${names} ${written.leftOut.length === 1 ? 'is' : 'are'} left out (named in its \`leftOut\`; a replay skips them); record fewer operations (--operation) or pages (--pages) to keep them`;
}

/** The file's text: a banner, then YAML in the order the recording was built (bodies and headers sorted); the same recording gives the same bytes. */
export function serializeRecording(recording: Recording): string {
  const banner = `# Generated by \`plugboard test ${recording.connector} --record\` (and \`plugboard simulate … --record\`): the exchanges their \`--replay\` answers from.\n# Redacted (credentials are \`***\`) and normalised (\`${BASE_URL}\` is the address called); record again rather than edit.\n`;
  return banner + stringify(recording, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function parseRecording(text: string): Recording {
  const data = parseYaml(text, { maxAliasCount: 0 }) as Partial<Recording> | null;
  if (!data || typeof data !== 'object' || !Array.isArray(data.exchanges)) throw new Error('not a recordings file: expected `exchanges:`');
  const leftOut = Array.isArray(data.leftOut) ? data.leftOut.filter((op): op is string => typeof op === 'string') : [];
  return { connector: String(data.connector ?? ''), ...(leftOut.length ? { leftOut } : {}), exchanges: data.exchanges };
}

/** The notification a `plugboard simulate --record` of webhook trigger `operationId` received, to post again in a replay. */
export function recordedNotification(recording: Recording, operationId: string): { body: string; contentType: string } | undefined {
  const exchange = recording.exchanges.find((e) => e.run === 'simulate' && e.operationId === operationId && e.request?.url === CALLBACK_URL);
  if (!exchange) return undefined;
  const body = exchange.request.json !== undefined ? JSON.stringify(exchange.request.json) : (exchange.request.text ?? '');
  return { body, contentType: exchange.request.headers?.['content-type'] ?? 'application/json' };
}

/** Replaces `{baseUrl}` in every string of a recorded value with `base`. */
function rebase(value: unknown, base: string, depth = 0): unknown {
  if (typeof value === 'string') return value.split(BASE_URL).join(base);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => rebase(v, base, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v, base, depth + 1)]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const bodyOf = (r: RecordedRequest) => [r.json, r.text, r.parts];
const show = (r: RecordedRequest) => `${r.method} ${r.url}`;

/** What differs between a request and a recorded one, in words: `the query (limit)`, `the body`. */
export function differences(request: RecordedRequest, recorded: RecordedRequest): string[] {
  const out: string[] = [];
  if (request.method !== recorded.method) out.push(`the method (${recorded.method} recorded)`);
  const [path, query = ''] = request.url.split('?');
  const [rpath, rquery = ''] = recorded.url.split('?');
  if (path !== rpath) out.push(`the path (${rpath} recorded)`);
  if (query !== rquery) {
    const a = new URLSearchParams(query);
    const b = new URLSearchParams(rquery);
    const names = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.getAll(k).join() !== b.getAll(k).join()).sort();
    out.push(`the query (${names.map((n) => `\`${n}\``).join(', ')})`);
  }
  if (!same(bodyOf(request), bodyOf(recorded))) out.push('the body');
  return out;
}

/**
 * A transport answering from `recording`: a request matches an exchange of the same operation with
 * the same method, URL and body (normalised and redacted alike); repeated requests take the matching
 * exchanges in order, the last one again when they run out. No match is a `recording-mismatch`
 * TransportError naming the closest recorded request and what differs.
 */
export function replayer(recording: Recording, run?: RecordedExchange['run']): Transport {
  const used = new Set<number>();
  const exchanges = recording.exchanges.filter((e) => e.run === run);
  return async (request, options) => {
    const wanted = recordRequest(request, options);
    const base = options.baseUrl?.replace(/\/+$/, '') ?? '';
    const matches = exchanges.flatMap((e, i) => (e.operationId === (options.operationId ?? e.operationId) && e.request.method === wanted.method && e.request.url === wanted.url && same(bodyOf(e.request), bodyOf(wanted)) ? [i] : []));
    const index = matches.find((i) => !used.has(i)) ?? matches.at(-1);
    if (index === undefined && options.operationId !== undefined && recording.leftOut?.includes(options.operationId)) {
      throw new TransportError('not-recorded', `\`${show(wanted)}\` is not in the recording: the file was full when \`${options.operationId}\` ran (${RECORDING_LIMITS.bytes / 1_000_000} MB or ${RECORDING_LIMITS.exchanges.toLocaleString('en-US')} exchanges); record fewer operations (--operation) or pages (--pages) to have it checked`);
    }
    if (index === undefined) {
      const candidates = exchanges.filter((e) => e.operationId === options.operationId);
      const pool = candidates.length ? candidates : exchanges;
      const closest = pool.map((e) => ({ e, diff: differences(wanted, e.request) })).sort((a, b) => a.diff.length - b.diff.length)[0];
      const hint = closest ? `; the closest recorded, \`${show(closest.e.request)}\`, differs in ${closest.diff.join(', ') || 'its operation'}` : `; ${options.operationId ? `\`${options.operationId}\` has` : 'the file has'} no recorded exchange`;
      throw new TransportError('recording-mismatch', `no recording of \`${show(wanted)}\`${hint} (record again with --record)`);
    }
    used.add(index);
    const exchange = exchanges[index]!;
    if (exchange.failure) throw new TransportError(exchange.failure.kind as TransportError['kind'], exchange.failure.message);
    const response = exchange.response ?? { status: 0 };
    const headers = (rebase(response.headers ?? {}, base) as Record<string, string>) ?? {};
    const text = response.json !== undefined ? JSON.stringify(rebase(response.json, base)) : (response.text ?? '').split(BASE_URL).join(base);
    return { status: response.status, headers, body: text, url: request.url, ms: 0, retries: 0, redirects: 0 };
  };
}

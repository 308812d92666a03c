/**
 * Finding secrets in a connector: well-known token shapes anywhere, and real-looking values in
 * fields whose name says they hold a secret. Placeholders (`[YOUR_CLIENT_SECRET]`, `{{token}}`,
 * `xxx`, `@connectionParameters('key')`) are fine. Every walk is bounded in depth, nodes and bytes.
 */
import { isPlaceholder } from './certification.ts';

/** Token shapes issued by well-known services: each is a secret wherever it appears. */
const TOKEN_SHAPES: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'private key', pattern: /-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/ },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'OpenAI key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { name: 'SendGrid key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { name: 'Azure storage key', pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { name: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { name: 'bearer token', pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{24,}=*/ },
];

/** The shortest text any shape matches (a Slack token: `xoxb-` and 10 characters). */
const SHORTEST_TOKEN = 15;
/** Every shape in one expression, to rule a string out in one pass. */
const ANY_TOKEN = new RegExp(TOKEN_SHAPES.map((t) => `(?:${t.pattern.source})`).join('|'));

/** Names of fields that hold a secret (a key, a header, a parameter, a property). */
const SECRET_NAME = /(?:^|[^a-z])(?:client[-_ ]?secret|secret|password|passwd|pwd|api[-_ ]?key|apikey|access[-_ ]?token|refresh[-_ ]?token|auth[-_ ]?token|bearer|private[-_ ]?key|subscription[-_ ]?key|ocp-apim-subscription-key)(?:$|[^a-z])/i;

/** Answers of isSecretName: a definition repeats the same few hundred keys thousands of times. */
const secretNames = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let answer = secretNames.get(name);
  if (answer === undefined) {
    answer = /^(?:authorization|proxy-authorization)$/i.test(name) || SECRET_NAME.test(name.replace(/([a-z])([A-Z])/g, '$1_$2'));
    if (secretNames.size >= 20_000) secretNames.clear();
    secretNames.set(name, answer);
  }
  return answer;
}

/** Bits per character of a string. */
function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * A value in a secret-named field that looks like a real secret: not a placeholder, no spaces
 * (prose), not a URL or an expression, and either random-looking (high entropy, letters and digits)
 * or a password-like mix of at least 8 characters.
 */
export function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 4096 || isPlaceholder(v) || /\s/.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /[@$]\{|^@/.test(v)) return false;
  if (/^(?:true|false|null|none|string|securestring|header|query|basic|bearer|oauth2?)$/i.test(v)) return false;
  // A template with `{placeholders}`, or a query string: not a value, a shape of one.
  if (/\{[^{}]+\}/.test(v) || /[?&][\w.-]+=/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  return (v.length >= 16 && entropy(v) >= 3.5 && classes >= 2) || (classes >= 3 && /\d/.test(v));
}

/** The first well-known token shape in a text, by name, and where it starts. */
export function tokenShape(text: string): { name: string; index: number } | undefined {
  // Most strings of a definition are short or hold no token at all: one pass of all the shapes at
  // once rules them out before each shape is tried for its name and place.
  if (text.length < SHORTEST_TOKEN) return undefined;
  if (text.length > 4_000_000) text = text.slice(0, 4_000_000);
  if (!ANY_TOKEN.test(text)) return undefined;
  let best: { name: string; index: number } | undefined;
  for (const { name, pattern } of TOKEN_SHAPES) {
    const match = pattern.exec(text);
    if (!match || isPlaceholder(match[0].replace(/^Bearer\s+/, ''))) continue;
    if (!best || match.index < best.index) best = { name, index: match.index };
  }
  return best;
}

/** `secret = "value"`, `"apiKey": "value"`, `password: value` in code or text: the first real-looking one. */
export function assignedSecret(text: string): { name: string; index: number } | undefined {
  const pattern = /["']?([A-Za-z_][\w-]{0,40})["']?\s*[:=]\s*@?["']([^"'\r\n]{8,200})["']/g;
  let count = 0;
  for (const match of text.slice(0, 4_000_000).matchAll(pattern)) {
    if (++count > 20_000) break;
    if (isSecretName(match[1]!) && looksLikeSecret(match[2]!)) return { name: match[1]!, index: match.index };
  }
  return undefined;
}

/** A value as a message may show it: its first characters only. */
export function masked(value: string): string {
  const v = value.trim();
  return `\`${v.slice(0, Math.min(4, Math.floor(v.length / 4))).replaceAll('`', "'")}…\``;
}

/**
 * Import from sample: one or more JSON response samples → the response schema of one operation
 * of an existing connector folder. The action (or trigger) file's front-matter is edited and
 * written back through the one serializer (write-mdx.ts); its body is kept as it is. Nothing is
 * written to disk: the caller gets the changed file in `files`.
 */
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { RuleId } from '../../core/rule-ids.ts';
import { SourceFile, splitFrontMatter } from '../../core/source-file.ts';
import { report } from '../../check/reporter.ts';
import { loadConnector } from '../../compiler/load.ts';
import { placeDiagnostics } from '../../core/position.ts';
import { parseDocumentFile } from '../json.ts';
import { readNamedFile } from '../read-source.ts';
import type { ImportResult } from '../types.ts';
import { toMdx } from '../write-mdx.ts';
import { inferSchema } from './infer.ts';
import { isObject as isObj } from '../../swagger/index.ts';

type Obj = Record<string, unknown>;

export interface SampleOptions {
  /** The connector folder to edit, like `connectors/contoso`. */
  into: string;
  /** operationId (or file name) of the action or trigger. */
  operation: string;
  /** Response status to add or replace (default `200`). */
  status?: string | number;
  /** Keep the first sample as the response's `examples` (default true). */
  example?: boolean;
  /** How the sample paths are shown in diagnostics (default: as given). */
  display?: string[];
}

const REASONS: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content' };

/** A sample import that stops; `args` say why (one such finding per file). */
function error(file: string, message: string, args: readonly string[], ruleId: RuleId = 'import-source-invalid'): Diagnostic {
  return report({ ruleId, message, file, place: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, source: 'import', args });
}

export function importSample(samplePaths: string | string[], options: SampleOptions): ImportResult {
  const paths = Array.isArray(samplePaths) ? samplePaths : [samplePaths];
  const id = basename(options.into.replace(/\/+$/, ''));
  const stats = { operations: 0, actions: 0, triggers: 0, definitions: 0, rawOperations: 0 };
  const fail = (diagnostics: Diagnostic[]): ImportResult => ({ id, files: new Map(), diagnostics, stats });
  const status = String(options.status ?? '200');
  if (!/^([1-5]\d\d|default)$/.test(status)) return fail([error(paths[0] ?? options.into, `Expected a status code like 200 or \`default\`, found \`${status}\``, ['status'])]);

  // The samples, each positioned in its own file.
  const samples: unknown[] = [];
  const diagnostics: Diagnostic[] = [];
  paths.forEach((path, i) => {
    const display = options.display?.[i] ?? path;
    const text = readNamedFile(path, display);
    if (typeof text !== 'string') {
      if (text.reason === 'too-large') diagnostics.push(error(display, `The sample ${text.detail}`, ['import-bytes'], 'source-limit'));
      else if (text.detail.includes('ENOENT')) diagnostics.push(error(display, `Cannot read \`${path}\`: no such file`, ['missing']));
      else diagnostics.push(error(display, `Cannot read the sample: it ${text.detail}`, [text.reason]));
      return;
    }
    const file = new SourceFile(display, text, 'json');
    const value = parseDocumentFile(file);
    placeDiagnostics(file.diagnostics, new Map([[display, file]]));
    diagnostics.push(...file.diagnostics);
    if (value !== undefined) samples.push(value);
  });
  if (diagnostics.some((d) => d.severity === 'error') || samples.length === 0) return fail(diagnostics);

  // The operation's file.
  const connector = loadConnector(options.into, options.into);
  if (!connector.connector) return fail([...diagnostics, error(options.into, `\`${options.into}\` is not a connector folder (no connector.mdx)`, ['not-a-connector'])]);
  const candidates = [...connector.actions, ...connector.triggers];
  const stemOf = (f: SourceFile) => basename(f.path).replace(/\.mdx?$/, '');
  const idOf = (f: SourceFile) => {
    try {
      const data = parse(splitFrontMatter(f.text).yaml) as unknown;
      return isObj(data) && typeof data.operationId === 'string' ? data.operationId : stemOf(f);
    } catch {
      return stemOf(f);
    }
  };
  const target = candidates.find((f) => idOf(f) === options.operation) ?? candidates.find((f) => stemOf(f) === options.operation);
  let rel: string;
  let text: string;
  let inline: 'actions' | 'triggers' | undefined;
  if (target) {
    rel = target.path.slice(connector.prefix.length);
    text = target.text;
  } else {
    rel = 'connector.mdx';
    text = connector.connector.text;
    const data = parse(splitFrontMatter(text).yaml) as unknown;
    inline = isObj(data) && isObj(data.actions) && options.operation in data.actions ? 'actions' : isObj(data) && isObj(data.triggers) && options.operation in data.triggers ? 'triggers' : undefined;
    if (!inline) {
      const known = candidates.map(idOf).sort();
      return fail([...diagnostics, error(options.into, `No operation \`${options.operation}\` in \`${options.into}\`${known.length ? `; it has ${known.slice(0, 10).map((k) => `\`${k}\``).join(', ')}${known.length > 10 ? '…' : ''}` : ''}`, ['operation', options.operation])]);
    }
  }
  const split = splitFrontMatter(text);
  let data: unknown;
  try {
    data = parse(split.yaml);
  } catch (e) {
    return fail([...diagnostics, error(join(options.into, rel), `The front-matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`, ['syntax'], 'frontmatter-yaml')]);
  }
  if (!isObj(data)) data = {};
  const front = data as Obj;
  const op = inline ? ((front[inline] as Obj)[options.operation] as Obj) : front;
  const responses = isObj(op.responses) ? op.responses : {};
  const previous = isObj(responses[status]) ? (responses[status] as Obj) : undefined;
  const response: Obj = {};
  response.description = previous?.description ?? REASONS[status] ?? 'Response';
  for (const [k, v] of Object.entries(previous ?? {})) if (k !== 'schema' && k !== 'examples' && k !== 'description') response[k] = v;
  response.schema = inferSchema(samples);
  if (options.example !== false) response.examples = { 'application/json': samples[0] };
  else if (previous?.examples !== undefined) response.examples = previous.examples;
  op.responses = { ...responses, [status]: response };
  if (!previous) {
    // Responses in status order.
    op.responses = Object.fromEntries(Object.entries(op.responses as Obj).sort(([a], [b]) => (a === 'default' ? 1 : b === 'default' ? -1 : a.localeCompare(b))));
  }
  stats.operations = 1;
  if (rel.startsWith('triggers/') || inline === 'triggers') stats.triggers = 1;
  else stats.actions = 1;
  const files = new Map<string, string | Buffer>([[rel, toMdx(front, split.body)]]);
  diagnostics.push(
    report({
      ruleId: 'import-approximated',
      message: `Response \`${status}\` of \`${options.operation}\` ${previous ? 'replaced' : 'added'} with a schema inferred from ${samples.length} sample${samples.length === 1 ? '' : 's'} (types, formats and labels are guesses: review them)`,
      file: `${connector.prefix}${rel}`,
      place: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } },
      source: 'import',
      args: ['sample', options.operation, status],
    }),
  );
  return { id, files, diagnostics, stats };
}

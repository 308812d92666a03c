/**
 * State shared by the compiler passes: the output documents, where each output node came
 * from (so findings on the output land on the author's line), and diagnostics.
 *
 * Provenance is recorded per output object, not per key: an object remembers the source node
 * it was compiled from, plus the few keys that came from elsewhere (sugar renamed, generated).
 * Resolving a pointer walks the output once. This keeps compiling fast: no string per key.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { reportInto, type Reporter } from '../core/finding.ts';
import { getOwn } from '../core/own.ts';
import { toPointer, type Path, type Segment } from '../core/pointer.ts';
import type { SourceFile } from '../core/source-file.ts';
import type { RuleId } from '../core/rule-ids.ts';
import type { ConnectorSource } from './load.ts';
import type { ApiProperties, Swagger } from '../swagger/index.ts';

export type DocName = 'swagger' | 'apiProperties';

export interface Origin {
  file: SourceFile;
  path: Path;
}

interface NodeOrigin extends Origin {
  /** Keys of this object whose source is not `path/<key>`. */
  keys?: Map<string, Origin>;
}

export class CompileContext {
  readonly source: ConnectorSource;
  swagger: Swagger = {};
  apiProperties: ApiProperties = { properties: {} };
  private readonly origins = new WeakMap<object, NodeOrigin>();
  /** Diagnostics that are not about one source file (missing files). */
  readonly extra: Diagnostic[] = [];

  /** Makes the diagnostics (CompileOptions.report). */
  readonly reporter: Reporter;

  constructor(source: ConnectorSource, reporter: Reporter) {
    this.source = source;
    this.reporter = reporter;
  }

  /** Records that the output object `node` was compiled from `path` of `file`. */
  track(node: unknown, file: SourceFile, path: Path): void {
    if (node && typeof node === 'object' && !this.origins.has(node)) this.origins.set(node, { file, path });
  }

  /** Records that `key` of the output object `node` came from `path` of `file`. */
  trackKey(node: object, key: string, file: SourceFile, path: Path): void {
    let origin = this.origins.get(node);
    if (!origin) this.origins.set(node, (origin = { file, path: path.slice(0, -1) }));
    if (origin.file === file && path.length === origin.path.length + 1 && path[path.length - 1] === key) return;
    (origin.keys ??= new Map()).set(key, { file, path });
  }

  /** The source of an output pointer: the nearest tracked ancestor plus the rest of the path. */
  originOf(doc: DocName, out: readonly string[]): Origin | undefined {
    let node: unknown = doc === 'swagger' ? this.swagger : this.apiProperties;
    let best: Origin | undefined;
    let consumed = 0;
    for (let i = 0; i <= out.length; i++) {
      const origin = node && typeof node === 'object' ? this.origins.get(node) : undefined;
      if (origin) {
        best = origin;
        consumed = i;
        const key = out[i];
        const keyed = key !== undefined ? origin.keys?.get(key) : undefined;
        if (keyed) {
          best = keyed;
          consumed = i + 1;
        }
      }
      if (i === out.length || !node || typeof node !== 'object') break;
      node = getOwn(node, out[i]!);
    }
    return best && { file: best.file, path: [...best.path, ...out.slice(consumed)] };
  }

  report(
    file: SourceFile,
    path: Path,
    ruleId: RuleId,
    message: string,
    options: { args: readonly string[]; onKey?: boolean; note?: string; cause?: { message: string; file: SourceFile; path: Path } },
  ): void {
    reportInto(file.diagnostics, this.reporter, {
      ruleId,
      message,
      file: file.path,
      pointer: toPointer(path),
      onKey: options.onKey ?? false,
      args: options.args,
      ...(options.note ? { note: options.note } : {}),
      ...(options.cause
        ? { cause: { message: options.cause.message, file: options.cause.file.path, pointer: toPointer(options.cause.path) } }
        : {}),
    });
  }
}

export type { Segment };

/**
 * State shared by the compiler passes: the output documents, where each output node came
 * from (so findings on the output land on the author's line), and diagnostics.
 */
import { Diagnostic, type Severity } from '../core/diagnostic.ts';
import { toPointer, type Path, type Segment } from '../core/pointer.ts';
import type { SourceFile } from '../core/source-file.ts';
import { ruleUrl } from '../check/define-rule.ts';
import type { ConnectorSource } from './load.ts';
import type { ApiProperties, Swagger } from './types.ts';

export type DocName = 'swagger' | 'apiProperties';

export interface Origin {
  file: SourceFile;
  path: Path;
}

export class CompileContext {
  readonly source: ConnectorSource;
  readonly swagger: Swagger = {};
  readonly apiProperties: ApiProperties = { properties: {} };
  private readonly origins = new Map<string, Origin>();
  /** Diagnostics that are not about one source file (missing files). */
  readonly extra: Diagnostic[] = [];

  constructor(source: ConnectorSource) {
    this.source = source;
  }

  /** Records that the output node at `out` was written at `path` of `file`. */
  track(doc: DocName, out: Path, file: SourceFile, path: Path): void {
    this.origins.set(doc + ':' + toPointer(out), { file, path });
  }

  /** The source of an output pointer: the nearest tracked ancestor plus the rest of the path. */
  originOf(doc: DocName, out: readonly string[]): Origin | undefined {
    for (let depth = out.length; depth >= 0; depth--) {
      const origin = this.origins.get(doc + ':' + toPointer(out.slice(0, depth)));
      if (origin) return { file: origin.file, path: [...origin.path, ...out.slice(depth)] };
    }
    return undefined;
  }

  report(
    file: SourceFile,
    path: Path,
    ruleId: string,
    message: string,
    options: { severity?: Severity; onKey?: boolean; note?: string; cause?: { message: string; file: SourceFile; path: Path } } = {},
  ): void {
    file.diagnostics.push(
      new Diagnostic({
        ruleId,
        severity: options.severity ?? 'error',
        message,
        file: file.path,
        pointer: toPointer(path),
        onKey: options.onKey ?? false,
        url: ruleUrl(ruleId),
        ...(options.note ? { note: options.note } : {}),
        ...(options.cause
          ? { cause: { message: options.cause.message, file: options.cause.file.path, pointer: toPointer(options.cause.path) } }
          : {}),
      }),
    );
  }
}

/**
 * Sets `key` on `target` unless something already set it, in which case the author wrote
 * the same thing twice (sugar and its raw key, or two raw sources): an error on the second.
 */
export function assign(
  ctx: CompileContext,
  target: Record<string, unknown>,
  key: string,
  value: unknown,
  at: { file: SourceFile; path: Path },
  setBy: Map<string, Path> | undefined,
): void {
  if (value === undefined) return;
  if (Object.hasOwn(target, key)) {
    const first = setBy?.get(key);
    ctx.report(at.file, at.path, 'connector-duplicate-key', `\`${key}\` is set twice; keep one of the two`, {
      onKey: true,
      ...(first ? { cause: { message: `\`${key}\` first set here`, file: at.file, path: first } } : {}),
    });
    return;
  }
  target[key] = value;
  setBy?.set(key, at.path);
}

export type { Segment };

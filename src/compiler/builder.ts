/**
 * Builds one output object key by key, remembering where each key came from, so that a key
 * set twice (sugar and its raw twin, or two raw sources) is reported once, on the second.
 */
import type { Path } from '../core/pointer.ts';
import type { SourceFile } from '../core/source-file.ts';
import type { CompileContext } from './context.ts';

export class ObjectBuilder {
  readonly value: Record<string, unknown> = {};
  private readonly setAt = new Map<string, { file: SourceFile; path: Path }>();
  private readonly ctx: CompileContext;

  /** `file`/`path`: the source node this object is compiled from. */
  constructor(ctx: CompileContext, file: SourceFile, path: Path) {
    this.ctx = ctx;
    ctx.track(this.value, file, path);
  }

  /** Sets `key` from the source node at `path` in `file`; `undefined` values are skipped. */
  set(key: string, value: unknown, file: SourceFile, path: Path): void {
    if (value === undefined) return;
    const first = this.setAt.get(key);
    if (first) {
      this.ctx.report(file, path, 'connector-duplicate-key', `\`${key}\` is already set by \`${String(first.path.at(-1) ?? key)}\`; keep one of the two`, {
        onKey: true,
        cause: { message: `\`${key}\` first set here`, file: first.file, path: first.path },
      });
      return;
    }
    this.value[key] = value;
    this.setAt.set(key, { file, path });
    this.ctx.trackKey(this.value, key, file, path);
  }

  /** Sets a key that nobody wrote (a generated default); a later explicit key still conflicts. */
  generated(key: string, value: unknown, file: SourceFile, path: Path): void {
    this.set(key, value, file, path);
  }
}

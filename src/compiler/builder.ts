/**
 * Builds one output object key by key, remembering where each key came from, so that a key
 * set twice (sugar and its raw twin, or two raw sources) is reported once, on the second.
 * A key copied from the same-named key of the source node (`own`) costs nothing to track;
 * only keys from elsewhere (renamed sugar, generated defaults) record their origin.
 */
import type { Path } from '../core/pointer.ts';
import { setOwn } from '../core/own.ts';
import type { SourceFile } from '../core/source-file.ts';
import type { CompileContext } from './context.ts';

export class ObjectBuilder {
  readonly value: Record<string, unknown> = {};
  private setAt: Map<string, { file: SourceFile; path: Path }> | undefined;
  private readonly ctx: CompileContext;
  private readonly file: SourceFile;
  private readonly base: Path;

  /** `file`/`path`: the source node this object is compiled from. */
  constructor(ctx: CompileContext, file: SourceFile, path: Path) {
    this.ctx = ctx;
    this.file = file;
    this.base = path;
    ctx.track(this.value, file, path);
  }

  /** Copies `key` from the same-named key of the source node. */
  own(key: string, value: unknown): void {
    if (value === undefined) return;
    if (Object.hasOwn(this.value, key)) return this.conflict(key, this.file, [...this.base, key]);
    setOwn(this.value, key, value);
  }

  /** Sets `key` from the source node at `path` in `file`; `undefined` values are skipped. */
  set(key: string, value: unknown, file: SourceFile, path: Path): void {
    if (value === undefined) return;
    if (Object.hasOwn(this.value, key)) return this.conflict(key, file, path);
    setOwn(this.value, key, value);
    (this.setAt ??= new Map()).set(key, { file, path });
    this.ctx.trackKey(this.value, key, file, path);
  }

  /** Sets a key that nobody wrote (a generated default); a later explicit key still conflicts. */
  generated(key: string, value: unknown, file: SourceFile, path: Path): void {
    this.set(key, value, file, path);
  }

  private conflict(key: string, file: SourceFile, path: Path): void {
    const first = this.setAt?.get(key) ?? { file: this.file, path: [...this.base, key] };
    this.ctx.report(file, path, 'connector-duplicate-key', `\`${key}\` is already set by \`${String(first.path.at(-1) ?? key)}\`; keep one of the two`, {
      onKey: true,
      args: [key],
      cause: { message: `\`${key}\` first set here`, file: first.file, path: first.path },
    });
  }
}

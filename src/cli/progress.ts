/**
 * A single updating status line on stderr (`building 120/1000 github-issues`), shown only for
 * long runs on an interactive terminal outside CI. Otherwise every call is a no-op.
 */
export const PROGRESS_THRESHOLD = 20;

export interface Progress {
  update(done: number, total: number, id: string): void;
  /** Clears the line; call before printing anything else. */
  clear(): void;
}

const NONE: Progress = { update() {}, clear() {} };

export function createProgress(
  verb: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (!stream.isTTY || env.CI || total <= PROGRESS_THRESHOLD) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done, all, id) {
      const now = Date.now();
      if (done < all && now - last < 50) return;
      last = now;
      const line = `${verb} ${done}/${all} ${id}`;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, (stream.columns || 80) - 1))}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

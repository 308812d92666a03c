/**
 * Reading what `plugboard import` is handed: the document named on the command line, a sample,
 * and the files its `$ref`s name. Everything goes through src/core/safe-fs.ts, so a FIFO or a
 * device is refused at once (never read forever) and every read has a size limit. The threat
 * model is in the README ("Running plugboard on untrusted pull requests").
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isSkipped, LIMITS, readInside, readRegularText, resolveInside, type SkippedEntry } from '../core/safe-fs.ts';

/**
 * The text of a file the user named (a source or a sample). A link the user made is followed (the
 * user chose it), but what it leads to must be a regular file of at most `maxBytes`.
 */
export function readNamedFile(path: string, display: string, maxBytes: number = LIMITS.importBytes): string | SkippedEntry {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // Missing: the read below says so.
  }
  return readRegularText(target, maxBytes, display);
}

/** A `$ref` that was not followed, and why (a sentence that completes "`$ref` `x` is refused: …"). */
export interface RefusedRef {
  refused: string;
  /** Stable words for the fingerprint: `absolute`, `outside`, `url`, or a SkipReason. */
  reason: string;
}

/** Where external `$ref`s may lead: the source document's folder, and the `--ref-root` folder if given. */
export class RefRoots {
  readonly roots: string[];

  constructor(documentPath: string, refRoot?: string) {
    this.roots = [dirname(resolve(documentPath)), ...(refRoot !== undefined ? [resolve(refRoot)] : [])];
  }

  /**
   * Resolves the file part of a `$ref` written in the file `from`: a relative path to a regular
   * file under one of the roots, reached through no symlink, within LIMITS.sourceBytes. URLs and
   * absolute paths are refused without being looked at.
   */
  resolve(filePart: string, from: string): { full: string } | RefusedRef {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(filePart) && !/^[a-zA-Z]:[\\/]/.test(filePart)) {
      return { refused: 'URLs are not fetched; save the file beside the document and refer to it by a relative path', reason: 'url' };
    }
    if (isAbsolute(filePart) || /^[\\/]|^[a-zA-Z]:/.test(filePart)) {
      return { refused: 'absolute paths are not followed; refer to a file beside the document by a relative path', reason: 'absolute' };
    }
    for (const root of this.roots) {
      const full = resolveInside(root, dirname(from), filePart);
      if (full !== undefined) return { full };
    }
    return { refused: `it leads outside ${this.describe()}`, reason: 'outside' };
  }

  /** Reads a resolved reference, refusing a symlink on the way, a special file or one over the size limit. */
  read(full: string): string | RefusedRef {
    const root = this.roots.find((r) => resolveInside(r, r, full) !== undefined);
    if (root === undefined) return { refused: `it leads outside ${this.describe()}`, reason: 'outside' };
    const bytes = readInside(root, full, LIMITS.sourceBytes);
    return isSkipped(bytes) ? { refused: `the file ${bytes.detail}`, reason: bytes.reason } : bytes.toString('utf8');
  }

  private describe(): string {
    return this.roots.length > 1 ? 'the document\'s folder and `--ref-root`' : 'the document\'s folder (name another folder with `--ref-root`)';
  }
}

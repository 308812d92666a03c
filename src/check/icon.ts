/**
 * The connector icon's format and size, read from its header with image-size (which reads only the
 * first bytes it needs, never decodes pixels); memoized per buffer, so the icon rules share one read.
 */
import { imageSize } from 'image-size';

export interface IconInfo {
  /** `png`, `jpg`, `gif`, `svg`… as image-size names it. */
  type: string;
  width: number;
  height: number;
}

/** Icons beyond this are not read (the loader's asset limit is lower still). */
const MAX_BYTES = 16 * 1024 * 1024;

const cache = new WeakMap<Buffer, IconInfo | undefined>();

/** Format and size of an image, or undefined when it is none image-size knows (or too big to read). */
export function readIcon(bytes: Buffer): IconInfo | undefined {
  if (cache.has(bytes)) return cache.get(bytes);
  let info: IconInfo | undefined;
  if (bytes.length > 0 && bytes.length <= MAX_BYTES) {
    try {
      const size = imageSize(bytes);
      if (size.type && size.width !== undefined && size.height !== undefined) info = { type: size.type, width: size.width, height: size.height };
    } catch {
      info = undefined;
    }
  }
  cache.set(bytes, info);
  return info;
}

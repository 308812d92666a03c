/**
 * What the operation, path and parameter rules share: the media types an operation consumes, path
 * templates split into segments, and operation families of `x-ms-api-annotation`. Pure reads of the
 * typed walk (src/swagger); nothing here reports.
 */
import { isObject, type Json, type OperationEntry, type Swagger } from '../swagger/index.ts';

/** The media types the platform sends a request body in (the validator's `MimeTypeNotSupported` list). */
export const SUPPORTED_MEDIA_TYPES = ['application/json', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded'] as const;

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

/** The operation's `consumes` (else the document's), as written: undefined when neither says, strings only. */
export function consumesOf(swagger: Swagger, op: OperationEntry): { types: string[]; own: boolean } | undefined {
  const own = op.visit.node.consumes;
  const list = own !== undefined ? own : swagger.consumes;
  if (list === undefined) return undefined;
  return { types: Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [], own: own !== undefined };
}

/** `/items/{id}` → `['items', '{id}']`; the leading empty segment dropped, a trailing one kept. */
export function pathSegments(path: string): string[] {
  return path.split('/').slice(1);
}

/** A segment that is one whole template variable, like `{id}`. */
export function isVariableSegment(segment: string): boolean {
  return /^\{[^{}]+\}$/.test(segment);
}

/** A path with every whole-variable segment replaced by `{}`: two paths with the same shape route alike. */
export function pathShape(path: string): string {
  return pathSegments(path)
    .map((s) => (isVariableSegment(s) ? '{}' : s))
    .join('/');
}

/** The operation's `x-ms-api-annotation` fields that families use. */
export interface Annotation {
  family: string | undefined;
  /** The revision as written (a number, a string, null…), undefined when absent. */
  revision: Json | undefined;
  status: string | undefined;
  deprecated: boolean;
}

export function annotationOf(op: OperationEntry): Annotation | undefined {
  const value = op.visit.node['x-ms-api-annotation'];
  if (!isObject(value)) return undefined;
  return {
    family: typeof value.family === 'string' && value.family !== '' ? value.family : undefined,
    revision: value.revision,
    status: typeof value.status === 'string' ? value.status : undefined,
    deprecated: op.visit.node.deprecated === true,
  };
}

/** Operations grouped by `x-ms-api-annotation.family`, in document order. */
export function families(operations: readonly OperationEntry[]): Map<string, Array<{ op: OperationEntry; annotation: Annotation }>> {
  const out = new Map<string, Array<{ op: OperationEntry; annotation: Annotation }>>();
  for (const op of operations) {
    const annotation = annotationOf(op);
    if (!annotation?.family) continue;
    let list = out.get(annotation.family);
    if (!list) out.set(annotation.family, (list = []));
    list.push({ op, annotation });
  }
  return out;
}

/** True when a revision is given: a number or a non-empty string. */
export function hasRevision(revision: Json | undefined): boolean {
  return typeof revision === 'number' || (typeof revision === 'string' && revision.trim() !== '');
}

/** `GET /items/{id}`, how messages name an operation without an id. */
export function operationName(op: OperationEntry): string {
  return op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
}

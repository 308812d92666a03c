/** The responses of an operation, references followed. */
import { deref } from './deref.ts';
import { isObject, type Operation, type Response, type Swagger } from './types.ts';

export interface StatusResponse {
  /** `200`, `2XX`, `default`… as written. */
  status: string;
  response: Response;
}

/** Every response of `operation` in written order (extension keys skipped, unresolvable references left out). */
export function responses(swagger: Swagger, operation: Operation): StatusResponse[] {
  if (!isObject(operation.responses)) return [];
  const out: StatusResponse[] = [];
  for (const [status, raw] of Object.entries(operation.responses)) {
    if (status.startsWith('x-')) continue;
    const response = deref(swagger, raw);
    if (response) out.push({ status, response: response as Response });
  }
  return out;
}

/** True for the statuses a caller reads as success: `2xx` codes and `default`. */
export function isSuccess(status: string): boolean {
  return /^2\d\d$/.test(status) || status === 'default';
}

/**
 * The property of a response body holding the next page's URL: `x-ms-pageable.nextLinkName`
 * (../shared/docs/platform-format.md, x-ms-pageable); undefined when the operation does not page
 * (no extension, or `nextLinkName: null`).
 */
export function nextLinkNameOf(operation: Operation): string | undefined {
  const pageable = operation['x-ms-pageable'];
  if (!isObject(pageable)) return undefined;
  return typeof pageable.nextLinkName === 'string' && pageable.nextLinkName !== '' ? pageable.nextLinkName : undefined;
}

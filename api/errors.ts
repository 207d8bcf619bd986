import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';

/** An error the client caused or may see: a status, a stable machine-readable code and a message. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** The request field at fault, where one is (`endsAt`, `areas.0`). */
    readonly field?: string,
  ) {
    super(status, { message });
  }
}

/** A limit was reached: 429 with `Retry-After`, the seconds after which the same request may go. */
export class RateLimited extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    code = 'rate_limited',
    message = 'too many requests; please try again later',
  ) {
    super(429, code, message);
  }
}

export const badRequest = (code: string, message: string, field?: string) =>
  new ApiError(400, code, message, field);

export function errorBody(code: string, message: string, field?: string) {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** The one place errors become responses: known ones keep their status, the rest are a logged 500. */
export function createErrorHandler(logger: Logger) {
  return function onError(error: Error, c: Context) {
    if (error instanceof RateLimited) c.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.field), error.status);
    if (error instanceof HTTPException) {
      const status = error.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
      return c.json(errorBody(code, error.message || 'request refused'), status as ContentfulStatusCode);
    }
    logger.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'), 500);
  };
}

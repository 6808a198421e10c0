import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictError, InvalidChangeError, NotFoundError } from '../db/admin-errors.js';
import { isDatabaseUnreachable } from '../db/unavailable.js';

/** An RFC 9457 problem: every API error leaves as application/problem+json. */
export class ProblemError extends HTTPException {
  constructor(status: ContentfulStatusCode, public readonly title: string, public readonly detail?: string, public readonly errors?: Array<{ field: string; message: string }>) {
    super(status, { message: detail ?? title });
  }
}

export function problemResponse(c: Context, status: ContentfulStatusCode, title: string, detail?: string, errors?: Array<{ field: string; message: string }>, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }), status, {
    'content-type': 'application/problem+json',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
}

/** Whether an error is an expected outcome (a refused request, the database away) rather than a bug to log. */
export function isExpectedError(err: Error): boolean {
  return err instanceof HTTPException || err instanceof NotFoundError || err instanceof InvalidChangeError || err instanceof ConflictError;
}

/** The app's single error mapper. Unexpected errors are logged by the caller and answered without internals. */
export function toProblem(err: Error, c: Context): Response {
  if (err instanceof ProblemError) return problemResponse(c, err.status as ContentfulStatusCode, err.title, err.detail, err.errors);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return problemResponse(c, status, err.message || 'Error');
  }
  if (err instanceof NotFoundError) return problemResponse(c, 404, 'Not Found', err.message);
  if (err instanceof InvalidChangeError) return problemResponse(c, 422, 'Invalid change', err.message, err.errors);
  if (err instanceof ConflictError) return problemResponse(c, 409, 'Conflict', err.message);
  if (isDatabaseUnreachable(err)) {
    return problemResponse(c, 503, 'Service Unavailable', 'the database cannot be reached right now; try again shortly', undefined, { 'retry-after': '5', 'cache-control': 'no-store' });
  }
  return problemResponse(c, 500, 'Internal Server Error', 'something went wrong on our side; it has been logged');
}

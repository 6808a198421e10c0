import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An RFC 9457 problem: every API error leaves as application/problem+json. */
export class ProblemError extends HTTPException {
  constructor(status: ContentfulStatusCode, public readonly title: string, public readonly detail?: string, public readonly errors?: Array<{ field: string; message: string }>) {
    super(status, { message: detail ?? title });
  }
}

export function problemResponse(c: Context, status: ContentfulStatusCode, title: string, detail?: string, errors?: Array<{ field: string; message: string }>): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) }), status, {
    'content-type': 'application/problem+json',
  });
}

/** The app's single error mapper. Unexpected errors are logged by the caller and answered without internals. */
export function toProblem(err: Error, c: Context): Response {
  if (err instanceof ProblemError) return problemResponse(c, err.status as ContentfulStatusCode, err.title, err.detail, err.errors);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return problemResponse(c, status, err.message || 'Error');
  }
  return problemResponse(c, 500, 'Internal Server Error', 'something went wrong on our side; it has been logged');
}

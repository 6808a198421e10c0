// Request parsing of the admin routes, apart from their registration (the route modules import this, not index.ts).
import type { Context } from 'hono';
import type { z } from 'zod';
import { ProblemError } from '../problem.js';
import { Id } from '../validators.js';

/** Parse and validate a JSON body; every failing field is named in the problem. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let doc: unknown;
  try {
    doc = await c.req.json();
  } catch {
    throw new ProblemError(400, 'Invalid request', 'the body must be a JSON document', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  return validate(schema, doc);
}

export function validate<S extends z.ZodType>(schema: S, doc: unknown, field = '(body)'): z.output<S> {
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || field, message: i.message }));
  throw new ProblemError(400, 'Invalid request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** A path parameter that names a row: checked like any other field, so `%00` is a 400, not a database error. */
export function idParam(c: Context, name: string): string {
  return validate(Id, c.req.param(name) ?? '', name);
}

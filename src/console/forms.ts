// Form posts, read once and handed to the admin API's schemas, so a form and a JSON body obey one rule set.
import type { Context } from 'hono';
import type { z } from 'zod';
import { validate } from '../http/admin/validate.js';

export type Form = Record<string, string | string[]>;

/** The posted fields; files are refused (no console form uploads anything). */
export async function readForm(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const out: Form = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** One field as text ('' when absent; the first when repeated). */
export function field(f: Form, name: string): string {
  const v = f[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** A repeated field (checkboxes) as a list. */
export function fields(f: Form, name: string): string[] {
  const v = f[name];
  return Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v];
}

/** Validate a document built from a form with the API's schema; failures name the form's fields. */
export function parseForm<S extends z.ZodType>(schema: S, doc: unknown): z.output<S> {
  return validate(schema, doc);
}

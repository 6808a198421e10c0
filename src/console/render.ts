// Console answers: HTML with the console's headers (strict CSP, no-store).
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { HTML } from '../site/headers.js';
import { CONSOLE_HEADERS } from './headers.js';

export function page(c: Context, node: JSX.Element, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503 = 200): Response {
  return c.body(`<!doctype html>${String(node)}`, status, { ...CONSOLE_HEADERS, 'content-type': HTML });
}

/** After a successful form post: back to a page (303, so a reload does not post again). */
export function seeOther(c: Context, location: string): Response {
  return c.redirect(location, 303);
}

// The operator console at /admin: server-rendered pages (hono/jsx), forms that work without JavaScript. Every page
// and form needs a session (else: to the sign-in page); every write carries the session's CSRF token and comes from
// this origin; the scope check and the audit log are the admin API's own (http/admin-auth.ts); writes go through
// the same stores as the API.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PageConfig } from '../config/schema.js';
import type { IncidentTemplate } from '../core/incident-templates.js';
import { isWrite } from '../core/scopes.js';
import { ConflictError, InvalidChangeError, NotFoundError } from '../db/admin-errors.js';
import { insertAudit } from '../db/audit-store.js';
import { isDatabaseUnreachable } from '../db/unavailable.js';
import { authorize } from '../http/admin-auth.js';
import type { AdminDeps } from '../http/admin/deps.js';
import { ProblemError } from '../http/problem.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { registerAlertPages } from './alert-pages.js';
import { registerIncidentPages } from './incident-pages.js';
import { ErrorPage } from './layout.js';
import { LoginPage } from './login-page.js';
import { registerMaintenancePages } from './maintenance-pages.js';
import { registerOverview } from './overview-page.js';
import { page, seeOther } from './render.js';
import { csrfMatches, currentSession, issueLoginCsrf, loginCsrfCookie, sameOrigin, startSession, stopSession, type Session } from './session.js';
import { registerTokenPages } from './token-pages.js';
import { field, readForm } from './forms.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The console session of this request (set by the console's guard). */
    session: Session;
  }
}

export interface ConsoleDeps extends AdminDeps {
  page: PageConfig;
  incidentTemplates: readonly IncidentTemplate[];
}

/**
 * Failed sign-ins allowed per minute (per client address on Workers, per process where none is known): tokens are
 * long random strings, but LOOKOUT_ADMIN_TOKEN may be as short as 16 characters.
 */
const FAILED_SIGN_INS_PER_MINUTE = 30;

export function createConsole(deps: ConsoleDeps) {
  const app = new Hono();
  const failures = createRateLimiter(FAILED_SIGN_INS_PER_MINUTE, 60_000, deps.clock);

  app.onError((err, c) => {
    const session = c.get('session') ?? null;
    const back = c.req.method === 'GET' ? '/admin' : c.req.path.split('/').slice(0, 3).join('/');
    const show = (status: 403 | 404 | 409 | 413 | 422 | 429 | 400 | 401 | 500 | 503, title: string, detail?: string, errors?: Array<{ field: string; message: string }>) =>
      page(c, <ErrorPage session={session} status={status} title={title} detail={detail} errors={errors} back={back} />, status);
    if (err instanceof ProblemError) return show(err.status as 400, err.title, err.detail, err.errors);
    if (err instanceof NotFoundError) return show(404, 'Not found', err.message);
    if (err instanceof InvalidChangeError) return show(422, 'Invalid change', undefined, err.errors);
    if (err instanceof ConflictError) return show(409, 'Conflict', err.message);
    if (isDatabaseUnreachable(err)) return show(503, 'Database unavailable', 'the database cannot be reached right now; try again shortly');
    deps.log('error', 'console request failed', { path: c.req.path, error: err.message });
    return show(500, 'Something went wrong', 'it has been logged');
  });
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new ProblemError(413, 'Payload Too Large', 'forms are limited to 64 KiB'); } }));

  // Signing in: a token in, a session out. The form carries its own CSRF value (double-submit) and must come
  // from this origin, so another site cannot sign a browser in with the other site's token.
  app.get('/login', async (c) => {
    if (await currentSession(c, deps)) return seeOther(c, '/admin');
    return page(c, <LoginPage csrf={issueLoginCsrf(c)} />);
  });
  app.post('/login', async (c) => {
    const form = await readForm(c);
    if (!sameOrigin(c) || !(await csrfMatches(field(form, '_csrf'), loginCsrfCookie(c)))) {
      throw new ProblemError(403, 'Forbidden', 'the sign-in form expired or came from another site; open the sign-in page again');
    }
    const client = c.req.header('cf-connecting-ip') ?? 'unknown';
    if (failures.exhausted(client)) throw new ProblemError(429, 'Too Many Requests', 'too many failed sign-ins; wait a minute');
    const token = field(form, 'token').trim();
    const principal = token ? await deps.tokens.bySecret(token) : null;
    if (!principal) {
      failures.hit(client);
      return page(c, <LoginPage csrf={issueLoginCsrf(c)} error="That token is not valid (or was revoked)." />, 401);
    }
    await startSession(c, deps, token);
    await insertAudit(deps.sql(), { at: deps.clock(), tokenName: principal.name, via: 'console', method: 'POST', route: '/admin/login', target: null, status: 303 });
    return seeOther(c, '/admin');
  });

  // Everything else: a live session; for a write, its CSRF token and this origin; then the scope (as for the API).
  app.use('*', async (c, next) => {
    const session = await currentSession(c, deps);
    if (!session) return seeOther(c, '/admin/login');
    c.set('session', session);
    if (isWrite(c.req.method)) {
      if (!sameOrigin(c)) throw new ProblemError(403, 'Forbidden', 'a console form must be posted from the console itself');
      if (!(await csrfMatches(field(await readForm(c), '_csrf'), session.csrf))) throw new ProblemError(403, 'Forbidden', 'the form is missing its CSRF token or it does not match this session; reload the page');
    }
    // Signing out needs no scope: every session may end itself.
    if (c.req.path === '/admin/logout') return next();
    await authorize(c, next, deps, session.principal, 'console', '/admin');
  });
  app.post('/logout', async (c) => {
    await stopSession(c, deps, c.var.session);
    await insertAudit(deps.sql(), { at: deps.clock(), tokenName: c.var.session.principal.name, via: 'console', method: 'POST', route: '/admin/logout', target: null, status: 303 });
    return seeOther(c, '/admin/login');
  });

  registerOverview(app, deps);
  registerIncidentPages(app, deps);
  registerMaintenancePages(app, deps);
  registerAlertPages(app, deps);
  registerTokenPages(app, deps);
  // Last: a console path that names no page (a mounted app's notFound is its parent's, which answers problem+json).
  app.all('*', (c) => page(c, <ErrorPage session={c.var.session} status={404} title="Not found" detail={`no console page at ${c.req.path}`} back="/admin" />, 404));
  return app;
}

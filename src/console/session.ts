// Console sessions: signing in with a token sets an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) holding a
// random id; the database keeps its hash, the token's hash, a CSRF token and an absolute expiry. Every request
// resolves the token again (a revoked token ends its sessions at once); every write must carry the session's CSRF
// token and come from this origin.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { timingSafeEqual } from 'hono/utils/buffer';
import type postgres from 'postgres';
import type { Principal, TokenAuthority } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/token-hash.js';
import { endSession, findSession, insertSession } from '../db/session-store.js';

export const SESSION_COOKIE = 'lookout_session';
/** The sign-in form's own CSRF value (double-submit: cookie and field must match), before any session exists. */
const LOGIN_COOKIE = 'lookout_login';
/** How long a session lasts, from sign-in (absolute: an operator signs in again after a shift, not never). */
export const SESSION_TTL_MS = 12 * 3600_000;

export interface SessionDeps {
  sql: () => postgres.Sql;
  clock: () => Date;
  tokens: TokenAuthority;
}

export interface Session {
  principal: Principal;
  csrf: string;
  idHash: string;
}

const secure = (c: Context) => new URL(c.req.url).protocol === 'https:';

/** The signed-in session of this request, or null (no cookie, unknown, signed out, expired, or its token revoked). */
export async function currentSession(c: Context, deps: SessionDeps): Promise<Session | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return null;
  const idHash = await hashSecret(id);
  const row = await findSession(deps.sql(), idHash, deps.clock());
  if (!row) return null;
  const principal = await deps.tokens.byHash(row.tokenHash);
  return principal ? { principal, csrf: row.csrf, idHash } : null;
}

/** Start a session for a verified token and set its cookie. */
export async function startSession(c: Context, deps: SessionDeps, token: string): Promise<void> {
  const id = newSecret('');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await insertSession(deps.sql(), { idHash: await hashSecret(id), tokenHash: await hashSecret(token), csrf: newSecret(''), createdAt: now, expiresAt });
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/admin', maxAge: SESSION_TTL_MS / 1000 });
}

export async function stopSession(c: Context, deps: SessionDeps, session: Session): Promise<void> {
  await endSession(deps.sql(), session.idHash, deps.clock());
  deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure: secure(c), httpOnly: true, sameSite: 'Strict' });
}

/** A fresh sign-in CSRF value, set as a short-lived cookie for the form to echo. */
export function issueLoginCsrf(c: Context): string {
  const value = newSecret('');
  setCookie(c, LOGIN_COOKIE, value, { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/admin/login', maxAge: 3600 });
  return value;
}

export function loginCsrfCookie(c: Context): string | undefined {
  return getCookie(c, LOGIN_COOKIE);
}

/**
 * Whether a form post comes from this origin: browsers send Origin on every POST and Sec-Fetch-Site where they
 * support it; either naming another site refuses it (SameSite=Strict already keeps the cookie off such a request).
 */
export function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  return !origin || origin === new URL(c.req.url).origin;
}

/** Constant-time comparison of a submitted CSRF token with the expected one. */
export async function csrfMatches(given: unknown, expected: string | undefined): Promise<boolean> {
  return typeof given === 'string' && given.length > 0 && !!expected && (await timingSafeEqual(given, expected));
}

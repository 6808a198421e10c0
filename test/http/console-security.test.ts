// The console's access rules through the shared app: no session → the sign-in page; the session cookie's flags;
// a wrong or missing CSRF token, or a cross-site post → 403; scopes as for the API; a revoked token, an expired
// session and a signed-out one are refused at once; script payloads stay inert. The whole database is compared
// before and after every refused request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../src/console/session.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { consoleClient, signIn } from '../helpers/console-client.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { dbFingerprint } from '../helpers/db-fingerprint.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const ADMIN = 'console-admin-token-0123';
const READER = 'console-reader-token-0123';
const ONCALL = 'console-oncall-token-0123';
let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
let fetcher: (req: Request) => Promise<Response>;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/', group: 'X' })], clock.now());
  const app = createApp({
    sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: ADMIN,
    configTokens: [{ name: 'reader', scope: 'read', secret: READER }, { name: 'oncall', scope: 'incidents', secret: ONCALL }],
    runTick: async () => ({}) as never,
  });
  fetcher = async (req) => app.fetch(req);
  // The config's tokens are written to api_tokens on the app's first token lookup; do it before any comparison.
  expect((await app.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${READER}` } })).status).toBe(200);
});
afterAll(() => db.drop());

const GET_PAGES = ['/admin', '/admin/incidents', '/admin/incidents/inc_x', '/admin/incidents/inc_x/preview', '/admin/maintenance', '/admin/maintenance/m1', '/admin/alerts', '/admin/tokens', '/admin/audit'];
const FORMS = [
  '/admin/incidents', '/admin/incidents/inc_x/updates', '/admin/incidents/inc_x/edit', '/admin/incidents/inc_x/updates/u1/edit', '/admin/maintenance', '/admin/maintenance/m1/edit',
  '/admin/maintenance/m1/cancel', '/admin/maintenance/schedules', '/admin/maintenance/schedules/s1/cancel', '/admin/alerts/endpoints', '/admin/alerts/endpoints/e1/delete',
  '/admin/alerts/endpoints/e1/test', '/admin/alerts/deliveries/1/redeliver', '/admin/tokens', '/admin/tokens/t1/revoke', '/admin/logout',
];
const INCIDENT = { title: 'API errors', status: 'investigating', impact: 'minor', body: 'Looking into it.', notify: 'on' };

describe('the console without a session', () => {
  it('sends every page and form to the sign-in page, and changes nothing', async () => {
    const before = await dbFingerprint(db.sql);
    const anon = consoleClient(fetcher);
    for (const path of GET_PAGES) {
      const res = await anon.get(path);
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/admin/login']);
    }
    for (const path of FORMS) {
      const res = await anon.post(path, { _csrf: 'guess', title: 'x', body: 'y' });
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/admin/login']);
    }
    // A cookie that names no session is the same as none.
    anon.cookies.set(SESSION_COOKIE, 'forged-session-id');
    expect((await anon.get('/admin')).status).toBe(303);
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('refuses a wrong token, and a sign-in form without its CSRF value or from another site', async () => {
    const before = await dbFingerprint(db.sql);
    const { res } = await signIn(fetcher, 'not-a-token-0123456789');
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(SESSION_COOKIE))).toBe(false);
    const c = consoleClient(fetcher);
    const csrf = await c.csrf('/admin/login');
    expect((await c.post('/admin/login', { token: ADMIN })).status).toBe(403);
    expect((await c.post('/admin/login', { _csrf: 'other', token: ADMIN })).status).toBe(403);
    expect((await c.post('/admin/login', { _csrf: csrf, token: ADMIN }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await dbFingerprint(db.sql)).toBe(before);
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie that expires, Secure over HTTPS only', async () => {
    const plain = await signIn(fetcher, ADMIN);
    expect(plain.res.status).toBe(303);
    const cookie = plain.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_TTL_MS / 1000}`));
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const tls = await signIn(fetcher, ADMIN, 'https://lookout.test');
    expect(tls.res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/Secure/);
    // Only the hash of the session id is stored.
    const id = plain.client.cookies.get(SESSION_COOKIE)!;
    expect(JSON.stringify(await db.sql`select * from admin_sessions`)).not.toContain(id);
    const page = await plain.client.get('/admin');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a post with a missing or wrong CSRF token, or from another site, with 403 and nothing changed', async () => {
    const { client } = await signIn(fetcher, ADMIN);
    const csrf = await client.csrf();
    const other = await signIn(fetcher, ADMIN);
    const othersCsrf = await other.client.csrf();
    const before = await dbFingerprint(db.sql);
    for (const path of FORMS.filter((p) => p !== '/admin/logout')) {
      expect([path, (await client.post(path, INCIDENT)).status]).toEqual([path, 403]);
      expect([path, (await client.post(path, { ...INCIDENT, _csrf: `${csrf}x` })).status]).toEqual([path, 403]);
    }
    expect((await client.post('/admin/incidents', { ...INCIDENT, _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.post('/admin/incidents', { ...INCIDENT, _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // A CSRF token of another session does not do either.
    expect((await client.post('/admin/incidents', { ...INCIDENT, _csrf: othersCsrf })).status).toBe(403);
    expect(await dbFingerprint(db.sql)).toBe(before);
    const ok = await client.post('/admin/incidents', { ...INCIDENT, _csrf: csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/admin\/incidents\/inc_/);
  });

  it('applies the token scopes: read cannot write, incidents cannot manage endpoints or tokens', async () => {
    const reader = (await signIn(fetcher, READER)).client;
    const oncall = (await signIn(fetcher, ONCALL)).client;
    const [rc, oc] = [await reader.csrf(), await oncall.csrf()];
    const readerRes = await reader.get('/admin/incidents');
    expect(readerRes.status).toBe(200);
    const readerPage = await readerRes.text();
    expect(readerPage).toContain('Recent incidents');
    expect(readerPage).not.toContain('action="/admin/incidents"');
    expect(readerPage).not.toContain('href="/admin/tokens"');
    const before = await dbFingerprint(db.sql);
    expect((await reader.post('/admin/incidents', { ...INCIDENT, _csrf: rc })).status).toBe(403);
    expect((await reader.post('/admin/maintenance', { _csrf: rc, title: 'M', timeZone: 'UTC', scheduledFor: '2026-03-11T10:00', scheduledUntil: '2026-03-11T11:00' })).status).toBe(403);
    expect((await oncall.post('/admin/alerts/endpoints', { _csrf: oc, name: 'h', kind: 'slack', url: 'https://hooks.example/x' })).status).toBe(403);
    expect((await oncall.post('/admin/tokens', { _csrf: oc, name: 'mine', scope: 'admin' })).status).toBe(403);
    expect((await oncall.get('/admin/tokens')).status).toBe(403);
    expect(await dbFingerprint(db.sql)).toBe(before);
    const made = await oncall.post('/admin/incidents', { ...INCIDENT, _csrf: oc });
    expect(made.status).toBe(303);
    // Everyone may sign out.
    expect((await reader.post('/admin/logout', { _csrf: rc })).headers.get('location')).toBe('/admin/login');
  });

  it('ends the sessions of a revoked token at once, an expired session, and a signed-out one (server-side)', async () => {
    const { client: admin } = await signIn(fetcher, ADMIN);
    const created = await admin.post('/admin/tokens', { _csrf: await admin.csrf(), name: 'temp', scope: 'incidents' });
    expect(created.status).toBe(200);
    const secret = /id="new-token">([^<]+)</.exec(await created.text())![1]!;
    const { client: temp } = await signIn(fetcher, secret);
    expect((await temp.get('/admin')).status).toBe(200);
    const [row] = await db.sql`select id from api_tokens where name = 'temp'`;
    expect((await admin.post(`/admin/tokens/${row!.id}/revoke`, { _csrf: await admin.csrf() })).status).toBe(303);
    expect((await temp.get('/admin')).headers.get('location')).toBe('/admin/login');

    const { client: leaving } = await signIn(fetcher, ADMIN);
    const copy = new Map(leaving.cookies);
    expect((await leaving.post('/admin/logout', { _csrf: await leaving.csrf() })).status).toBe(303);
    expect(leaving.cookies.has(SESSION_COOKIE)).toBe(false);
    const replay = consoleClient(fetcher);
    for (const [k, v] of copy) replay.cookies.set(k, v);
    expect((await replay.get('/admin')).headers.get('location')).toBe('/admin/login');

    const { client: late } = await signIn(fetcher, ADMIN);
    clock.advance(SESSION_TTL_MS - 1000);
    expect((await late.get('/admin')).status).toBe(200);
    clock.advance(2000);
    expect((await late.get('/admin')).headers.get('location')).toBe('/admin/login');
  });

  it('keeps script payloads inert in the console, and audits console writes by token name', async () => {
    const { client } = await signIn(fetcher, ONCALL);
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const res = await client.post('/admin/incidents', { ...INCIDENT, title: payload, body: `Body ${payload} [x](javascript:alert(3))`, _csrf: await client.csrf() });
    const html = await (await client.get(res.headers.get('location')!)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const audit = await db.sql`select token_name, via, method, route, status from audit_log where via = 'console' and route = '/admin/incidents' order by id`;
    expect(audit.map((a) => a.token_name)).toEqual(['LOOKOUT_ADMIN_TOKEN', 'oncall', 'oncall']);
    expect(audit[0]).toMatchObject({ method: 'POST', status: 303 });
    const logins = await db.sql`select count(*)::int as n from audit_log where route = '/admin/login'`;
    expect(logins[0]!.n).toBeGreaterThan(5);
  });
});

describe('failed sign-ins', () => {
  it('are limited to 30 a minute; the 31st is refused with 429 even with a valid token, and a minute later it works', async () => {
    const app = createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: ADMIN, runTick: async () => ({}) as never });
    const own = async (req: Request) => app.fetch(req);
    for (let i = 0; i < 30; i++) expect((await signIn(own, `wrong-token-${i}-0123456789`)).res.status).toBe(401);
    expect((await signIn(own, ADMIN)).res.status).toBe(429);
    clock.advance(61_000);
    expect((await signIn(own, ADMIN)).res.status).toBe(303);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { tick } from '../../src/scheduler/tick.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, tickDeps } from '../helpers/tick.js';

const TOKEN = 'test-admin-token-0123456789';
let db: TestDb;
let target: LocalServer;
const clock = fakeClock(new Date());
let ticks = 0;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  target = await startServer((_req, res) => res.end('ok'));
  await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` }), spec({ id: 'web', url: `${target.url}/`, component: 'Website' })], clock.now());
});
afterAll(async () => {
  await target.close();
  await db.drop();
});

const app = () =>
  createApp({
    sql: () => db.sql, page: PageConfig.parse({ title: 'Test <status>' }), clock: clock.now, log: silentLog, adminToken: TOKEN,
    runTick: () => (ticks++, tick(tickDeps(db.sql, clock.now))),
  });

describe('minimal HTTP surface', () => {
  it('answers /healthz', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('refuses the admin tick without or with a wrong token, and runs nothing', async () => {
    for (const auth of [undefined, 'Bearer nope', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await app().request('/api/v1/admin/tick', { method: 'POST', headers: auth ? { authorization: auth } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(ticks).toBe(0);
    expect(await db.sql`select count(*)::int as n from checks`).toEqual([{ n: 0 }]);
  });

  it('runs a tick with the token and shows the result in /api/v1/monitors', async () => {
    const res = await app().request('/api/v1/admin/tick', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ claimed: 2, recorded: 2 });
    const body = (await (await app().request('/api/v1/monitors')).json()) as { monitors: Array<Record<string, unknown>> };
    expect(body.monitors).toHaveLength(2);
    expect(body.monitors[0]).toMatchObject({
      id: 'api', name: 'Test monitor', component: 'App (API)', status: 'up',
      lastCheck: { ok: true, statusCode: 200, error: null },
      uptime: { '24h': 1, '7d': 1, '30d': 1, '90d': 1 },
    });
  });

  it('answers unknown routes with problem+json and escapes the page title', async () => {
    const res = await app().request('/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const page = await (await app().request('/')).text();
    expect(page).toContain('Test &lt;status&gt;');
  });
});

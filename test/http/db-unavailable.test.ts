// Issue 18, acceptance 2: with the database stopped, every route that needs it (admin API, /api/v1 checks,
// incidents, daily, metrics, the tick) answers 503 application/problem+json within 5 s, also under concurrent
// load, and never hangs. A real HTTP server in front of the app, a real Postgres server of the test's own.
// (bench/db-outage.ts runs the 64 connections × 20 s figure.)
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { connectDb, type DbHandle } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { tick } from '../../src/scheduler/tick.js';
import { spec } from '../helpers/specs.js';
import { createDatabase, startThrowawayPg, type ThrowawayPg } from '../helpers/throwaway-pg.js';

const TOKEN = 'admin-token-for-tests-0123';
let pg: ThrowawayPg;
let db: DbHandle;
let server: ServerType;
let base: string;

beforeAll(async () => {
  pg = await startThrowawayPg();
  const url = await createDatabase(pg.url, 'outage');
  await applyMigrations(url);
  db = connectDb(url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/' })], new Date());
  const app = createApp({
    sql: () => db.sql, page: PageConfig.parse({}), clock: () => new Date(), log: silentLog, adminToken: TOKEN,
    runTick: () => tick({ sql: db.sql, probe: createNodeProbe(), clock: () => new Date(), sleep: async () => undefined, log: silentLog, owner: 'http', concurrency: 4 }),
  });
  server = await new Promise<ServerType>((r) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db?.close().catch(() => undefined);
  await pg?.destroy();
});

const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/v1/admin/incidents'],
  ['POST', '/api/v1/admin/incidents', { title: 'Down', body: 'Looking.' }],
  ['GET', '/api/v1/admin/maintenances'],
  ['GET', '/api/v1/admin/alert-endpoints'],
  ['GET', '/api/v1/admin/deliveries'],
  ['GET', '/api/v1/monitors/api/checks'],
  ['GET', '/api/v1/monitors/api/daily'],
  ['GET', '/api/v1/incidents'],
  ['GET', '/api/v1/incidents/inc_x'],
  ['GET', '/metrics'],
  ['POST', '/api/v1/admin/tick'],
];

async function hit([method, path, body]: [string, string, unknown?]) {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { path: `${method} ${path}`, status: res.status, type: res.headers.get('content-type'), body: text, ms: performance.now() - started };
}

describe('the database is stopped', () => {
  it('answers every database route with a 503 problem+json within 5 s, one at a time and 16 at once for 8 s; answers again once it is back', { timeout: 60_000 }, async () => {
    for (const r of ROUTES) expect((await hit(r)).status, r[1]).not.toBe(503); // all fine while it is up
    await pg.stopImmediate();

    for (const r of ROUTES) {
      const a = await hit(r);
      expect(a.status, a.path).toBe(503);
      expect(a.type, a.path).toBe('application/problem+json');
      expect(JSON.parse(a.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(a.ms, a.path).toBeLessThan(5000);
    }

    // Concurrent load: 16 clients, each sending the next request as soon as it has an answer.
    const results: Array<Awaited<ReturnType<typeof hit>>> = [];
    const errors: string[] = [];
    const until = Date.now() + 8000;
    await Promise.all(Array.from({ length: 16 }, async (_, c) => {
      for (let i = c; Date.now() < until; i++) {
        await hit(ROUTES[i % ROUTES.length]!).then((r) => results.push(r), (e: Error) => errors.push(e.message));
      }
    }));
    expect(errors).toEqual([]); // no request timed out (10 s client limit) or failed
    expect(results.length).toBeGreaterThan(100);
    expect(results.filter((r) => r.status !== 503).map((r) => r.path)).toEqual([]);
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(5000);

    // Back: the same routes answer again without a restart, as soon as the gate lets a request try (≤ 1 s).
    await pg.start();
    const back = Date.now();
    let again = await hit(ROUTES[0]!);
    while (again.status === 503 && Date.now() - back < 3000) {
      await new Promise((r) => setTimeout(r, 100));
      again = await hit(ROUTES[0]!);
    }
    expect(again.status).toBe(200);
    for (const r of ROUTES) expect((await hit(r)).status, r[1]).not.toBe(503);
  });
});

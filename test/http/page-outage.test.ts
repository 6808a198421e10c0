// The page must stay up when the database does not: after a first render it serves the last snapshot with
// "data as of …"; with no snapshot at all it says so with a 503 page, never a stack trace.
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { connectDb } from '../../src/db/client.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const page = PageConfig.parse({ title: 'Outage test' });
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe('the status page without its database', () => {
  it('keeps answering 200 with the "as of" note, 100 requests in a row, after the database is gone', async () => {
    const serverUrl = dbTargets()[0]!.url;
    const db: TestDb = await createTestDb(serverUrl);
    cleanups.push(() => db.drop());
    const target: LocalServer = await startServer((_req, res) => res.end('ok'));
    cleanups.push(() => target.close());
    const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
    await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` })], clock.now());
    await runTick(db.sql, clock.now);
    const deps = { sql: () => db.sql, clock: clock.now, log: silentLog };
    const site = createStatusSite({ ...deps, page });
    const app = createApp({ ...deps, page, adminToken: undefined, runTick: () => runTick(db.sql, clock.now), site });

    const first = await app.request('/');
    expect(first.status).toBe(200);
    expect(await first.text()).not.toContain('temporarily unavailable');

    // Take the database away under the running app: terminate its connections and drop it.
    const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`drop database ${new URL(db.url).pathname.slice(1)} with (force)`);
    await admin.end();
    expect(await site.refresh(() => readStatusData(db.sql, clock.now()))).toBe(false);

    clock.advance(60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await app.request(i % 10 === 9 ? '/history' : '/');
      statuses.push(res.status);
      const html = await res.text();
      expect(html).toContain('Live data is temporarily unavailable; showing data as of');
      clock.advance(1_000);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const incident = await app.request('/incidents/x-2025-03-10');
    expect(incident.status).toBe(200);
    expect(await incident.text()).toContain('showing data as of');
  });

  it('answers a clear 503 page on a first start with no snapshot and no database', async () => {
    const dead = connectDb(`postgres://postgres@127.0.0.1:${await closedPort()}/lookout`, { max: 1 });
    cleanups.push(() => dead.close());
    const clock = fakeClock();
    const deps = { sql: () => dead.sql, clock: clock.now, log: silentLog };
    const app = createApp({ ...deps, page, adminToken: undefined, runTick: () => Promise.reject(new Error('no db')) });
    for (const path of ['/', '/history', '/incidents/x-2023-03-06']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('retry-after')).toBe('30');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await res.text();
      expect(html).toContain('<h1>Status temporarily unavailable</h1>');
      expect(html).not.toMatch(/ECONNREFUSED|Error:|\.ts:\d+/);
    }
  });
});

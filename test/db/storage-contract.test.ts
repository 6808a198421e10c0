// One contract suite, two servers: the embedded Postgres Lookout starts itself and the real one on :5432.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitors } from '../../src/db/sync-config.js';
import { monitorStatuses } from '../helpers/status.js';
import { pruneChecks } from '../../src/db/tick-store.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

describe.each(dbTargets())('storage contract on the $name server', ({ url }) => {
  let db: TestDb;
  let target: LocalServer;
  let failing = false;

  beforeAll(async () => {
    target = await startServer((req, res) => {
      if (failing) return res.writeHead(503).end('down');
      if (req.url === '/slow') return void setTimeout(() => res.end('ok'), 60);
      res.end('ok');
    });
  });
  afterAll(() => target.close());
  afterEach(async () => {
    failing = false;
    await db?.drop();
  });

  it('syncs the config idempotently: added, changed, removed, history kept', async () => {
    db = await createTestDb(url);
    const now = new Date('2026-01-01T00:00:00Z');
    const a = spec({ id: 'a', url: `${target.url}/a` });
    const b = spec({ id: 'b', url: `${target.url}/b`, component: 'Website', group: 'X' });
    expect(await syncMonitors(db.sql, [a, b], now)).toMatchObject({ added: ['a', 'b'], changed: [], removed: [] });
    expect(await syncMonitors(db.sql, [a, b], now)).toMatchObject({ added: [], changed: [], removed: [], unchanged: 2 });
    expect(await syncMonitors(db.sql, [{ ...a, timeoutMs: 999 }], now)).toMatchObject({ changed: ['a'], removed: ['b'] });
    const rows = await db.sql`select id, removed_at from monitors order by id`;
    expect(rows.map((r) => [r.id, r.removed_at !== null])).toEqual([['a', false], ['b', true]]);
    const comps = await db.sql`select id, group_id, is_group, removed_at is not null as removed from components order by id`;
    expect(comps.find((c) => c.id === 'x')).toMatchObject({ is_group: true, removed: true });
    expect(comps.find((c) => c.id === 'app-api')).toMatchObject({ is_group: false, removed: false });
  });

  it('records a tick: one check per monitor, state, hourly and daily rollups', async () => {
    db = await createTestDb(url);
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'up', url: `${target.url}/` }), spec({ id: 'slow', url: `${target.url}/slow`, degradedAboveMs: 20 })], clock.now());
    const report = await runTick(db.sql, clock.now);
    expect(report).toMatchObject({ claimed: 2, recorded: 2 });
    const checks = await db.sql`select monitor_id, verdict, status_code, attempts from checks order by monitor_id`;
    expect(checks.map((c) => [c.monitor_id, c.verdict, c.status_code])).toEqual([['slow', 'degraded', 200], ['up', 'up', 200]]);
    const rollups = await db.sql`select monitor_id, up, degraded, down, latency_count, array_length(hist, 1) as hist_len from rollups_hourly order by monitor_id`;
    expect(rollups.map((r) => [r.monitor_id, r.up, r.degraded, r.latency_count, r.hist_len])).toEqual([['slow', 0, 1, 1, 20], ['up', 1, 0, 1, 20]]);
    // A second tick before the interval is over claims nothing; after it, the rollup adds up.
    expect((await runTick(db.sql, clock.now)).claimed).toBe(0);
    clock.advance(60_000);
    await runTick(db.sql, clock.now);
    const [daily] = await db.sql`select up, latency_count, (select sum(x) from unnest(hist) x)::int as hist_total from rollups_daily where monitor_id = 'up'`;
    expect(daily).toMatchObject({ up: 2, latency_count: 2, hist_total: 2 });
    const status = await monitorStatuses(db.sql, clock.now());
    expect(status.find((m) => m.id === 'up')).toMatchObject({ status: 'up', uptime: { '24h': 1, '7d': 1, '30d': 1, '90d': 1 } });
  });

  it('confirms an outage within one tick thanks to re-probes, and recovers', async () => {
    db = await createTestDb(url);
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'm', url: `${target.url}/`, failuresBeforeDown: 3, successesBeforeUp: 2 })], clock.now());
    await runTick(db.sql, clock.now);
    failing = true;
    const hitsBefore = target.hits;
    const report = await runTick(db.sql, () => (clock.advance(60_000), clock.now()));
    expect(report.transitions).toEqual([{ monitorId: 'm', from: 'up', to: 'down' }]);
    expect(target.hits - hitsBefore).toBe(3);
    const [check] = await db.sql`select verdict, attempts, error_class from checks order by at desc limit 1`;
    expect(check).toMatchObject({ verdict: 'down', attempts: 3, error_class: 'http_status' });
    failing = false;
    clock.advance(60_000);
    expect((await runTick(db.sql, clock.now)).transitions).toEqual([{ monitorId: 'm', from: 'down', to: 'up' }]);
    const status = await monitorStatuses(db.sql, clock.now());
    expect(status[0]!.uptime['24h']).toBeCloseTo(2 / 3);
  });

  it('a single blip is re-probed and never marks the monitor down', async () => {
    db = await createTestDb(url);
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'm', url: `${target.url}/` })], clock.now());
    await runTick(db.sql, clock.now);
    failing = true;
    clock.advance(60_000);
    const report = await runTick(db.sql, clock.now, { sleep: async () => void (failing = false) });
    expect(report.transitions).toEqual([]);
    const [state] = await db.sql`select status from monitor_state`;
    expect(state!.status).toBe('up');
  });

  it('two ticks started at once probe each due monitor exactly once', async () => {
    db = await createTestDb(url);
    const clock = fakeClock();
    const specs = Array.from({ length: 40 }, (_, i) => spec({ id: `m${i}`, url: `${target.url}/` }));
    await syncMonitors(db.sql, specs, clock.now());
    const hitsBefore = target.hits;
    const [r1, r2] = await Promise.all([runTick(db.sql, clock.now, { owner: 'one' }), runTick(db.sql, clock.now, { owner: 'two' })]);
    expect(r1.claimed + r2.claimed).toBe(40);
    expect(target.hits - hitsBefore).toBe(40);
    const [{ n, distinct }] = (await db.sql`select count(*)::int as n, count(distinct monitor_id)::int as distinct from checks`) as unknown as [{ n: number; distinct: number }];
    expect({ n, distinct }).toEqual({ n: 40, distinct: 40 });
  });

  it('a database error fails the tick cleanly and the next tick carries on', async () => {
    db = await createTestDb(url);
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'm', url: `${target.url}/` })], clock.now());
    await db.sql`alter table checks rename to checks_gone`;
    const bad = await runTick(db.sql, clock.now);
    expect(bad.error).toMatch(/checks/);
    expect(await db.sql`select count(*)::int as n from rollups_hourly`).toEqual([{ n: 0 }]); // nothing half-written
    await db.sql`alter table checks_gone rename to checks`;
    clock.advance(11 * 60_000); // past the lease of the failed tick
    expect(await runTick(db.sql, clock.now)).toMatchObject({ claimed: 1, recorded: 1 });
  });

  it('prunes old raw checks in bounded batches and keeps rollups', async () => {
    db = await createTestDb(url);
    await db.sql`insert into checks (monitor_id, at, slot, verdict, latency_ms) select 'm', now() - interval '100 days', now() - interval '100 days' - g * interval '1 minute', 'up', 1 from generate_series(1, 25) g`;
    await db.sql`insert into checks (monitor_id, at, slot, verdict, latency_ms) values ('m', now(), now(), 'up', 1)`;
    expect(await pruneChecks(db.sql, new Date(Date.now() - 90 * 86400_000), 10, 100)).toBe(25);
    expect(await db.sql`select count(*)::int as n from checks`).toEqual([{ n: 1 }]);
  });
});

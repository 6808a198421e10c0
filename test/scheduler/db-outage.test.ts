// Issue 18, acceptance 1: a real Postgres server (this test's own) stopped with -m immediate while a tick's probes
// are in flight, for longer than an interval, then started again. Every monitor is checked again within one
// interval of the return, the checks committed before the outage are all still there, nothing is recorded twice,
// and every tick during the outage ends within a few seconds. Meanwhile the status page, refreshed after every
// tick as src/node.ts does, shows the monitors as "no data" with their last-seen time once their checks are two
// intervals old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type DbHandle } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { PageConfig } from '../../src/config/schema.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { formatClock } from '../../src/page/format-time.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { tick, type TickReport } from '../../src/scheduler/tick.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { createDatabase, startThrowawayPg, type ThrowawayPg } from '../helpers/throwaway-pg.js';

const MONITORS = ['m1', 'm2', 'm3', 'm4', 'm5'];
const INTERVAL_MS = 10_000;
const PROBE_MS = 1500;
let pg: ThrowawayPg;
let db: DbHandle;
let target: LocalServer;

beforeAll(async () => {
  pg = await startThrowawayPg();
  const url = await createDatabase(pg.url, 'drill');
  await applyMigrations(url);
  db = connectDb(url);
  // Each probe takes 1.5 s: the database can be stopped while all of them are in flight.
  target = await startServer((_req, res) => void setTimeout(() => res.end('ok'), PROBE_MS));
  await syncMonitors(db.sql, MONITORS.map((id) => spec({ id, url: `${target.url}/${id}`, interval: 10, timeoutMs: 5000 })), new Date());
}, 120_000);
afterAll(async () => {
  await db?.close().catch(() => undefined);
  await target?.close();
  await pg?.destroy();
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
// One scheduler process: one owner, one tick at a time, the real clock, as src/node.ts runs it.
const probe = createNodeProbe();
const runTick = (): Promise<TickReport> =>
  tick({ sql: db.sql, probe, clock: () => new Date(), sleep, log: silentLog, owner: 'drill-scheduler', concurrency: 16 });

describe('the database stops during a tick and comes back', () => {
  it('checks every monitor again within one interval of its return; nothing lost, nothing twice', { timeout: 90_000 }, async () => {
    const site = createStatusSite({ page: PageConfig.parse({}), clock: () => new Date(), log: silentLog });
    const app = createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: () => new Date(), log: silentLog, adminToken: undefined, site, runTick: () => runTick() });
    const refresh = () => site.refresh(() => readStatusData(db.sql, new Date()));
    const page = async () => (await app.request('/')).text();
    const first = await runTick();
    expect(first.recorded).toBe(MONITORS.length);
    expect(await refresh()).toBe(true);
    expect(await page()).not.toContain('No data since');
    const [{ lastSeen }] = await db.sql<[{ lastSeen: Date }]>`select max(last_check_at) as "lastSeen" from monitor_state`;
    const committed = await db.sql<{ id: string; monitor_id: string; at: Date }[]>`select id::text, monitor_id, at from checks order by checks.id`;
    expect(committed).toHaveLength(MONITORS.length);

    // The next interval's tick: stop the server while its probes are in flight.
    await sleep(Date.parse(first.startedAt) + INTERVAL_MS - Date.now());
    const inFlight = runTick();
    await sleep(PROBE_MS / 3);
    await pg.stopImmediate();
    const stoppedAt = Date.now();
    const failed = await inFlight;
    expect(failed.claimed).toBe(MONITORS.length);
    expect(failed.recorded).toBe(0);
    expect(failed.databaseUnavailable).toBe(true);

    // Down for longer than an interval; the scheduler keeps ticking and every tick ends quickly.
    const outageTicks: number[] = [];
    while (Date.now() - stoppedAt < INTERVAL_MS + 3000 || Date.now() - lastSeen.getTime() < 2 * INTERVAL_MS + 1000) {
      const t = performance.now();
      const r = await runTick();
      outageTicks.push(performance.now() - t);
      expect(r.databaseUnavailable).toBe(true);
      expect(await refresh()).toBe(false);
      await sleep(2000);
    }
    expect(Math.max(...outageTicks)).toBeLessThan(5000);
    // Two intervals without a check: the page says so, with when they were last seen, and keeps answering.
    const blind = await page();
    expect(blind).toContain(`No data since ${formatClock(lastSeen.getTime(), 'UTC')}`);
    expect(blind).toContain('showing data as of');

    await pg.start();
    const back = Date.now();
    // The cron's next firing after the return (at most one interval later; here at once).
    const after = await runTick();
    expect(after.error).toBeUndefined();
    expect(after.claimed).toBe(MONITORS.length);
    expect(after.recorded).toBe(MONITORS.length);

    const rows = await db.sql<{ id: string; monitor_id: string; at: Date }[]>`select id::text, monitor_id, at from checks order by checks.id`;
    // Everything committed before the outage is still there, unchanged.
    expect(rows.slice(0, committed.length)).toEqual(committed);
    for (const id of MONITORS) {
      const mine = rows.filter((r) => r.monitor_id === id);
      // Checked again within one interval of the return.
      expect(mine.some((r) => r.at.getTime() >= back && r.at.getTime() <= back + INTERVAL_MS), id).toBe(true);
      // Nothing recorded twice: the failed tick's probes were never stored, and no two checks share an interval.
      expect(mine, id).toHaveLength(2);
      expect(mine[1]!.at.getTime() - mine[0]!.at.getTime(), id).toBeGreaterThan(INTERVAL_MS - 1000);
    }
    const [state] = await db.sql<[{ leased: number }]>`select count(*)::int as leased from monitor_state where lease_owner is not null`;
    expect(state.leased).toBe(0);
    // The refresh after that tick shows them again.
    expect(await refresh()).toBe(true);
    expect(await page()).not.toContain('No data since');
  });
});

// Issue 18: leases sized to the work they cover, claims given back by a tick that fails, and a small allowance for
// a tick that fires a little early (so a 10 s monitor is checked every 10 s, not every 20 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitors } from '../../src/db/sync-config.js';
import { claimDueMonitors, LEASE_MARGIN_MS } from '../../src/db/tick-store.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

let db: TestDb;
let target: LocalServer;
beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  target = await startServer((_req, res) => res.end('ok'));
});
afterAll(async () => {
  await target.close();
  await db.drop();
});

const leases = async () =>
  db.sql<{ monitor_id: string; lease_owner: string | null; lease_until: Date | null; next_check_at: Date }[]>`select monitor_id, lease_owner, lease_until, next_check_at from monitor_state order by monitor_id`;

describe('claims and leases', () => {
  it('sizes the lease to the slowest claimed monitor times the rounds of probes, plus a margin', async () => {
    const t0 = new Date('2026-03-10T15:00:00Z');
    await syncMonitors(db.sql, [
      spec({ id: 'fast', url: target.url, timeoutMs: 2000, retryDelay: 5, failuresBeforeDown: 2, successesBeforeUp: 1 }),
      spec({ id: 'slow', url: target.url, timeoutMs: 10_000, retryDelay: 5, failuresBeforeDown: 3, successesBeforeUp: 2 }),
    ], t0);
    await db.sql`update monitor_state set next_check_at = ${t0.toISOString()}::timestamptz`;
    // Two monitors, one probe at a time: two rounds of the slow one's worst case (3 × 10 s + 2 × 5 s = 40 s).
    const claimed = await claimDueMonitors(db.sql, 'sizer', t0, { limit: 100, concurrency: 1 });
    expect(claimed.map((c) => c.spec.id).sort()).toEqual(['fast', 'slow']);
    for (const row of await leases()) {
      expect(row.lease_until!.getTime() - t0.getTime(), row.monitor_id).toBe(2 * 40_000 + LEASE_MARGIN_MS);
      expect(row.lease_until!.getTime() - t0.getTime()).toBeLessThan(10 * 60_000);
    }
    await db.sql`update monitor_state set lease_owner = null, lease_until = null, next_check_at = ${t0.toISOString()}::timestamptz`;
    // Both at once: one round.
    await claimDueMonitors(db.sql, 'sizer', t0, { limit: 100, concurrency: 16 });
    for (const row of await leases()) expect(row.lease_until!.getTime() - t0.getTime()).toBe(40_000 + LEASE_MARGIN_MS);
    await db.sql`delete from monitor_state`;
    await db.sql`delete from monitors`;
  });

  it('claims a monitor due up to 1 s after the tick, keeps it on its grid, and never checks it twice in one interval', async () => {
    const t0 = new Date('2026-03-10T16:00:00Z');
    await syncMonitors(db.sql, [spec({ id: 'every10', url: target.url, interval: 10 })], t0);
    await db.sql`update monitor_state set next_check_at = ${t0.toISOString()}::timestamptz`;
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const claim = async (ms: number) => {
      const c = await claimDueMonitors(db.sql, `o${ms}`, at(ms), { limit: 10, concurrency: 4 });
      await db.sql`update monitor_state set lease_owner = null, lease_until = null`; // as recordTick does
      return c.length;
    };
    expect(await claim(-1500)).toBe(0); // too early
    expect(await claim(-5)).toBe(1); // a tick 5 ms early still takes it
    expect((await leases())[0]!.next_check_at).toEqual(at(10_000)); // on the grid, not 10 s after the early tick
    expect(await claim(9_996)).toBe(1);
    expect((await leases())[0]!.next_check_at).toEqual(at(20_000));
    expect(await claim(10_500)).toBe(0); // already checked in this interval
    expect(await claim(20_400)).toBe(1); // late tick: grid kept
    expect((await leases())[0]!.next_check_at).toEqual(at(30_000));
    // A tick that ran very late (29.5 s, say after an overlap was skipped) leaves at least 9 s to the next check.
    await db.sql`update monitor_state set next_check_at = ${at(21_000).toISOString()}::timestamptz`;
    expect(await claim(29_500)).toBe(1);
    expect((await leases())[0]!.next_check_at).toEqual(at(38_500));
    await db.sql`delete from monitor_state`;
    await db.sql`delete from monitors`;
  });

  it('a tick that fails after claiming gives its claims back: the next tick probes every monitor', async () => {
    const clock = fakeClock(new Date('2026-03-10T17:00:00Z'));
    await syncMonitors(db.sql, ['a', 'b', 'c'].map((id) => spec({ id, url: `${target.url}/${id}`, interval: 60 })), clock.now());
    const failed = await runTick(db.sql, clock.now, { onOutcomes: async () => { throw new Error('recording failed'); } });
    expect(failed.claimed).toBe(3);
    expect(failed.error).toBe('recording failed');
    expect(failed.released).toBe(3);
    expect((await leases()).map((r) => r.lease_owner)).toEqual([null, null, null]);
    clock.advance(1000);
    const next = await runTick(db.sql, clock.now); // another owner: nothing waits out a lease
    expect(next.claimed).toBe(3);
    expect(next.recorded).toBe(3);
    const [{ n }] = await db.sql<[{ n: number }]>`select count(*)::int as n from checks`;
    expect(n).toBe(3); // the failed tick recorded nothing, the next one each monitor once
  });
});

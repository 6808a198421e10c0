// Issue 14: a check belongs to (monitor, location, slot). Delivery through a Queue is at least once, so recording
// one slot twice — in turn or racing — must record nothing the second time and queue no second alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitors } from '../../src/db/sync-config.js';
import { claimDueMonitors } from '../../src/db/tick-store.js';
import { evaluateClaimed, recordOutcomes } from '../../src/scheduler/steps.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, tickDeps } from '../helpers/tick.js';

let db: TestDb;
let target: LocalServer;
beforeAll(async () => {
  db = await createTestDb(dbTargets().find((t) => t.name === 'real')!.url);
  target = await startServer((req, res) => ((res.statusCode = req.url === '/fail' ? 500 : 200), res.end()));
});
afterAll(async () => {
  await target.close();
  await db.drop();
});

const count = async (table: string) => (await db.sql<[{ n: number }]>`select count(*)::int as n from ${db.sql(table)}`)[0].n;

describe('recording a slot once (real Postgres)', () => {
  it('a second recording of the same claims inserts no check, rollup count, state change or alert event', async () => {
    const clock = fakeClock();
    await syncMonitors(db.sql, [
      spec({ id: 'idem-down', url: `${target.url}/fail`, failuresBeforeDown: 1, retryDelay: 0 }),
      spec({ id: 'idem-up', url: `${target.url}/ok`, retryDelay: 0 }),
    ], clock.now());
    await db.sql`update monitor_state set next_check_at = ${clock.now().toISOString()}::timestamptz`;
    const { alerting } = await wireAlerting(db.sql, clock.now, [`${target.url}/hook`]);
    const deps = tickDeps(db.sql, clock.now, { owner: 'planner-1', onOutcomes: alerting.onOutcomes });
    const claimed = await claimDueMonitors(db.sql, deps.owner, clock.now(), { limit: 10, concurrency: 4 });
    expect(claimed.map((c) => [c.spec.id, c.slot.toISOString()])).toEqual([['idem-down', clock.now().toISOString()], ['idem-up', clock.now().toISOString()]]);

    const first = await evaluateClaimed(deps, claimed, clock.now());
    expect(await recordOutcomes(deps, first, clock.now())).toMatchObject({ recorded: 2, transitions: [{ monitorId: 'idem-down', to: 'down' }, { monitorId: 'idem-up', to: 'up' }] });
    const after = { checks: await count('checks'), events: await count('alert_outbox'), state: await db.sql`select * from monitor_state order by monitor_id`, hourly: await db.sql`select * from rollups_hourly order by monitor_id` };
    expect(after.events).toBeGreaterThan(0);

    // The same claims again, probed afresh (a redelivered message): nothing is recorded.
    clock.advance(5000);
    const again = await evaluateClaimed(deps, claimed, clock.now());
    expect(await recordOutcomes(deps, again, clock.now())).toEqual({ recorded: 0, transitions: [] });
    // Twice at once (two consumers holding one message): the unique key lets at most one through — here none.
    const racing = await Promise.all([recordOutcomes(deps, again, clock.now()), recordOutcomes(deps, again, clock.now())]);
    expect(racing.map((r) => r.recorded)).toEqual([0, 0]);

    expect(await count('checks')).toBe(after.checks);
    expect(await count('alert_outbox')).toBe(after.events);
    expect(await db.sql`select * from monitor_state order by monitor_id`).toEqual(after.state);
    expect(await db.sql`select * from rollups_hourly order by monitor_id`).toEqual(after.hourly);
  });

  it('two racing first recordings of one slot record it once', async () => {
    const clock = fakeClock(new Date('2026-03-11T10:00:00Z'));
    await syncMonitors(db.sql, [spec({ id: 'race', url: `${target.url}/ok`, retryDelay: 0 })], clock.now());
    await db.sql`update monitor_state set next_check_at = ${clock.now().toISOString()}::timestamptz where monitor_id = 'race'`;
    const deps = tickDeps(db.sql, clock.now, { owner: 'planner-2' });
    const claimed = await claimDueMonitors(db.sql, deps.owner, clock.now(), { limit: 10, concurrency: 4 });
    const outcomes = await evaluateClaimed(deps, claimed, clock.now());
    const results = await Promise.all([recordOutcomes(deps, outcomes, clock.now()), recordOutcomes(deps, outcomes, clock.now())]);
    expect(results.map((r) => r.recorded).sort()).toEqual([0, 1]);
    const [row] = await db.sql<[{ n: number; total: number }]>`select (select count(*)::int from checks where monitor_id = 'race') as n, checks_total as total from monitor_state where monitor_id = 'race'`;
    expect(row).toEqual({ n: 1, total: 1 });
  });
});

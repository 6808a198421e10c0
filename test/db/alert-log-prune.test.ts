// The outbox and the delivery log are pruned like raw checks: settled events older than the retention go, with
// their deliveries; events still being retried or not yet fanned out stay whatever their age. On both servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAlertLog } from '../../src/db/alert-store.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const NOW = new Date('2026-03-10T15:00:00Z');
const DAY = 86400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

describe.each(dbTargets())('alert log pruning on the $name server', ({ url }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(url);
  });
  afterAll(() => db.drop());

  async function seed() {
    await db.sql`delete from alert_deliveries`;
    await db.sql`delete from alert_outbox`;
    const events = [
      ['old-settled', ago(120), true], ['old-mixed', ago(120), true], ['old-retrying', ago(100), true],
      ['old-unsent', ago(100), false], ['recent', ago(2), true],
    ] as const;
    for (const [id, at, fanned] of events) {
      await db.sql`insert into alert_outbox (id, type, payload, created_at, fanned_out_at)
        values (${id}, 'monitor.down', '{}'::jsonb, ${at}::timestamptz, ${fanned ? at : null}::timestamptz)`;
    }
    const deliveries = [
      ['old-settled', 'a', 'delivered'], ['old-settled', 'b', 'failed'], ['old-mixed', 'a', 'disabled'], ['old-mixed', 'b', 'delivered'],
      ['old-retrying', 'a', 'delivered'], ['old-retrying', 'b', 'pending'], ['recent', 'a', 'delivered'],
    ] as const;
    for (const [event, endpoint, state] of deliveries) {
      await db.sql`insert into alert_deliveries (event_id, endpoint_id, state, attempts, next_attempt_at) values (${event}, ${endpoint}, ${state}, 1, ${NOW.toISOString()}::timestamptz)`;
    }
  }
  const remaining = async () => ({
    events: (await db.sql<{ id: string }[]>`select id from alert_outbox order by id`).map((r) => r.id),
    deliveries: (await db.sql<{ event_id: string }[]>`select event_id from alert_deliveries order by event_id, endpoint_id`).map((r) => r.event_id),
  });

  it('removes settled old events with their deliveries, and nothing else', async () => {
    await seed();
    expect(await pruneAlertLog(db.sql, new Date(ago(90)))).toBe(2);
    expect(await remaining()).toEqual({
      events: ['old-retrying', 'old-unsent', 'recent'],
      deliveries: ['old-retrying', 'old-retrying', 'recent'],
    });
    expect(await pruneAlertLog(db.sql, new Date(ago(90)))).toBe(0);
  });

  it('works in bounded batches, oldest first', async () => {
    await seed();
    expect(await pruneAlertLog(db.sql, new Date(ago(90)), 1)).toBe(1);
    expect((await remaining()).events).toHaveLength(4);
    expect(await pruneAlertLog(db.sql, new Date(ago(90)), 1)).toBe(1);
    expect((await remaining()).events).toEqual(['old-retrying', 'old-unsent', 'recent']);
  });

  it('the tick prunes with the retention it is given, and keeps everything without one', async () => {
    await seed();
    const clock = fakeClock(NOW);
    await runTick(db.sql, clock.now);
    expect((await remaining()).events).toHaveLength(5);
    await runTick(db.sql, clock.now, { retentionDays: 90 });
    expect((await remaining()).events).toEqual(['old-retrying', 'old-unsent', 'recent']);
  });
});

// Acceptance 3: retries with backoff on a simulated clock, the same webhook-id on every attempt, exhausted
// schedules visible in the delivery log, nothing lost across a restart; plus 410, 400 and Retry-After.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../../src/db/client.js';
import { claimDueDeliveries, listDeliveries } from '../../src/db/alert-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

describe.each(dbTargets())('alert delivery on the $name server', ({ url }) => {
  let db: TestDb;
  let target: LocalServer;
  let receivers: Receiver[] = [];

  beforeAll(async () => {
    target = await startServer((_req, res) => res.writeHead(503).end('down'));
  });
  afterAll(() => target.close());
  afterEach(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    receivers = [];
    await db?.drop();
  });

  /** A database with one always-down monitor (an outage to announce) and alerting wired to the receivers. */
  async function setup(answer: Parameters<typeof startReceiver>[0], over: Parameters<typeof wireAlerting>[3] = {}) {
    db = await createTestDb(url);
    const receiver = await startReceiver(answer);
    receivers.push(receiver);
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` })], clock.now());
    const wired = await wireAlerting(db.sql, clock.now, [receiver.url], over);
    return { receiver, clock, ...wired };
  }

  it('a receiver answering 503 at first gets the events later with the same webhook-id, in order, across a restart', async () => {
    const { receiver, clock, tick } = await setup((n) => ({ status: n <= 3 ? 503 : 204 }));
    // The outage: monitor.down + incident.opened. The first attempt fails; the second event waits behind it.
    const first = await tick();
    expect(first.alerts).toMatchObject({ attempted: 1, retrying: 1 });
    clock.advance(4_000);
    expect((await tick()).alerts).toMatchObject({ attempted: 0 }); // 5 s not over yet
    clock.advance(1_000);
    expect((await tick()).alerts).toMatchObject({ attempted: 1, retrying: 1 }); // attempt 2 at +5 s

    // "Restart": a new connection pool and new deps objects, the same database.
    const other = connectDb(db.url, { max: 2 });
    try {
      clock.advance(299_000);
      expect((await tick(other.sql)).alerts).toMatchObject({ attempted: 0 });
      clock.advance(1_000);
      expect((await tick(other.sql)).alerts).toMatchObject({ attempted: 1, retrying: 1 }); // attempt 3 at +5 min
      clock.advance(1_800_000);
      // attempt 4 at +30 min succeeds, and the event behind it goes out right after
      expect((await tick(other.sql)).alerts).toMatchObject({ attempted: 2, delivered: 2 });
    } finally {
      await other.close();
    }
    const byEvent = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toBe(r.json.id);
      byEvent.set(r.json.type, (byEvent.get(r.json.type) ?? new Set()).add(r.headers['webhook-id'] as string));
    }
    expect(receiver.received).toHaveLength(5);
    expect([...byEvent.keys()].sort()).toEqual(['incident.opened', 'monitor.down']);
    for (const ids of byEvent.values()) expect(ids.size).toBe(1); // one id per event over all attempts
    const timestamps = new Set(receiver.received.map((r) => r.headers['webhook-timestamp']));
    expect(timestamps.size).toBe(4); // each attempt signs its own time (the last two share +30 min)
    const log = await listDeliveries(db.sql, { limit: 10 });
    expect(log.map((d) => [d.state, d.attempts, d.lastStatus]).sort()).toEqual([['delivered', 1, 204], ['delivered', 4, 204]]);
  });

  it('after the schedule is exhausted the failure is in the delivery log', async () => {
    const { receiver, clock, tick } = await setup(() => ({ status: 500 }), { retrySchedule: [0, 5, 10] });
    await tick();
    for (const step of [5_000, 10_000, 60_000, 3_600_000]) {
      clock.advance(step);
      await tick();
    }
    expect(receiver.received).toHaveLength(6); // 3 attempts × 2 events, then no more
    const failed = await listDeliveries(db.sql, { state: 'failed', limit: 10 });
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'HTTP 500: ok', endpointId: 'hook-0' });
    expect(await listDeliveries(db.sql, { state: 'pending', limit: 10 })).toEqual([]);
  });

  it('honours Retry-After on 429', async () => {
    const { receiver, clock, tick } = await setup((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '42' } } : { status: 200 }));
    await tick();
    expect(receiver.received).toHaveLength(1); // the first got 429; the second (same endpoint) waits behind it
    const [retried] = (await listDeliveries(db.sql, { state: 'pending', limit: 10 })).filter((d) => d.attempts === 1);
    expect(retried!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(42_000);
    clock.advance(41_000);
    await tick();
    expect(receiver.received).toHaveLength(1);
    clock.advance(1_000);
    await tick();
    expect(receiver.received).toHaveLength(3); // the retry, then the one behind it
    expect(receiver.received[1]!.json.id).toBe(receiver.received[0]!.json.id);
    expect(await listDeliveries(db.sql, { state: 'delivered', limit: 10 })).toHaveLength(2);
  });

  it('410 disables the endpoint and everything queued for it; 400 is not retried', async () => {
    const gone = await setup(() => ({ status: 410 }));
    await gone.tick();
    expect(gone.receiver.received).toHaveLength(1); // the second was never sent
    const [ep] = await db.sql`select disabled_at, disabled_reason from alert_endpoints`;
    expect(ep!.disabled_at).not.toBeNull();
    expect((await listDeliveries(db.sql, { limit: 10 })).map((d) => d.state)).toEqual(['disabled', 'disabled']);
    await db.drop();

    const bad = await setup(() => ({ status: 400 }));
    await bad.tick();
    bad.clock.advance(3_600_000);
    await bad.tick();
    expect(bad.receiver.received).toHaveLength(2);
    expect((await listDeliveries(db.sql, { limit: 10 })).map((d) => [d.state, d.attempts])).toEqual([['failed', 1], ['failed', 1]]);
  });

  it('a sender that dies after claiming loses nothing: the lease expires and the delivery goes out', async () => {
    const { receiver, clock, alerting, tick } = await setup(() => ({ status: 204 }));
    await tick();
    expect(receiver.received).toHaveLength(2);
    // Queue both again (as a redeliver does), then a sender claims them and dies before sending.
    await db.sql`update alert_deliveries set state = 'pending'`;
    expect(await claimDueDeliveries(db.sql, clock.now(), 70_000, 10)).toHaveLength(2);
    clock.advance(30_000);
    expect((await alerting.deliverAlerts!()).attempted).toBe(0); // still leased
    clock.advance(41_000);
    expect((await alerting.deliverAlerts!()).delivered).toBe(2);
    expect(receiver.received).toHaveLength(4);
    expect(receiver.received[2]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
  });
});

describe.each(dbTargets())('config endpoints on the $name server', ({ url }) => {
  it('an endpoint removed from the config is deleted and what it still had queued is marked disabled', async () => {
    const db = await createTestDb(url);
    const target = await startServer((_req, res) => res.writeHead(503).end());
    const receiver = await startReceiver(() => ({ status: 503 }));
    try {
      const clock = fakeClock();
      await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` })], clock.now());
      const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url]);
      await tick();
      expect((await listDeliveries(db.sql, { limit: 10 })).map((d) => d.state)).toEqual(['pending', 'pending']);
      await wireAlerting(db.sql, clock.now, []);
      expect(await db.sql`select id from alert_endpoints`).toEqual([]);
      expect((await listDeliveries(db.sql, { limit: 10 })).map((d) => d.state)).toEqual(['disabled', 'disabled']);
    } finally {
      await receiver.close();
      await target.close();
      await db.drop();
    }
  });
});

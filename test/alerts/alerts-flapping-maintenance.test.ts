// Acceptance 2 (a flapping target) and 4 (maintenance), through real ticks against a local target and receiver.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { monitorStatuses } from '../helpers/status.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

describe.each(dbTargets())('flapping and maintenance on the $name server', ({ url }) => {
  let db: TestDb;
  let target: LocalServer;
  let receiver: Receiver;
  let failing = false;

  beforeAll(async () => {
    target = await startServer((_req, res) => (failing ? res.writeHead(503).end('down') : res.end('ok')));
  });
  afterAll(() => target.close());
  afterEach(async () => {
    failing = false;
    await receiver?.close();
    await db?.drop();
  });

  it.each([
    [undefined, 0],
    [300, 3],
  ])('a target flapping every tick for 20 ticks (reminders every %s s): one incident, %s reminders at most', async (reminderInterval, maxReminders) => {
    db = await createTestDb(url);
    receiver = await startReceiver();
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/`, group: 'X' }), spec({ id: 'web', url: `${target.url}/ok`, component: 'Website', group: 'X' })], clock.now());
    const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url], reminderInterval ? { reminderInterval } : {});
    await tick();
    const flips: string[] = [];
    for (let i = 0; i < 20; i++) {
      failing = i % 2 === 0;
      clock.advance(60_000);
      const report = await tick();
      flips.push(...report.transitions.map((t) => t.to));
      const [{ open }] = (await db.sql`select count(*)::int as open from incidents where resolved_at is null and origin = 'auto'`) as unknown as [{ open: number }];
      expect(open).toBeLessThanOrEqual(1);
    }
    expect(flips.filter((f) => f === 'down').length).toBeGreaterThanOrEqual(10); // it really flapped
    expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto'`).toEqual([{ n: 1 }]);
    const types = receiver.types();
    const reminders = types.filter((t) => t === 'incident.updated');
    expect(types.filter((t) => t !== 'incident.updated')).toEqual(['monitor.down', 'monitor.down', 'incident.opened']);
    expect(reminders.length).toBeLessThanOrEqual(maxReminders);
    if (maxReminders) expect(reminders.length).toBeGreaterThan(0);
    for (const r of receiver.received.filter((x) => x.json.type === 'incident.updated')) expect(r.json).toMatchObject({ data: { reminder: true } });
  });

  it('a failure inside a maintenance window sends nothing and does not lower uptime', async () => {
    db = await createTestDb(url);
    receiver = await startReceiver();
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` })], clock.now());
    const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url]);
    for (let i = 0; i < 3; i++) {
      await tick();
      clock.advance(60_000);
    }
    const start = clock.now();
    await db.sql`insert into maintenances (id, title, scheduled_for, scheduled_until, component_ids, created_at)
      values ('mnt-1', 'Database upgrade', ${start.toISOString()}::timestamptz, ${new Date(start.getTime() + 10 * 60_000).toISOString()}::timestamptz,
        '["app-api"]'::jsonb, ${new Date(start.getTime() - 3600_000).toISOString()}::timestamptz)`;
    failing = true;
    for (let i = 0; i < 5; i++) {
      await tick();
      clock.advance(60_000);
    }
    expect(receiver.types()).toEqual(['maintenance.started']); // no monitor.down, no incident
    expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto'`).toEqual([{ n: 0 }]);
    const checks = await db.sql`select verdict, in_maintenance from checks where verdict = 'down'`;
    expect(checks.length).toBe(5);
    expect(checks.every((c) => c.in_maintenance)).toBe(true);
    const [status] = await monitorStatuses(db.sql, clock.now());
    expect(status!.uptime['24h']).toBe(1);
    const [rollup] = await db.sql`select sum(up)::int as up, sum(down)::int as down, sum(maintenance)::int as maintenance from rollups_hourly`;
    expect(rollup).toEqual({ up: 3, down: 0, maintenance: 5 });

    // The window closes while the target is still down: now it is an outage, announced.
    clock.advance(5 * 60_000);
    await tick();
    expect(receiver.types()).toEqual(['maintenance.started', 'monitor.down', 'incident.opened', 'maintenance.completed']);
  });
});

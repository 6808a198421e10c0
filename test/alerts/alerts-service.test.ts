// One service (a group) with an app API and a website: the incident follows what is down, and two schedulers
// ticking its monitors at once still open exactly one incident.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitors } from '../../src/db/sync-config.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

describe.each(dbTargets())('service incidents on the $name server', ({ url }) => {
  let db: TestDb;
  let target: LocalServer;
  let receiver: Receiver;
  const down = new Set<string>();

  beforeAll(async () => {
    target = await startServer((req, res) => (down.has(req.url!.slice(1)) ? res.writeHead(503).end('down') : res.end('ok')));
  });
  afterAll(() => target.close());
  afterEach(async () => {
    down.clear();
    await receiver?.close();
    await db?.drop();
  });

  it('website down opens a major incident; the app API too raises it to critical (incident.updated); both back resolves it', async () => {
    db = await createTestDb(url);
    receiver = await startReceiver();
    const clock = fakeClock();
    await syncMonitors(db.sql, [
      spec({ id: 'api', url: `${target.url}/api`, group: 'X' }),
      spec({ id: 'web', url: `${target.url}/web`, component: 'Website', group: 'X' }),
    ], clock.now());
    const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url], { impact: { 'App (API)': 'critical', Website: 'major' }, resolveAfter: 60 });
    await tick();
    down.add('web');
    clock.advance(60_000);
    await tick();
    const [incident] = await db.sql`select id, title, impact from incidents where origin = 'auto'`;
    expect(incident).toMatchObject({ title: 'X: Website down', impact: 'major' });
    down.add('api');
    clock.advance(60_000);
    await tick();
    const [raised] = await db.sql`select impact, status from incidents where id = ${incident!.id}`;
    expect(raised).toMatchObject({ impact: 'critical', status: 'investigating' });
    const comps = await db.sql`select component_id, status from incident_components where incident_id = ${incident!.id} order by component_id`;
    expect(comps.map((c) => [c.component_id, c.status])).toEqual([['app-api', 'major_outage'], ['website', 'major_outage']]);
    down.clear();
    for (let i = 0; i < 2; i++) {
      clock.advance(60_000);
      await tick();
    }
    expect(receiver.types()).toEqual([
      'monitor.down', 'incident.opened', 'monitor.down', 'incident.updated', 'monitor.recovered', 'monitor.recovered', 'incident.resolved',
    ]);
    expect(receiver.received[3]!.json).toMatchObject({ data: { reminder: false, incident: { impact: 'critical' } } });
    const updates = await db.sql`select status, body from incident_updates where incident_id = ${incident!.id} order by display_at, created_at`;
    expect(updates.map((u) => u.status)).toEqual(['investigating', 'investigating', 'resolved']);
    expect(updates[1]!.body).toContain('App (API): major outage');
  });

  it('two schedulers ticking the monitors of one service at once open exactly one incident', async () => {
    db = await createTestDb(url);
    receiver = await startReceiver();
    const clock = fakeClock();
    const specs = Array.from({ length: 8 }, (_, i) => spec({ id: `m${i}`, url: `${target.url}/m${i}`, group: 'X', component: i % 2 ? 'Website' : 'App (API)' }));
    await syncMonitors(db.sql, specs, clock.now());
    const { alerting } = await wireAlerting(db.sql, clock.now, [receiver.url]);
    for (const s of specs) down.add(s.id);
    const reports = await Promise.all([
      runTick(db.sql, clock.now, { ...alerting, owner: 'one', batchLimit: 4 }),
      runTick(db.sql, clock.now, { ...alerting, owner: 'two', batchLimit: 4 }),
    ]);
    expect(reports.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(reports[0]!.claimed + reports[1]!.claimed).toBe(8);
    await alerting.deliverAlerts!();
    expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto'`).toEqual([{ n: 1 }]);
    const types = receiver.types();
    expect(types.filter((t) => t === 'incident.opened')).toHaveLength(1);
    expect(types.filter((t) => t === 'monitor.down')).toHaveLength(8);
  });
});

describe.each(dbTargets())('orphaned incidents on the $name server', ({ url }) => {
  it('an open incident whose monitors left the config is resolved by the next tick', async () => {
    const db = await createTestDb(url);
    const receiver = await startReceiver();
    const target = await startServer((req, res) => (req.url === '/gone' ? res.writeHead(503).end() : res.end('ok')));
    try {
      const clock = fakeClock();
      const keep = spec({ id: 'keep', url: `${target.url}/ok`, component: 'Other' });
      await syncMonitors(db.sql, [keep, spec({ id: 'gone', url: `${target.url}/gone`, group: 'X' })], clock.now());
      const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url]);
      await tick();
      expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto' and resolved_at is null`).toEqual([{ n: 1 }]);
      await syncMonitors(db.sql, [keep], clock.now());
      clock.advance(60_000);
      await tick();
      expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto' and resolved_at is null`).toEqual([{ n: 0 }]);
      expect(receiver.types()).toEqual(['monitor.down', 'incident.opened', 'incident.resolved']);
    } finally {
      await target.close();
      await receiver.close();
      await db.drop();
    }
  });
});

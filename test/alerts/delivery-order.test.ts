// Issue 18, acceptance 7: an endpoint down (503) through an incident's opening and resolution receives
// incident.opened before incident.resolved once it answers again, with a real receiver and a real target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries } from '../../src/db/alert-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

describe('deliveries to one endpoint go out in event order', () => {
  let db: TestDb;
  let target: LocalServer;
  let receiver: Receiver;
  let targetUp = true;
  let receiverUp = false;

  beforeAll(async () => {
    db = await createTestDb(dbTargets()[0]!.url);
    target = await startServer((_req, res) => (targetUp ? res.end('ok') : res.writeHead(503).end('down')));
    receiver = await startReceiver(() => ({ status: receiverUp ? 200 : 503 }));
  });
  afterAll(async () => {
    await receiver.close();
    await target.close();
    await db.drop();
  });

  it('an endpoint that was down gets incident.opened before incident.resolved once it recovers', async () => {
    const clock = fakeClock();
    await syncMonitors(db.sql, [spec({ id: 'api', url: `${target.url}/` })], clock.now());
    const { tick } = await wireAlerting(db.sql, clock.now, [receiver.url], { resolveAfter: 0 });

    expect((await tick()).alerts?.attempted).toBe(0); // up: nothing to say
    clock.advance(60_000);
    targetUp = false;
    const opened = await tick(); // confirmed down in this tick: monitor.down + incident.opened, receiver 503
    expect(opened.transitions).toEqual([{ monitorId: 'api', from: 'up', to: 'down' }]);
    clock.advance(60_000);
    targetUp = true;
    const resolved = await tick(); // back up: monitor.up + incident.resolved queued behind what still waits
    expect(resolved.transitions).toEqual([{ monitorId: 'api', from: 'down', to: 'up' }]);
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await tick();
    }
    expect(receiver.received.every((r) => r.json.type !== '(not json)')).toBe(true);
    const tried = receiver.types();
    expect(tried.length).toBeGreaterThan(0);

    receiverUp = true;
    for (let i = 0; i < 40 && (await listDeliveries(db.sql, { state: 'pending', limit: 10 })).length; i++) {
      clock.advance(60_000);
      await tick();
    }
    expect(await listDeliveries(db.sql, { state: 'pending', limit: 10 })).toEqual([]);
    const delivered = receiver.received.slice(tried.length).map((r) => r.json.type);
    expect(delivered).toContain('incident.opened');
    expect(delivered).toContain('incident.resolved');
    expect(delivered.indexOf('incident.opened')).toBeLessThan(delivered.indexOf('incident.resolved'));
    // Every attempt, failed ones included, went out in event order: no event was tried before an earlier one.
    const order = ['monitor.down', 'incident.opened', 'monitor.up', 'incident.resolved'].filter((t) => receiver.types().includes(t));
    const firstSeen = order.map((t) => receiver.types().indexOf(t));
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
    expect(delivered.filter((t) => t.startsWith('incident.'))).toEqual(['incident.opened', 'incident.resolved']);
  });
});

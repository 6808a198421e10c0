// Acceptance 1: a local target goes down and recovers; local receivers get exactly one incident.opened and one
// monitor.down, correctly signed, within the tick that confirms the outage, then incident.resolved.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlertingDeps, syncAlertEndpoints } from '../../src/alerts/create.js';
import { generateWebhookSecret } from '../../src/alerts/sign.js';
import { AlertsConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type ReceivedRequest, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { heartbeatSpec, spec, tcpSpec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

/** Check a received request's signature two ways: recomputed by the standardwebhooks package, and verified by it when fresh. */
function expectSigned(r: ReceivedRequest, secret: string) {
  const id = r.headers['webhook-id'] as string;
  const ts = Number(r.headers['webhook-timestamp']);
  expect(id).toBe(r.json.id);
  expect(r.headers['webhook-signature']).toBe(new Webhook(secret).sign(id, new Date(ts * 1000), r.body));
  if (Math.abs(ts - Date.now() / 1000) < 240) {
    expect(new Webhook(secret).verify(r.body, r.headers as Record<string, string>)).toEqual(JSON.parse(r.body));
  }
  expect(() => new Webhook(generateWebhookSecret()).verify(r.body, r.headers as Record<string, string>)).toThrow();
}

describe.each(dbTargets())('alerts end to end on the $name server', ({ url }) => {
  let db: TestDb;
  let target: LocalServer;
  let failing = false;
  let receivers: Receiver[] = [];
  const secrets = { HOOK_A: generateWebhookSecret(), HOOK_B: generateWebhookSecret() };

  let tcp: Server;
  let tcpPort: number;
  beforeAll(async () => {
    target = await startServer((_req, res) => (failing ? res.writeHead(503).end('down') : res.end('ok')));
    tcp = createServer((s) => s.end());
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    tcpPort = (tcp.address() as AddressInfo).port;
  });
  afterAll(async () => {
    tcp.close();
    await target.close();
  });
  afterEach(async () => {
    failing = false;
    await Promise.all(receivers.map((r) => r.close()));
    await db?.drop();
  });

  it('target down → one incident.opened and one monitor.down per receiver, signed, in the confirming tick; recovery → incident.resolved', async () => {
    db = await createTestDb(url);
    receivers = [await startReceiver(), await startReceiver(() => ({ status: 200 }))];
    const clock = fakeClock(new Date());
    const config = AlertsConfig.parse({
      endpoints: receivers.map((r, i) => ({ id: `hook-${i}`, kind: 'webhook', url: `${r.url}/hook`, secret: { env: i ? 'HOOK_B' : 'HOOK_A' } })),
      impact: { 'App (API)': 'critical' },
      resolveAfter: 120,
    });
    // A TCP and a heartbeat monitor beside the HTTP one (other components, always up): they change nothing below.
    await syncMonitors(db.sql, [
      spec({ id: 'api', url: `${target.url}/`, group: 'X' }),
      tcpSpec({ id: 'db', component: 'Database', host: '127.0.0.1', port: tcpPort }),
      heartbeatSpec({ id: 'backup', component: 'Backups', period: 86400 }, { BEAT_TOKEN: 'alerts-e2e-token-0123456789' }),
    ], clock.now());
    await syncAlertEndpoints(db.sql, config, clock.now());
    const alerting = createAlertingDeps({ sql: db.sql, config, clock: clock.now, log: silentLog, env: (n) => secrets[n as keyof typeof secrets] });
    const tick = () => runTick(db.sql, clock.now, alerting);

    expect((await tick()).alerts).toMatchObject({ attempted: 0 });
    for (const r of receivers) expect(r.received).toHaveLength(0);

    failing = true;
    clock.advance(60_000);
    const down = await tick();
    expect(down.transitions).toEqual([{ monitorId: 'api', from: 'up', to: 'down' }]);
    expect(down.alerts).toMatchObject({ attempted: 4, delivered: 4 });
    for (const [i, r] of receivers.entries()) {
      expect(r.types()).toEqual(['monitor.down', 'incident.opened']);
      for (const req of r.received) expectSigned(req, i ? secrets.HOOK_B : secrets.HOOK_A);
      const opened = r.received[1]!.json as unknown as { version: number; timestamp: string; data: { incident: Record<string, unknown> } };
      expect(opened).toMatchObject({ version: 1, timestamp: clock.now().toISOString() });
      expect(opened.data.incident).toMatchObject({ status: 'investigating', impact: 'critical', origin: 'auto', serviceKey: 'x', components: [{ id: 'app-api', name: 'App (API)', status: 'major_outage' }] });
      expect(r.received[0]!.json).toMatchObject({ data: { monitor: { id: 'api', component: 'App (API)' }, status: 'down', previousStatus: 'up', errorClass: 'http_status' } });
    }
    // Both receivers got the same event ids: one event, fanned out.
    expect(receivers[0]!.received.map((r) => r.json.id)).toEqual(receivers[1]!.received.map((r) => r.json.id));
    const [incident] = await db.sql`select id, status, impact, origin, service_key, resolved_at from incidents where origin = 'auto'`;
    expect(incident).toMatchObject({ status: 'investigating', impact: 'critical', service_key: 'x', resolved_at: null });

    // Still down: nothing new.
    clock.advance(60_000);
    await tick();
    for (const r of receivers) expect(r.received).toHaveLength(2);

    // Recovered: announced once the recovery has held for resolveAfter (120 s).
    failing = false;
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      await tick();
    }
    for (const [i, r] of receivers.entries()) {
      expect(r.types()).toEqual(['monitor.down', 'incident.opened', 'monitor.recovered', 'incident.resolved']);
      for (const req of r.received) expectSigned(req, i ? secrets.HOOK_B : secrets.HOOK_A);
      expect(r.received[3]!.json).toMatchObject({ data: { incident: { id: incident!.id, status: 'resolved' } } });
    }
    const [after] = await db.sql`select status, resolved_at from incidents where id = ${incident!.id}`;
    expect(after!.status).toBe('resolved');
    expect(after!.resolved_at).not.toBeNull();
    const updates = await db.sql`select status from incident_updates where incident_id = ${incident!.id} order by display_at`;
    expect(updates.map((u) => u.status)).toEqual(['investigating', 'resolved']);
    const log = await db.sql`select state, count(*)::int as n from alert_deliveries group by state`;
    expect(log).toEqual([{ state: 'delivered', n: 8 }]);
  });
});

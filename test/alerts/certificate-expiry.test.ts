// Certificate expiry, end to end: an HTTPS target whose certificate (made by the test, signed by a test CA) expires
// in 30, then 10, then 2 days → the monitor is up, degraded, down ("certificate expires in N days"), one
// certificate.expiring event per threshold however many checks see it, and the API shows the expiry date.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { makeLeafCert, makeTestCa, type TestCa } from '../helpers/certs.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { spec, tcpSpec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

let ca: TestCa;
let https: Server;
let port: number;
let db: TestDb;
let receiver: Receiver;

beforeAll(async () => {
  ca = await makeTestCa();
  const first = await makeLeafCert(ca, 30);
  https = createServer({ key: first.key, cert: first.cert }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  port = (https.address() as AddressInfo).port;
  db = await createTestDb(dbTargets()[0]!.url);
  receiver = await startReceiver();
});
afterAll(async () => {
  https.closeAllConnections();
  https.close();
  await receiver.close();
  await db.drop();
});

/** New connections get a certificate expiring `days` from now. */
async function serveCertificate(days: number): Promise<Date> {
  const leaf = await makeLeafCert(ca, days);
  https.setSecureContext({ key: leaf.key, cert: leaf.cert });
  https.closeAllConnections();
  return leaf.expiresAt;
}

describe('certificate expiry', () => {
  it('30 days → up, 10 → degraded, 2 → down, one certificate.expiring per threshold, expiry in the API', async () => {
    const clock = fakeClock(new Date());
    const monitors = [
      spec({ id: 'site', url: `https://127.0.0.1:${port}/`, failuresBeforeDown: 1, successesBeforeUp: 1, interval: 60 }),
      // The same server spoken to as a TLS port: the thresholds apply to tcp monitors with tls too.
      tcpSpec({ id: 'port', component: 'Port', host: '127.0.0.1', port, tls: true, failuresBeforeDown: 1, successesBeforeUp: 1, interval: 60, certificateExpiry: { warnDays: 14, downDays: 3 } }),
    ];
    await syncMonitors(db.sql, monitors, clock.now());
    const { alerting } = await wireAlerting(db.sql, clock.now, [`${receiver.url}/hook`]);
    const probe = createNodeProbe({ ca: ca.cert });
    const tick = async () => {
      const report = await runTick(db.sql, clock.now, { ...alerting, probe });
      expect(report.error).toBeUndefined();
      clock.advance(60_000);
      return db.sql<{ monitor_id: string; status: string; last_error: string | null; last_error_class: string | null }[]>`
        select monitor_id, status, last_error, last_error_class from monitor_state order by monitor_id`;
    };
    const certEvents = () => receiver.received.filter((r) => r.json.type === 'certificate.expiring').map((r) => r.json.data as { monitor: { id: string }; threshold: string; daysLeft: number });

    expect((await tick()).map((s) => s.status)).toEqual(['up', 'up']);
    expect(certEvents()).toEqual([]);

    await serveCertificate(10);
    for (let i = 0; i < 2; i++) {
      const states = await tick();
      expect(states.map((s) => [s.status, s.last_error])).toEqual([['degraded', 'certificate expires in 10 days'], ['degraded', 'certificate expires in 10 days']]);
    }
    expect(certEvents().map((e) => [e.monitor.id, e.threshold, e.daysLeft]).sort()).toEqual([['port', 'warn', 10], ['site', 'warn', 10]]);

    const expiresAt = await serveCertificate(2);
    for (let i = 0; i < 2; i++) {
      const states = await tick();
      expect(states.map((s) => [s.status, s.last_error_class, s.last_error])).toEqual([
        ['down', 'certificate_expiry', 'certificate expires in 2 days'],
        ['down', 'certificate_expiry', 'certificate expires in 2 days'],
      ]);
    }
    expect(certEvents().map((e) => [e.monitor.id, e.threshold]).sort()).toEqual([['port', 'down'], ['port', 'warn'], ['site', 'down'], ['site', 'warn']]);
    // The outage itself is alerted as for any other failure.
    expect(receiver.types()).toContain('monitor.down');

    const app = createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: 'admin-token-0123456789', runTick: async () => { throw new Error('unused'); } });
    const { monitors: listed } = (await (await app.request('/api/v1/monitors')).json()) as { monitors: Array<{ id: string; type: string; certificateExpiresAt: string | null }> };
    const byId = Object.fromEntries(listed.map((m) => [m.id, m]));
    expect(byId.site).toMatchObject({ type: 'http' });
    expect(byId.port).toMatchObject({ type: 'tcp' });
    for (const m of listed) expect(Math.abs(new Date(m.certificateExpiresAt!).getTime() - expiresAt.getTime())).toBeLessThan(1000);
    // The page says it too, per monitor, with the date.
    const html = await (await app.request('/')).text();
    const date = expiresAt.toISOString().slice(0, 10);
    expect(html.match(new RegExp(`certificate expires on ${date} \\(in \\d+ days?\\)`, 'g'))).toHaveLength(2);
  });
});

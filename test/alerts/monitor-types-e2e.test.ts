// Every monitor type is treated alike by uptime, incidents, alerts and the Statuspage API: a TCP and a heartbeat
// monitor beside an HTTP one in one service (group X) go down and recover through the real tick, the beat route,
// webhook receivers and /api/v2.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { startServer, type LocalServer } from '../helpers/servers.js';
import { heartbeatSpec, spec, tcpSpec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const TOKEN = 'e2e-beat-token-0123456789';
let db: TestDb;
let http: LocalServer;
let tcp: Server;
let receiver: Receiver;
let tcpFailing = false;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  http = await startServer((_req, res) => res.end('ok'));
  tcp = createServer((s) => {
    if (tcpFailing) return s.resetAndDestroy();
    sockets.push(s);
    s.write('220 mail ready\r\n');
  });
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  receiver = await startReceiver();
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  tcp.close();
  await http.close();
  await receiver.close();
  await db.drop();
});

describe('tcp and heartbeat monitors beside an http one', () => {
  it('go down and recover with incidents, alerts, uptime and Statuspage components like any monitor', async () => {
    const clock = fakeClock(new Date());
    await syncMonitors(db.sql, [
      spec({ id: 'api', component: 'App (API)', group: 'X', url: `${http.url}/` }),
      tcpSpec({ id: 'mail', component: 'Mail', group: 'X', host: '127.0.0.1', port: (tcp.address() as AddressInfo).port, expect: '220 ' }),
      heartbeatSpec({ id: 'backup', component: 'Backups', group: 'X', period: 120, grace: 30 }, { BEAT_TOKEN: TOKEN }),
    ], clock.now());
    const { tick } = await wireAlerting(db.sql, clock.now, [`${receiver.url}/hook`], { resolveAfter: 120 });
    // A fresh app per read: its published site is then made from the data as it is now (a tick refreshes it in production).
    const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('unused'); } });
    const beatNow = async () => expect((await app().request(`/api/v1/heartbeats/${TOKEN}`, { method: 'POST' })).status).toBe(200);
    const step = async () => {
      clock.advance(60_000);
      const r = await tick();
      expect(r.error).toBeUndefined();
      return r.transitions.map((t) => `${t.monitorId}:${t.to}`).sort();
    };
    const components = async () => {
      const body = (await (await app().request('/api/v2/components.json')).json()) as { components: Array<{ name: string; status: string }> };
      return Object.fromEntries(body.components.map((c) => [c.name, c.status]));
    };

    await beatNow();
    expect(await step()).toEqual(['api:up', 'backup:up', 'mail:up']);

    // The TCP port starts resetting connections: confirmed down in one tick (re-probe), an incident opens for X.
    tcpFailing = true;
    await beatNow();
    expect(await step()).toEqual(['mail:down']);
    expect(receiver.types()).toEqual(['monitor.down', 'incident.opened']);
    expect(receiver.received[0]!.json).toMatchObject({ data: { monitor: { id: 'mail' }, errorClass: 'reset' } });
    expect(await components()).toMatchObject({ Mail: 'major_outage', 'App (API)': 'operational', Backups: 'operational' });

    // The job stops calling: down once period + grace (150 s) pass; the open incident now names Backups too.
    expect(await step()).toEqual([]); // 120 s since the beat
    expect(await step()).toEqual(['backup:down']);
    expect(receiver.types().slice(2)).toEqual(['monitor.down', 'incident.updated']);
    expect(receiver.received[2]!.json).toMatchObject({ data: { monitor: { id: 'backup' }, errorClass: 'heartbeat_missed' } });
    expect(await components()).toMatchObject({ Mail: 'major_outage', Backups: 'major_outage' });
    const open = (await (await app().request('/api/v2/incidents/unresolved.json')).json()) as { incidents: unknown[] };
    expect(open.incidents).toHaveLength(1);

    // Both recover; the incident resolves once the recovery held resolveAfter (120 s).
    tcpFailing = false;
    await beatNow();
    const recovered = [];
    for (let i = 0; i < 4; i++) {
      recovered.push(...(await step()));
      await beatNow();
    }
    expect(recovered.sort()).toEqual(['backup:up', 'mail:up']);
    expect(receiver.types().filter((t) => t.startsWith('incident.'))).toEqual(['incident.opened', 'incident.updated', 'incident.resolved']);
    expect(await components()).toMatchObject({ Mail: 'operational', Backups: 'operational', 'App (API)': 'operational' });

    // Uptime counts every type's checks the same way: one per interval, down ones included.
    const rollups = await db.sql<{ monitor_id: string; up: number; down: number }[]>`
      select monitor_id, sum(up)::int as up, sum(down)::int as down from rollups_daily group by monitor_id order by monitor_id`;
    expect(rollups).toEqual([
      { monitor_id: 'api', up: 8, down: 0 },
      { monitor_id: 'backup', up: 7, down: 1 },
      { monitor_id: 'mail', up: 5, down: 3 },
    ]);
    const uptime = (await (await app().request('/api/v1/uptime?window=24h')).json()) as { monitors: Array<{ id: string; uptime: number }> };
    expect(Object.fromEntries(uptime.monitors.map((m) => [m.id, m.uptime]))).toEqual({ api: 1, mail: 5 / 8, backup: 7 / 8 });
  });
});

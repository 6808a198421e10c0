// The scheduler's process as one of the locations (LOOKOUT_LOCATION listed in the config): its tick probes from
// there (x-lookout-location on every probe), records its checks at that location, and judges the quorum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSpecsOf } from '../../src/config/locations.js';
import { parseConfig } from '../../src/config/parse.js';
import { syncLocations } from '../../src/db/location-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createNodeProbe } from '../../src/probe/node-probe.js';
import { probeControl } from '../../src/probe/control-probe.js';
import { silentLog } from '../../src/log.js';
import { recordLocationRound } from '../../src/scheduler/location-round.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const real = dbTargets().find((t) => t.name === 'real')!;
let db: TestDb;
let target: LocalServer;
let mode: 'http' | 'reset' = 'http';
const seen: string[] = [];

beforeAll(async () => {
  db = await createTestDb(real.url, { history: false });
  target = await startServer((req, res) => {
    seen.push(String(req.headers['x-lookout-location']));
    if (mode === 'reset') return void req.socket.destroy();
    res.writeHead(503).end();
  });
});
afterAll(async () => {
  await target.close();
  await db.drop();
});

describe('the scheduler as a location', () => {
  it('probes from its own location, and the quorum of its report and another decides', async () => {
    const config = parseConfig({
      locations: [{ id: 'local', name: 'Here' }, { id: 'remote', name: 'There' }],
      monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: `${target.url}/`, interval: 60, failuresBeforeDown: 1, retryDelay: 0 }],
    }, 'test');
    const clock = fakeClock(new Date());
    const specs = monitorSpecsOf(config);
    await syncMonitors(db.sql, specs, clock.now());
    await syncLocations(db.sql, config.locations!, specs, clock.now());
    const probe = createNodeProbe({ location: 'local' });
    const canary = `http://127.0.0.1:${await closedPort()}/`;
    const newId = (p: string) => `${p}_${Math.random()}`;
    const tick = () => runTick(db.sql, clock.now, { probe, location: 'local', locations: { own: 'local', newId, control: () => probeControl(probe, canary) } });

    const first = await tick();
    expect(first.location).toMatchObject({ location: 'local', claimed: 1, recorded: 1, impaired: false });
    expect(seen).toEqual(['local']);
    const rows = await db.sql`select location, verdict, status_code from checks order by location`;
    expect(rows).toEqual([{ location: 'local', verdict: 'down', status_code: 503 }]); // no quorum yet: only one of two can vote
    expect((await db.sql`select status from monitor_state`)[0]).toEqual({ status: 'unknown' });

    // The other location reports up.
    clock.advance(30_000);
    const slot = clock.now();
    await recordLocationRound({ sql: db.sql, clock: clock.now, log: silentLog, newId }, 'remote', [{
      monitorId: 'api', state: { status: 'up', failStreak: 0, okStreak: 1 }, statusSince: null, firstFailureAt: null,
      check: { monitorId: 'api', at: slot, verdict: 'up', inMaintenance: false, latencyMs: 20, statusCode: 200, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, errorClass: null, error: null, attempts: 1, certExpiresAt: null, slot },
    }], null, slot);
    // The report itself moves the monitor (the live quorum): one of two down is degraded.
    expect((await db.sql`select status, last_error from monitor_state`)[0]).toEqual({ status: 'degraded', last_error: 'down from 1 of 2 locations' });
    clock.advance(30_000);
    mode = 'reset';
    const second = await tick();
    expect(second.error).toBeUndefined();
    // Its own probe and its canary both failed to connect: impaired, so it no longer votes, and on-call hears of it.
    expect(second.location).toMatchObject({ location: 'local', impaired: true });
    const [here] = await db.sql<{ health: string }[]>`select health from locations where id = 'local'`;
    expect(here!.health).toBe('impaired');
    expect((await db.sql<{ type: string }[]>`select type from alert_outbox where type like 'location.%'`).map((r) => r.type)).toEqual(['location.impaired']);
    // One voter left (remote, up) of a quorum of 2: no data — never down.
    expect((await db.sql`select status from monitor_state`)[0]).toEqual({ status: 'unknown' });
    expect(await db.sql`select 1 from alert_outbox where type like 'monitor.%' or type like 'incident.%'`).toHaveLength(0);
  });
});

// Acceptance 1 and 2: a central Lookout and three agents as child processes on 127.0.0.1, talking real HTTP; a
// target that fails only for the probes of chosen locations; webhook receivers. Quorum 2 of 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startCluster, waitFor, type Cluster } from '../helpers/locations-cluster.js';

const real = dbTargets().find((t) => t.name === 'real')!;
let db: TestDb;
let cluster: Cluster;

beforeAll(async () => {
  db = await createTestDb(real.url, { history: false });
  cluster = await startCluster({ databaseUrl: db.url });
}, 90_000);
afterAll(async () => {
  await cluster?.close();
  await db?.drop();
}, 60_000);

type StateRow = { status: string; last_error: string | null; signature: any };
const state = async () => (await db.sql<StateRow[]>`select status, last_error, signature from monitor_state where monitor_id = 'api'`)[0]!;
const incidents = () => db.sql<{ id: string; resolved_at: Date | null; evidence: any }[]>`select id, resolved_at, evidence from incidents where origin = 'auto' order by started_at`;
const events = (type: string) => cluster.receivers.map((r) => r.types().filter((t) => t === type).length);
const until = (what: string, check: () => Promise<boolean> | boolean, ms = 60_000) =>
  waitFor(check, ms, () => `${what} did not happen; monitor ${JSON.stringify(lastState)}; received ${JSON.stringify(cluster.receivers.map((r) => r.types()))}\n${cluster.output().slice(-6000)}`);
let lastState: StateRow | undefined;
const statusIs = (s: string, reason?: RegExp) => async () => {
  lastState = await state();
  return lastState.status === s && (!reason || reason.test(lastState.last_error ?? ''));
};

describe('three agents and a quorum of two', () => {
  it('one location failing is degraded; two are down with one incident naming both; recovery resolves it', async () => {
    await until('all locations up', statusIs('up'));
    const locations = async () => (await db.sql<{ location: string }[]>`select distinct location from checks where monitor_id = 'api' order by location`).map((c) => c.location).join();
    await until('checks from every location and the quorum', async () => (await locations()) === 'eu-west,quorum,us-east,us-west');
    expect(events('location.offline')).toEqual([0, 0]); // a fresh install is not offline

    cluster.failing.set('us-east', 'http');
    await until('degraded from one location', statusIs('degraded', /^down from 1 of 3 locations$/));
    await new Promise((r) => setTimeout(r, 12_000)); // another interval: still no incident
    expect((await state()).status).toBe('degraded');
    expect(await incidents()).toHaveLength(0);
    expect(events('monitor.down')).toEqual([0, 0]);

    cluster.failing.set('us-west', 'http');
    await until('down from two locations', statusIs('down'));
    await until('monitor.down at every receiver', () => events('monitor.down').every((n) => n === 1));
    const [incident, ...more] = await incidents();
    expect(more).toHaveLength(0);
    const s = await state();
    expect(s.last_error).toMatch(/^down from US East and US West, up from EU West: HTTP 503 since \d\d:\d\d UTC$/);
    expect(s.signature).toMatchObject({ phases: ['http_status'], statusCodes: [503], errorClasses: ['http_status'] });
    expect(s.signature.failing.map((f: { location: string }) => f.location)).toEqual(['us-east', 'us-west']);
    expect(s.signature.failing.every((f: { since: string | null }) => f.since !== null)).toBe(true);
    const down = cluster.receivers[0]!.received.find((r) => r.json.type === 'monitor.down')!.json as any;
    expect(down.data.reason).toMatch(/down from US East and US West/);
    expect(JSON.stringify(incident!.evidence)).toMatch(/US East and US West/);

    // The page and the APIs show where it fails.
    const getJson = async (path: string) => (await fetch(`${cluster.centralUrl}${path}`)).json() as Promise<any>;
    await until('the published site shows the outage', async () => (await getJson('/api/v1/monitors')).monitors[0].status === 'down');
    const { monitors } = await getJson('/api/v1/monitors');
    expect(monitors[0].locations.map((l: { id: string; status: string }) => [l.id, l.status])).toEqual([['us-east', 'down'], ['us-west', 'down'], ['eu-west', 'up']]);
    expect(monitors[0].locations.every((l: { lastCheck: string | null }) => l.lastCheck !== null)).toBe(true);
    expect(monitors[0].signature).toMatchObject({ phases: ['http_status'], statusCodes: [503] });
    const view = await getJson('/api/v1/monitors/api/locations');
    expect(view.locations.find((l: { id: string }) => l.id === 'us-east')).toMatchObject({ status: 'down', errorClass: 'http_status', statusCode: 503 });
    expect((await getJson('/api/v1/locations')).locations.map((l: { health: string }) => l.health)).toEqual(['online', 'online', 'online']);
    const apiIncident = await getJson(`/api/v1/incidents/${incident!.id}`);
    expect(apiIncident.signatures[0]).toMatchObject({ monitorId: 'api', signature: { phases: ['http_status'] } });
    expect(apiIncident.signatures[0].signature.failing.map((f: { location: string }) => f.location)).toEqual(['us-east', 'us-west']);
    const page = await (await fetch(`${cluster.centralUrl}/`)).text();
    expect(page).toContain('API: down in 2 of 3 locations (US East, US West)');
    expect(page).toContain('Probing locations');
    const incidentPage = await (await fetch(`${cluster.centralUrl}/incidents/${incident!.id}`)).text();
    expect(incidentPage).toMatch(/down from US East \(HTTP status, HTTP 503, since \d\d:\d\d UTC\), US West/);

    cluster.failing.clear();
    await until('recovered', statusIs('up'));
    await until('incident resolved', async () => (await incidents())[0]?.resolved_at != null);
    await until('monitor.recovered at every receiver', () => events('monitor.recovered').every((n) => n === 1));
    expect(events('monitor.down')).toEqual([1, 1]);
    expect(await incidents()).toHaveLength(1);
  }, 240_000);

  it('a killed agent makes its location offline (location.offline, no monitor alert); a location whose canary fails too is impaired', async () => {
    const downBefore = events('monitor.down');
    cluster.agents.get('eu-west')!.kill('SIGKILL');
    await until('location.offline', () => events('location.offline').every((n) => n === 1), 45_000);
    const [eu] = await db.sql<{ health: string }[]>`select health from locations where id = 'eu-west'`;
    expect(eu!.health).toBe('offline');
    expect((await state()).status).toBe('up'); // two of three still vote

    cluster.failing.set('us-west', 'reset');
    cluster.canaryFailing.add('us-west');
    await until('location.impaired', () => events('location.impaired').every((n) => n === 1), 45_000);
    // One location votes: below the quorum, the monitor has no data — never down.
    await until('no data', statusIs('unknown'));
    await new Promise((r) => setTimeout(r, 12_000));
    expect(events('monitor.down')).toEqual(downBefore);
    expect(await db.sql`select 1 from incidents where origin = 'auto' and resolved_at is null`).toHaveLength(0);
    const [usw] = await db.sql<{ health: string }[]>`select health from locations where id = 'us-west'`;
    expect(usw!.health).toBe('impaired');
  }, 180_000);
});

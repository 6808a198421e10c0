// Acceptance 3: the agents' routes refuse what they must, record nothing for it, and record a replay once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSpecsOf } from '../../src/config/locations.js';
import { parseConfig } from '../../src/config/parse.js';
import { PageConfig } from '../../src/config/schema.js';
import { syncLocations } from '../../src/db/location-store.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';

const real = dbTargets().find((t) => t.name === 'real')!;
const NOW = new Date('2026-03-10T16:00:00Z');
const TOKENS = new Map([['us-east', 'e'.repeat(24)], ['us-west', 'w'.repeat(24)]]);
let db: TestDb;

beforeAll(async () => {
  db = await createTestDb(real.url, { history: false });
  const config = parseConfig({
    locations: [{ id: 'us-east', name: 'US East', token: { env: 'A' } }, { id: 'us-west', name: 'US West', token: { env: 'B' } }],
    monitors: [
      { id: 'both', name: 'Both', component: 'App (API)', url: 'http://127.0.0.1:9/' },
      { id: 'west-only', name: 'West only', component: 'App (API)', url: 'http://127.0.0.1:9/', locations: ['us-west'] },
    ],
  }, 'test');
  const specs = monitorSpecsOf(config);
  await syncMonitors(db.sql, specs, NOW);
  await syncLocations(db.sql, config.locations!, specs, NOW);
});
afterAll(async () => db.drop());

const app = () => createApp({
  sql: () => db.sql, page: PageConfig.parse({}), clock: () => NOW, log: silentLog, adminToken: undefined,
  runTick: async () => { throw new Error('unused'); },
  agents: { tokens: TOKENS, canaries: new Map(), newId: (p) => `${p}_${Math.random()}` },
});
const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${'e'.repeat(24)}`, 'x-lookout-location': 'us-east' }) =>
  app().request(`/api/v1/agent/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const counts = async () => (await db.sql<{ checks: number; states: string }[]>`
  select (select count(*)::int from checks) as checks, (select string_agg(monitor_id || ':' || location || ':' || status || ':' || coalesce(last_check_at::text, '-'), ',' order by monitor_id, location) from location_state) as states`)[0]!;

function result(monitorId: string, over: Record<string, unknown> = {}) {
  return {
    monitorId, slot: NOW.toISOString(), at: NOW.toISOString(), verdict: 'up', statusCode: 200, latencyMs: 42, dnsMs: 1, connectMs: 2, tlsMs: null, firstByteMs: 30,
    errorClass: null, error: null, attempts: 1, certExpiresAt: null, inMaintenance: false, state: { status: 'up', failStreak: 0, okStreak: 1 }, firstFailureAt: null, ...over,
  };
}

describe('agent routes', () => {
  it.each<[string, Record<string, string>]>([
    ['no token', { 'x-lookout-location': 'us-east' }],
    ['a wrong token', { authorization: `Bearer ${'x'.repeat(24)}`, 'x-lookout-location': 'us-east' }],
    ['another location\'s token', { authorization: `Bearer ${'w'.repeat(24)}`, 'x-lookout-location': 'us-east' }],
    ['an unknown location', { authorization: `Bearer ${'e'.repeat(24)}`, 'x-lookout-location': 'mars' }],
    ['no location', { authorization: `Bearer ${'e'.repeat(24)}` }],
  ])('%s: 401 problem+json, nothing claimed or recorded', async (_n, headers) => {
    const before = await counts();
    for (const path of ['claim', 'results']) {
      const res = await post(path, path === 'claim' ? {} : { results: [result('both')] }, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    }
    expect(await counts()).toEqual(before);
    const [leased] = await db.sql<{ n: number }[]>`select count(*)::int as n from location_state where lease_owner is not null`;
    expect(leased!.n).toBe(0);
  });

  it('claims the location\'s due monitors only', async () => {
    const res = await post('claim', {});
    expect(res.status).toBe(200);
    const body = (await res.json()) as { location: string; canary: string | null; claims: Array<{ monitorId: string; slot: string; spec: { url: string } }> };
    expect(body.location).toBe('us-east');
    expect(body.canary).toBeNull();
    expect(body.claims.map((c) => c.monitorId)).toEqual(['both']);
    expect(body.claims[0]!.slot).toBe(NOW.toISOString());
    // Claimed: a second claim gets nothing until the next interval.
    expect(((await (await post('claim', {})).json()) as { claims: unknown[] }).claims).toHaveLength(0);
  });

  it.each<[string, unknown, string]>([
    ['a body that is not JSON', '{ "results": [', '(body)'],
    ['a slot that is not an instant', { results: [result('both', { slot: 'yesterday' })] }, 'results.0.slot'],
    ['an unknown error class', { results: [result('both', { errorClass: 'gremlins' })] }, 'results.0.errorClass'],
    ['a missing verdict', { results: [{ ...result('both'), verdict: undefined }] }, 'results.0.verdict'],
    ['an unknown key', { results: [result('both', { colour: 'red' })] }, 'results.0'],
    ['a negative latency', { results: [result('both'), result('both', { latencyMs: -1 })] }, 'results.1.latencyMs'],
    ['a bad state', { results: [result('both', { state: { status: 'sideways', failStreak: 0, okStreak: 0 } })] }, 'results.0.state.status'],
    ['results that are not a list', { results: 'all good' }, 'results'],
  ])('%s: 400 problem+json naming the field, nothing written', async (_n, body, field) => {
    const before = await counts();
    const res = await post('results', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('a result for a monitor not probed from the location is 422, and the whole batch is refused', async () => {
    const before = await counts();
    const res = await post('results', { results: [result('both'), result('west-only')] });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { errors: Array<{ field: string; message: string }> }).errors).toEqual([
      { field: 'results.1.monitorId', message: 'monitor "west-only" is not probed from location "us-east"' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a batch records once: a replay (or a retry after a lost answer) adds no checks and moves no state', async () => {
    const before = await counts();
    const batch = { results: [result('both', { verdict: 'down', statusCode: 503, errorClass: 'http_status', error: 'HTTP 503', state: { status: 'down', failStreak: 2, okStreak: 0 }, firstFailureAt: NOW.toISOString() })] };
    const first = await post('results', batch);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ recorded: 1, duplicates: 0 });
    const after = await counts();
    expect(after.checks).toBe(before.checks + 1);
    for (let i = 0; i < 3; i++) {
      const again = await post('results', batch);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ recorded: 0, duplicates: 1 });
    }
    expect(await counts()).toEqual(after);
    const [row] = await db.sql<{ location: string; verdict: string }[]>`select location, verdict from checks where monitor_id = 'both' and location = 'us-east'`;
    expect(row).toEqual({ location: 'us-east', verdict: 'down' });
  });
});

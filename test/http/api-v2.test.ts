import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp, createStatusSite } from '../../src/http/app.js';
import { readStatusData } from '../../src/snapshot/read.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';
import { insertIncident, insertMaintenance, setMonitorStatus } from '../helpers/status-fixtures.js';
import { v2Errors, type V2Endpoint } from '../helpers/statuspage-schema.js';
import { fakeClock } from '../helpers/tick.js';

const ENDPOINTS: V2Endpoint[] = [
  'summary.json', 'status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json',
  'scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json',
];
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
const at = (iso: string) => new Date(iso);

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
});
afterAll(() => db.drop());

const app = () =>
  createApp({ sql: () => db.sql, page: PageConfig.parse({ title: 'X status', url: 'https://status.example' }), clock: clock.now, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('no ticks here'); } });

async function get(endpoint: V2Endpoint, headers: Record<string, string> = {}) {
  const res = await app().request(`/api/v2/${endpoint}`, { headers });
  return { res, body: res.status === 200 ? ((await res.json()) as Record<string, any>) : null };
}

async function reset(monitors: Array<Parameters<typeof spec>[0]>) {
  await db.sql`truncate components, monitors, monitor_state, incidents, incident_updates, incident_components, maintenances`;
  await syncMonitors(db.sql, monitors.map((m) => spec(m)), at('2026-01-01T00:00:00Z'));
}

async function expectAllValid() {
  for (const e of ENDPOINTS) {
    const { res, body } = await get(e);
    expect(res.status, e).toBe(200);
    expect(v2Errors(e, body), e).toEqual([]);
  }
}

const url = 'http://127.0.0.1:9/';

describe('Statuspage v2 shapes', () => {
  it('the seeded X history: both incidents, newest first, full timelines, nothing unresolved', async () => {
    await syncMonitors(db.sql, [spec({ id: 'api', url, component: 'App (API)', group: 'X' }), spec({ id: 'web', url, component: 'Website', group: 'X' })], at('2026-01-01T00:00:00Z'));
    await expectAllValid();
    const incidents = (await get('incidents.json')).body!.incidents as Array<Record<string, any>>;
    expect(incidents.map((i) => [i.id, i.status, i.impact])).toEqual([['x-2025-03-10', 'resolved', 'critical'], ['x-2023-03-06', 'resolved', 'major']]);
    for (const i of incidents) {
      const times = i.incident_updates.map((u: any) => u.display_at);
      expect(times).toEqual([...times].sort().reverse());
      expect(i.incident_updates.map((u: any) => u.incident_id)).toEqual(i.incident_updates.map(() => i.id));
      expect(i.components.map((c: any) => c.id)).toEqual(['app-api', 'website']);
      expect(i.shortlink).toMatch(/^https:\/\/status\.example\//);
    }
    expect(incidents[1]!.incident_updates.at(-1)).toMatchObject({ status: 'investigating', display_at: '2023-03-06T17:00:00.000Z' });
    expect((await get('incidents/unresolved.json')).body!.incidents).toEqual([]);
    const summary = (await get('summary.json')).body!;
    expect(summary.incidents).toEqual([]);
    expect(summary.scheduled_maintenances).toEqual([]);
    expect(summary.status.indicator).toBe('none');
  });

  it('no incidents, plain components: all operational, indicator none', async () => {
    await reset([{ id: 'api', url, component: 'App (API)' }, { id: 'web', url, component: 'Website' }]);
    await setMonitorStatus(db.sql, 'api', 'up', at('2026-03-10T14:00:00Z'));
    await expectAllValid();
    const { body } = await get('components.json');
    expect(body!.components.map((c: any) => [c.id, c.status, c.group_id])).toEqual([['app-api', 'operational', null], ['website', 'operational', null]]);
    expect(body!.page).toMatchObject({ name: 'X status', url: 'https://status.example', time_zone: 'UTC', updated_at: '2026-03-10T14:00:00.000Z' });
    expect((await get('status.json')).body!.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  it('a group lists its children, every group_id names a present group, a down child raises the indicator', async () => {
    await reset([{ id: 'api', url, component: 'App (API)', group: 'X' }, { id: 'web', url, component: 'Website', group: 'X' }, { id: 'other', url, component: 'Docs' }]);
    await setMonitorStatus(db.sql, 'api', 'down', at('2026-03-10T14:00:00Z'));
    await setMonitorStatus(db.sql, 'web', 'up', at('2026-03-10T13:00:00Z'));
    await expectAllValid();
    const { body } = await get('components.json');
    const comps = body!.components as Array<Record<string, any>>;
    const ids = new Set(comps.filter((c) => c.group).map((c) => c.id));
    for (const c of comps) if (c.group_id !== null) expect(ids.has(c.group_id)).toBe(true);
    const group = comps.find((c) => c.group)!;
    expect(group).toMatchObject({ id: 'x', name: 'X', status: 'major_outage', components: ['app-api', 'website'] });
    expect(comps.map((c) => c.id)).toEqual(['x', 'app-api', 'website', 'docs']);
    expect((await get('status.json')).body!.status).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
  });

  it('an open automatic incident sets its components and the indicator', async () => {
    await reset([{ id: 'api', url, component: 'App (API)', group: 'X' }, { id: 'web', url, component: 'Website', group: 'X' }]);
    await insertIncident(db.sql, {
      id: 'inc-open', title: 'App (API) is down', status: 'investigating', impact: 'major', serviceKey: 'x', startedAt: at('2026-03-10T14:50:00Z'),
      components: [{ id: 'app-api', status: 'partial_outage' }],
      updates: [{ id: 'u1', status: 'investigating', body: 'Checks from Lookout fail: <DNS lookup failed>', at: at('2026-03-10T14:50:00Z') }],
    });
    await expectAllValid();
    const comps = (await get('components.json')).body!.components as Array<Record<string, any>>;
    expect(comps.find((c) => c.id === 'app-api')!.status).toBe('partial_outage');
    expect((await get('status.json')).body!.status.indicator).toBe('major');
    const unresolved = (await get('incidents/unresolved.json')).body!.incidents as Array<Record<string, any>>;
    expect(unresolved.map((i) => i.id)).toEqual(['inc-open']);
    expect(unresolved[0]!.components[0]).toMatchObject({ id: 'app-api', status: 'partial_outage', group_id: 'x' });
    expect(unresolved[0]!.incident_updates[0]).toMatchObject({ body: 'Checks from Lookout fail: <DNS lookup failed>', deliver_notifications: true, affected_components: null });
    const summary = (await get('summary.json')).body!;
    expect(summary.incidents.map((i: any) => i.id)).toEqual(['inc-open']);
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(summary.page.updated_at).toBe('2026-03-10T14:50:00.000Z');
  });

  it('a maintenance window in progress shows under_maintenance and the maintenance indicator', async () => {
    await reset([{ id: 'api', url, component: 'App (API)' }]);
    await setMonitorStatus(db.sql, 'api', 'down', at('2026-03-10T14:00:00Z'));
    await insertMaintenance(db.sql, { id: 'mw1', title: 'Database upgrade', from: at('2026-03-10T14:30:00Z'), until: at('2026-03-10T16:00:00Z'), componentIds: ['app-api'] });
    await expectAllValid();
    const comps = (await get('components.json')).body!.components as Array<Record<string, any>>;
    expect(comps[0]!.status).toBe('under_maintenance');
    expect((await get('status.json')).body!.status).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    await insertMaintenance(db.sql, { id: 'mw0', title: 'Old', from: at('2026-03-01T00:00:00Z'), until: at('2026-03-01T01:00:00Z'), componentIds: ['app-api'] });
    await insertMaintenance(db.sql, { id: 'mw2', title: 'Next', from: at('2026-03-12T00:00:00Z'), until: at('2026-03-12T01:00:00Z'), componentIds: ['app-api'], createdAt: at('2026-03-09T00:00:00Z') });
    await expectAllValid();
    const ids = async (e: V2Endpoint) => ((await get(e)).body!.scheduled_maintenances as Array<Record<string, any>>).map((m) => [m.id, m.status]);
    expect(await ids('scheduled-maintenances.json')).toEqual([['mw2', 'scheduled'], ['mw1', 'in_progress'], ['mw0', 'completed']]);
    expect(await ids('scheduled-maintenances/upcoming.json')).toEqual([['mw2', 'scheduled']]);
    expect(await ids('scheduled-maintenances/active.json')).toEqual([['mw1', 'in_progress']]);
    expect(await ids('summary.json')).toEqual([['mw2', 'scheduled'], ['mw1', 'in_progress']]);
    const done = ((await get('scheduled-maintenances.json')).body!.scheduled_maintenances as Array<Record<string, any>>).find((m) => m.id === 'mw0')!;
    expect(done.incident_updates.map((u: any) => u.status)).toEqual(['completed', 'in_progress', 'scheduled']);
    expect(done).toMatchObject({ impact: 'maintenance', resolved_at: '2026-03-01T01:00:00.000Z', scheduled_for: '2026-03-01T00:00:00.000Z' });
  });
});

describe('v2 HTTP hygiene', () => {
  it('answers with CORS open, an ETag, Cache-Control, 304 on a matching If-None-Match, and HEAD without a body', async () => {
    await reset([{ id: 'api', url, component: 'App (API)' }]);
    for (const e of ENDPOINTS) {
      const { res } = await get(e, { origin: 'https://elsewhere.example' });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const tag = res.headers.get('etag');
      expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await app().request(`/api/v2/${e}`, { headers: { 'if-none-match': tag!, origin: 'https://elsewhere.example' } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('cache-control')).toBe(res.headers.get('cache-control'));
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      const head = await app().request(`/api/v2/${e}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(tag);
      expect(await head.text()).toBe('');
    }
  });

  it('a herd costs no database read: every endpoint is published once per refresh, and a refresh reads once', async () => {
    await reset([{ id: 'api', url, component: 'App (API)' }]);
    let queries = 0;
    const counted = postgres(db.url, { max: 4, onnotice: () => undefined, debug: () => void queries++ });
    try {
      const site = createStatusSite({ page: PageConfig.parse({ title: 'X status' }), clock: clock.now, log: silentLog });
      const herd = createApp({ sql: () => counted, page: PageConfig.parse({ title: 'X status' }), clock: clock.now, log: silentLog, adminToken: undefined, site, runTick: async () => { throw new Error('unused'); } });
      await herd.request('/api/v2/status.json'); // the first request publishes the site (connects, fetches types)
      queries = 0;
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => herd.request(`/api/v2/${ENDPOINTS[i % ENDPOINTS.length]}`)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      expect(queries).toBe(0);
      expect(new Set(await Promise.all(answers.filter((_, i) => i % ENDPOINTS.length === 0).map((r) => r.text()))).size).toBe(1);
      // A refresh reads everything once, whatever asks afterwards.
      expect(await site.refresh(() => readStatusData(counted, clock.now()))).toBe(true);
      const perRefresh = queries;
      expect(perRefresh).toBeGreaterThan(0);
      // The refresh's plain queries (src/snapshot/read.ts): six, and three of visitor reports.
      expect(perRefresh).toBeLessThanOrEqual(9);
      for (let i = 0; i < 50; i++) expect((await herd.request('/api/v2/summary.json')).status).toBe(200);
      expect(queries).toBe(perRefresh);
      // Badges differ by query string: each window is its own answer, from the same snapshot.
      const week = await (await herd.request('/badges/monitors/api/uptime.json?window=7d')).json();
      const day = await (await herd.request('/badges/monitors/api/uptime.json?window=24h')).json();
      expect(week.label).not.toBe(day.label);
      expect(queries).toBe(perRefresh);
    } finally {
      await counted.end();
    }
  });

  it('keeps answering with the last body, marked stale, when the database fails', async () => {
    await reset([{ id: 'api', url, component: 'App (API)' }]);
    const broken = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 1, onnotice: () => undefined });
    let sql: postgres.Sql = db.sql;
    const site = createStatusSite({ page: PageConfig.parse({ title: 'X status' }), clock: clock.now, log: silentLog });
    const one = createApp({ sql: () => sql, page: PageConfig.parse({ title: 'X status' }), clock: clock.now, log: silentLog, adminToken: undefined, site, runTick: async () => { throw new Error('unused'); } });
    const good = await one.request('/api/v2/components.json');
    const body = await good.text();
    expect(good.headers.get('x-lookout-stale')).toBeNull();
    const feed = await (await one.request('/history.atom')).text();
    sql = broken;
    clock.advance(10_000);
    try {
      expect(await site.refresh(() => readStatusData(sql, clock.now()))).toBe(false);
      for (const e of ENDPOINTS) {
        const stale = await one.request(`/api/v2/${e}`);
        expect(stale.status).toBe(200);
        expect(stale.headers.get('x-lookout-stale')).toMatch(/^\d{4}-/);
      }
      const stale = await one.request('/api/v2/components.json');
      expect(await stale.text()).toBe(body);
      const staleFeed = await one.request('/history.atom');
      expect(staleFeed.status).toBe(200);
      expect(staleFeed.headers.get('x-lookout-stale')).toMatch(/^\d{4}-/);
      expect((await staleFeed.text()).replace(/<updated>[^<]*<\/updated>/, '')).toBe(feed.replace(/<updated>[^<]*<\/updated>/, ''));
    } finally {
      await broken.end({ timeout: 0 });
    }
  });

  it('answers an unknown v2 path with problem+json', async () => {
    const res = await app().request('/api/v2/nope.json');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

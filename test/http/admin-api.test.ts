// Acceptance 5: the admin API — 401 without the token, problem+json on malformed bodies with the database
// unchanged, and the verbs themselves (incidents, maintenances, alert endpoints, delivery log, redeliver).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const TOKEN = 'admin-token-for-tests-0123';
const TABLES = ['incidents', 'incident_updates', 'incident_components', 'maintenances', 'alert_outbox', 'alert_endpoints', 'alert_deliveries', 'alert_service_state'];
let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/', group: 'X' }), spec({ id: 'web', url: 'http://127.0.0.1:9/', component: 'Website', group: 'X' })], clock.now());
});
afterAll(() => db.drop());

const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: TOKEN, runTick: async () => { throw new Error('not in this test'); } });

async function call(method: string, path: string, body?: unknown, auth = `Bearer ${TOKEN}`) {
  const res = await app().request(`/api/v1/admin${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), json: text ? JSON.parse(text) : null };
}

async function snapshot(): Promise<string> {
  const parts = [];
  for (const t of TABLES) parts.push(await db.sql.unsafe(`select coalesce(json_agg(x order by x::text), '[]')::text as rows from ${t} x`));
  return JSON.stringify(parts);
}

describe('admin API', () => {
  it('answers 401 problem+json without a valid token, and changes nothing', async () => {
    const before = await snapshot();
    const routes: Array<[string, string]> = [
      ['GET', '/incidents'], ['POST', '/incidents'], ['PATCH', '/incidents/x'], ['DELETE', '/incidents/x'], ['POST', '/incidents/x/updates'],
      ['GET', '/maintenances'], ['POST', '/maintenances'], ['DELETE', '/maintenances/x'], ['GET', '/alert-endpoints'], ['POST', '/alert-endpoints'],
      ['DELETE', '/alert-endpoints/x'], ['GET', '/deliveries'], ['POST', '/deliveries/1/redeliver'],
    ];
    for (const [method, path] of routes) {
      for (const auth of ['', 'Bearer wrong-token-0123456789', `Basic ${TOKEN}`]) {
        const r = await call(method, path, method === 'GET' ? undefined : { title: 'x', body: 'y' }, auth);
        expect(r.status, `${method} ${path} with "${auth}"`).toBe(401);
        expect(r.type).toBe('application/problem+json');
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses malformed bodies with problem+json naming the fields, and the database is unchanged after each', async () => {
    const created = await call('POST', '/incidents', { title: 'Base', body: 'Looking into it.' });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const resolved = await call('POST', '/incidents', { title: 'Old', body: 'Was broken.', status: 'resolved', startedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-03-01T11:00:00Z' });
    const m = await call('POST', '/maintenances', { title: 'Upgrade', scheduledFor: '2026-03-11T10:00:00Z', scheduledUntil: '2026-03-11T11:00:00Z' });
    expect(m.status).toBe(201);
    const huge = 'x'.repeat(20_001);
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/incidents', '{not json', 400, '(body)'],
      ['POST', '/incidents', {}, 400, 'title'],
      ['POST', '/incidents', { title: 'T' }, 400, 'body'],
      ['POST', '/incidents', { title: 42, body: 'b' }, 400, 'title'],
      ['POST', '/incidents', { title: '   ', body: 'b' }, 400, 'title'],
      ['POST', '/incidents', { title: huge, body: 'b' }, 400, 'title'],
      ['POST', '/incidents', { title: 'T', body: huge }, 400, 'body'],
      ['POST', '/incidents', { title: 'T', body: 'b', status: 'exploded' }, 400, 'status'],
      ['POST', '/incidents', { title: 'T', body: 'b', status: 'postmortem' }, 400, 'status'],
      ['POST', '/incidents', { title: 'T', body: 'b', impact: 'apocalyptic' }, 400, 'impact'],
      ['POST', '/incidents', { title: 'T', body: 'b', startedAt: 'yesterday' }, 400, 'startedAt'],
      ['POST', '/incidents', { title: 'T', body: 'b', startedAt: '2027-01-01T00:00:00Z' }, 422, 'startedAt'],
      ['POST', '/incidents', { title: 'T', body: 'b', components: [{ id: 'nope', status: 'major_outage' }] }, 422, 'components.0.id'],
      ['POST', '/incidents', { title: 'T', body: 'b', components: [{ id: 'app-api', status: 'on_fire' }] }, 400, 'components.0.status'],
      ['POST', '/incidents', { title: 'T', body: 'b', components: 'app-api' }, 400, 'components'],
      ['POST', '/incidents', { title: 'T', body: 'b', extra: true }, 400, '(body)'],
      ['POST', '/incidents', { title: 'T', body: 'b', status: 'resolved', startedAt: '2026-03-01T10:00:00Z', resolvedAt: '2026-02-01T10:00:00Z' }, 422, 'resolvedAt'],
      ['POST', '/incidents', [1, 2], 400, '(body)'],
      ['POST', `/incidents/${id}/updates`, { status: 'postmortem', body: 'b' }, 422, 'status'],
      ['POST', `/incidents/${resolved.json.id}/updates`, { status: 'investigating', body: 'again?' }, 422, 'status'],
      ['POST', `/incidents/${id}/updates`, { status: 'monitoring' }, 400, 'body'],
      ['POST', `/incidents/${id}/updates`, { status: 'monitoring', body: 'b', notify: 'yes' }, 400, 'notify'],
      ['POST', `/incidents/${id}/updates`, { status: 'monitoring', body: 'b', components: [{ id: 'ghost', status: 'operational' }] }, 422, 'components.0.id'],
      ['POST', '/incidents/inc_unknown/updates', { status: 'monitoring', body: 'b' }, 404, ''],
      ['PATCH', `/incidents/${id}`, {}, 400, '(body)'],
      ['PATCH', `/incidents/${id}`, { title: null }, 400, 'title'],
      ['PATCH', '/incidents/inc_unknown', { title: 'New' }, 404, ''],
      ['PATCH', `/incidents/${id}/updates/upd_unknown`, { body: 'New' }, 404, ''],
      ['DELETE', '/incidents/inc_unknown', undefined, 404, ''],
      ['POST', '/maintenances', { title: 'M', scheduledFor: '2026-03-11T10:00:00Z' }, 400, 'scheduledUntil'],
      ['POST', '/maintenances', { title: 'M', scheduledFor: '2026-03-11T10:00:00Z', scheduledUntil: '2026-03-11T09:00:00Z' }, 422, 'scheduledUntil'],
      ['POST', '/maintenances', { title: 'M', scheduledFor: '2026-03-11T10:00:00Z', scheduledUntil: '2026-03-11T11:00:00Z', componentIds: ['ghost'] }, 422, 'componentIds.0'],
      ['PATCH', `/maintenances/${m.json.id}`, { scheduledUntil: '2026-03-11T09:00:00Z' }, 422, 'scheduledUntil'],
      ['PATCH', '/maintenances/mnt_unknown', { title: 'X' }, 404, ''],
      ['DELETE', '/maintenances/mnt_unknown', undefined, 404, ''],
      ['POST', '/alert-endpoints', { name: 'Hook', kind: 'webhook', url: 'http://127.0.0.1:1/hook' }, 400, 'secret'],
      ['POST', '/alert-endpoints', { name: 'Hook', kind: 'webhook', url: 'http://127.0.0.1:1/hook', secret: 'whsec_c2hvcnQ=' }, 400, 'secret'],
      ['POST', '/alert-endpoints', { name: 'Hook', kind: 'carrier-pigeon', url: 'http://127.0.0.1:1/' }, 400, 'kind'],
      ['POST', '/alert-endpoints', { name: 'Hook', kind: 'slack', url: 'ftp://127.0.0.1/' }, 400, 'url'],
      ['POST', '/alert-endpoints', { name: 'Hook', kind: 'slack', url: 'http://127.0.0.1:1/', events: ['monitor.exploded'] }, 400, 'events.0'],
      ['POST', '/alert-endpoints', { name: 'PD', kind: 'pagerduty', url: 'http://127.0.0.1:1/' }, 400, 'secret'],
      ['DELETE', '/alert-endpoints/ep_unknown', undefined, 404, ''],
      ['GET', '/deliveries?state=lost', undefined, 400, 'state'],
      ['GET', '/deliveries?limit=100000', undefined, 400, 'limit'],
      ['POST', '/deliveries/999999/redeliver', undefined, 404, ''],
      ['POST', '/deliveries/abc/redeliver', undefined, 404, ''],
      ['POST', '/incidents', JSON.stringify({ title: 'T', body: 'x'.repeat(70 * 1024) }), 413, ''],
    ];
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const [method, path, body, status, field] of cases) {
      const before = await snapshot();
      const r = await call(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`;
      expect(r.status, what).toBe(status);
      expect(r.type, what).toBe('application/problem+json');
      expect(r.json).toMatchObject({ status, title: expect.any(String) });
      if (field) expect(r.json.errors.map((e: { field: string }) => e.field), what).toContain(field);
      expect(await snapshot(), what).toBe(before);
    }
  });
});

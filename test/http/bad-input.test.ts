// Issue 18, acceptance 3: every input the failure drills answered with a 5xx is a 400 problem+json naming the field,
// and the database is unchanged after it (ids with NUL bytes, years outside 1970-9999, cursors that decode to
// out-of-range values, a window starting in year 9999). Also: JSON responses carry x-content-type-options: nosniff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { recordTick } from '../../src/db/tick-store.js';
import { encodeCursor } from '../../src/http/api-v1/serialize.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const TOKEN = 'admin-token-for-tests-0123';
const TABLES = ['incidents', 'incident_updates', 'incident_components', 'maintenances', 'alert_outbox', 'alert_endpoints', 'alert_deliveries', 'checks', 'monitor_state'];
let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: TOKEN, runTick: async () => { throw new Error('unused'); } });

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/' })], clock.now());
  await db.sql`update monitor_state set lease_owner = 'loader'`;
  await recordTick(db.sql, 'loader', [{
    monitorId: 'api', state: { status: 'up', failStreak: 0, okStreak: 1 }, statusSince: clock.now(), firstFailureAt: null,
    check: { monitorId: 'api', at: clock.now(), verdict: 'up', inMaintenance: false, latencyMs: 10, statusCode: 200, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, errorClass: null, error: null, attempts: 1, certExpiresAt: null },
  }]);
});
afterAll(() => db.drop());

async function snapshot(): Promise<string> {
  const parts = [];
  for (const t of TABLES) parts.push(await db.sql.unsafe(`select coalesce(json_agg(x order by x::text), '[]')::text as rows from ${t} x`));
  return JSON.stringify(parts);
}

async function call(method: string, path: string, body?: unknown) {
  const res = await app().request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), nosniff: res.headers.get('x-content-type-options'), json: text ? JSON.parse(text) : null };
}

describe('bad input from the failure drills', () => {
  it('answers 400 problem+json naming the field, and changes nothing', async () => {
    const base = await call('POST', '/api/v1/admin/incidents', { title: 'Base', body: 'Looking into it.' });
    expect(base.status).toBe(201);
    const id = base.json.id as string;
    const updateId = base.json.updates[0].id as string;
    const mnt = await call('POST', '/api/v1/admin/maintenances', { title: 'Upgrade', scheduledFor: '2026-03-11T10:00:00Z', scheduledUntil: '2026-03-11T11:00:00Z' });
    expect(mnt.status).toBe(201);
    const cases: Array<[string, string, unknown, string]> = [
      // NUL bytes in ids (paths) and in text
      ['GET', '/api/v1/admin/incidents/%00', undefined, 'id'],
      ['PATCH', '/api/v1/admin/incidents/a%00b', { title: 'New' }, 'id'],
      ['DELETE', '/api/v1/admin/incidents/%00', undefined, 'id'],
      ['POST', '/api/v1/admin/incidents/%00/updates', { status: 'monitoring', body: 'b' }, 'id'],
      ['PATCH', `/api/v1/admin/incidents/${id}/updates/%00`, { body: 'New' }, 'updateId'],
      ['GET', '/api/v1/admin/maintenances/%00', undefined, 'id'],
      ['PATCH', '/api/v1/admin/maintenances/%00', { title: 'X' }, 'id'],
      ['DELETE', '/api/v1/admin/maintenances/%00', undefined, 'id'],
      ['DELETE', '/api/v1/admin/alert-endpoints/%00', undefined, 'id'],
      ['POST', '/api/v1/admin/deliveries/%00/redeliver', undefined, 'id'],
      ['GET', '/api/v1/admin/deliveries?endpoint=%00', undefined, 'endpoint'],
      ['GET', '/api/v1/incidents/%00', undefined, 'id'],
      ['GET', '/api/v1/monitors/%00/checks', undefined, 'id'],
      ['POST', '/api/v1/admin/incidents', { title: 'a\u0000b', body: 'b' }, 'title'],
      ['POST', '/api/v1/admin/incidents', { title: 'T', body: '\u0000' }, 'body'],
      ['PATCH', `/api/v1/admin/incidents/${id}/updates/${updateId}`, { body: 'x\u0000' }, 'body'],
      ['POST', '/api/v1/admin/alert-endpoints', { name: 'N\u0000', kind: 'slack', url: 'http://127.0.0.1:1/' }, 'name'],
      // years outside 1970-9999
      ['POST', '/api/v1/admin/incidents', { title: 'T', body: 'b', startedAt: '0000-01-01T00:00:00Z' }, 'startedAt'],
      ['POST', '/api/v1/admin/incidents', { title: 'T', body: 'b', startedAt: '1969-12-31T23:59:59Z' }, 'startedAt'],
      ['POST', '/api/v1/admin/incidents', { title: 'T', body: 'b', status: 'resolved', startedAt: '2026-03-01T00:00:00Z', resolvedAt: '0000-01-01T00:00:00Z' }, 'resolvedAt'],
      ['POST', `/api/v1/admin/incidents/${id}/updates`, { status: 'monitoring', body: 'b', displayAt: '0000-01-01T00:00:00Z' }, 'displayAt'],
      ['POST', '/api/v1/admin/maintenances', { title: 'M', scheduledFor: '0000-01-01T00:00:00Z', scheduledUntil: '2026-03-11T11:00:00Z' }, 'scheduledFor'],
      ['PATCH', `/api/v1/admin/maintenances/${mnt.json.id}`, { scheduledFor: '0000-06-01T00:00:00Z' }, 'scheduledFor'],
      // windows and cursors
      ['GET', '/api/v1/uptime?from=9999-12-31T23:59:59Z', undefined, 'from'],
      ['GET', '/api/v1/uptime?from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z', undefined, 'from'],
      ['GET', '/api/v1/monitors/api/uptime?from=9999-12-31T23:59:59Z', undefined, 'from'],
      ['GET', `/api/v1/monitors/api/checks?cursor=${encodeCursor(['99999999999999999999', 1])}`, undefined, 'cursor'],
      ['GET', `/api/v1/monitors/api/checks?cursor=${encodeCursor(['1', 1e300])}`, undefined, 'cursor'],
      ['GET', `/api/v1/monitors/api/checks?cursor=${encodeCursor(['1', -1])}`, undefined, 'cursor'],
      ['GET', `/api/v1/incidents?cursor=${encodeCursor(['+275760-09-13T00:00:00.000Z', 'x'])}`, undefined, 'cursor'],
      ['GET', `/api/v1/incidents?cursor=${encodeCursor(['0000-01-01T00:00:00Z', 'x'])}`, undefined, 'cursor'],
      ['GET', `/api/v1/incidents?cursor=${encodeCursor(['2026-01-01T00:00:00Z', '\u0000'])}`, undefined, 'cursor'],
      // the history's pages
      ['GET', '/history?before=0001-01-01T00:00:00Z', undefined, 'before'],
      ['GET', '/history?before=not-a-date', undefined, 'before'],
    ];
    for (const [method, path, body, field] of cases) {
      const before = await snapshot();
      const r = await call(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expect(r.status, what).toBe(400);
      expect(r.type, what).toBe('application/problem+json');
      expect(r.nosniff, what).toBe('nosniff');
      expect(r.json.errors.map((e: { field: string }) => e.field), what).toContain(field);
      expect(await snapshot(), what).toBe(before);
    }
  });

  it('still accepts the edges of the range: 1970 and 9999', async () => {
    const r = await call('POST', '/api/v1/admin/incidents', { title: 'Old', body: 'b', status: 'resolved', startedAt: '1970-01-01T00:00:00Z', resolvedAt: '1970-01-01T01:00:00Z' });
    expect(r.status).toBe(201);
    const m = await call('POST', '/api/v1/admin/maintenances', { title: 'Far', scheduledFor: '9999-12-31T00:00:00Z', scheduledUntil: '9999-12-31T23:59:59Z' });
    expect(m.status).toBe(201);
    const page = await call('GET', '/api/v1/monitors/api/checks?limit=1');
    expect(page.status).toBe(200);
  });

  it('sends x-content-type-options: nosniff with JSON, problems included', async () => {
    for (const path of ['/healthz', '/api/v1/monitors', '/api/v1/openapi.json', '/api/v1/nope', '/api/v2/summary.json']) {
      const res = await app().request(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

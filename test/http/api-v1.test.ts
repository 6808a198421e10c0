import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { recordTick, type StateUpdate } from '../../src/db/tick-store.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';
import { insertIncident } from '../helpers/status-fixtures.js';

const NOW = new Date('2026-03-10T15:20:00Z');
let db: TestDb;
const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: () => NOW, log: silentLog, adminToken: 'admin-token-0123456789', runTick: async () => { throw new Error('unused'); } });
const get = (path: string, init?: RequestInit) => app().request(path, init);
const getJson = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as any;
};

function check(id: string, at: Date, verdict: 'up' | 'down', errorClass: string | null = null): StateUpdate {
  return {
    monitorId: id, state: { status: verdict, failStreak: 0, okStreak: 0 }, statusSince: null, firstFailureAt: null,
    check: { monitorId: id, at, verdict, inMaintenance: false, latencyMs: 42, statusCode: verdict === 'up' ? 200 : null, dnsMs: 3, connectMs: 5, tlsMs: 9, firstByteMs: 30, errorClass: errorClass as never, error: errorClass ? 'connection refused' : null, attempts: verdict === 'up' ? 1 : 2, certExpiresAt: null },
  };
}

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/', component: 'App (API)', group: 'X' }), spec({ id: 'web', url: 'http://127.0.0.1:9/', component: 'Website', group: 'X' })], new Date('2026-01-01T00:00:00Z'));
  // 25 checks one minute apart, all at the same millisecond offset within the minute, plus a twin of one of them
  // from another location (same slot, different location and id): the cursor must neither skip nor repeat it.
  const updates = Array.from({ length: 25 }, (_, i) => check('api', new Date(NOW.getTime() - (25 - i) * 60_000), i % 5 === 0 ? 'down' : 'up', i % 5 === 0 ? 'refused' : null));
  const newest = updates.splice(24, 1);
  await recordTick(db.sql, 'loader', updates);
  // The state update applies only to monitors this writer leased, as in a real tick.
  await db.sql`update monitor_state set lease_owner = 'loader' where monitor_id = 'api'`;
  await recordTick(db.sql, 'loader', newest);
  await db.sql`
    insert into checks (monitor_id, at, slot, location, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, attempts)
    select monitor_id, at, slot, 'second', verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, attempts
    from checks where monitor_id = 'api' and at = ${new Date(NOW.getTime() - 10 * 60_000).toISOString()}::timestamptz`;
});
afterAll(() => db.drop());

describe('native API /api/v1', () => {
  it('publishes a valid OpenAPI 3.1 document generated from the routes', async () => {
    const doc = await getJson('/api/v1/openapi.json');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/monitors', '/monitors/{id}', '/monitors/{id}/uptime', '/monitors/{id}/daily', '/monitors/{id}/checks', '/components', '/components/{id}/uptime', '/components/{id}/daily', '/uptime', '/incidents', '/incidents/{id}']) {
      expect(doc.paths[p]?.get, p).toBeDefined();
    }
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('renders a reference page listing every operation, with no third-party assets', async () => {
    const doc = await getJson('/api/v1/openapi.json');
    const res = await get('/api/v1/docs');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    for (const path of Object.keys(doc.paths)) expect(page).toContain(`/api/v1${path}`);
    expect(page).not.toMatch(/<script|src="http|href="http/);
  });

  it('keeps the monitors list shape and adds component and group', async () => {
    const { monitors } = await getJson('/api/v1/monitors');
    expect(monitors.map((m: any) => m.id)).toEqual(['api', 'web']);
    expect(monitors[0]).toMatchObject({ id: 'api', name: 'Test monitor', component: 'App (API)', componentId: 'app-api', group: 'X', lastCheck: { ok: true, statusCode: 200, latencyMs: 42, error: null } });
    expect(Object.keys(monitors[0].uptime)).toEqual(['24h', '7d', '30d', '90d']);
    expect(monitors[1].lastCheck).toBeNull();
  });

  it('lists components with group children, status and monitors', async () => {
    const { components } = await getJson('/api/v1/components');
    expect(components.map((c: any) => [c.id, c.group, c.groupId, c.monitors])).toEqual([['x', true, null, ['api', 'web']], ['app-api', false, 'x', ['api']], ['website', false, 'x', ['web']]]);
    expect(components[2]).toMatchObject({ hasData: false, uptime: { '24h': null } });
    expect((await getJson('/api/v1/components/x/uptime?window=24h')).counts).toEqual({ up: 20, degraded: 0, down: 5, maintenance: 0 });
  });

  it('pages through recent checks with a cursor: newest first, phases and error class, nothing skipped or repeated', async () => {
    const seen: any[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const page: any = await getJson(`/api/v1/monitors/api/checks?limit=7${next ? `&cursor=${next}` : ''}`);
      seen.push(...page.checks);
      next = page.next;
      pages++;
    } while (next);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(26);
    expect(new Set(seen.map((c) => c.id)).size).toBe(26);
    const times = seen.map((c) => c.at);
    expect(times).toEqual([...times].sort().reverse());
    const failed = seen.find((c) => c.verdict === 'down');
    expect(failed).toMatchObject({ errorClass: 'refused', attempts: 2, statusCode: null, phases: { dnsMs: 3, connectMs: 5, tlsMs: 9, firstByteMs: 30, totalMs: 42 } });
  });

  it('answers invalid query parameters with problem+json naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/v1/monitors/api/uptime?window=1y', 'window'],
      ['/api/v1/monitors/api/uptime?window=24h&from=2026-03-01T00:00:00Z', 'window'],
      ['/api/v1/monitors/api/uptime?from=yesterday', 'from'],
      ['/api/v1/monitors/api/uptime?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'to'],
      ['/api/v1/monitors/api/uptime?to=2026-03-01T00:00:00Z', 'from'],
      ['/api/v1/monitors/api/daily?days=0', 'days'],
      ['/api/v1/monitors/api/checks?limit=abc', 'limit'],
      ['/api/v1/monitors/api/checks?cursor=bm9wZQ', 'cursor'],
      ['/api/v1/incidents?cursor=!!', 'cursor'],
    ];
    for (const [path, field] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as any;
      expect(body.errors.map((e: any) => e.field), path).toContain(field);
    }
    for (const path of ['/api/v1/monitors/nope', '/api/v1/monitors/nope/uptime', '/api/v1/components/nope/daily', '/api/v1/incidents/nope']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('lists incidents with updates, newest first, paginated', async () => {
    const first = await getJson('/api/v1/incidents?limit=1');
    expect(first.incidents.map((i: any) => i.id)).toEqual(['x-2025-03-10']);
    expect(first.incidents[0].updates[0]).toMatchObject({ status: 'resolved', approximate: true });
    const second = await getJson(`/api/v1/incidents?limit=1&cursor=${first.next}`);
    expect(second.incidents.map((i: any) => i.id)).toEqual(['x-2023-03-06']);
    expect(second.next).toBeNull();
    expect((await getJson('/api/v1/incidents/x-2023-03-06')).updates).toHaveLength(4);
  });

  it('pages through incidents that started at the same instant without skipping or repeating any', async () => {
    const at = new Date('2026-03-01T12:00:00Z');
    for (const id of ['tie-a', 'tie-b', 'tie-c']) {
      await insertIncident(db.sql, { id, title: id, status: 'resolved', impact: 'minor', startedAt: at, resolvedAt: at, components: [], updates: [] });
    }
    try {
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const page: any = await getJson(`/api/v1/incidents?limit=1${next ? `&cursor=${next}` : ''}`);
        seen.push(...page.incidents.map((i: any) => i.id));
        next = page.next;
      } while (next);
      expect(seen).toEqual(['tie-c', 'tie-b', 'tie-a', 'x-2025-03-10', 'x-2023-03-06']);
    } finally {
      await db.sql`delete from incidents where id like 'tie-%'`;
    }
  });

  it('gives every public GET an ETag and Cache-Control, answers 304 and HEAD, and leaves admin alone', async () => {
    for (const path of ['/api/v1/monitors', '/api/v1/components', '/api/v1/uptime?window=7d', '/api/v1/monitors/api/daily', '/api/v1/incidents', '/api/v1/openapi.json', '/api/v1/docs']) {
      const res = await get(path);
      const tag = res.headers.get('etag');
      expect(tag, path).toMatch(/^"/);
      expect(res.headers.get('cache-control'), path).toMatch(/max-age/);
      expect((await get(path, { headers: { 'if-none-match': tag! } })).status, path).toBe(304);
      const head = await get(path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
    const admin = await get('/api/v1/admin/tick', { method: 'POST' });
    expect(admin.status).toBe(401);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});

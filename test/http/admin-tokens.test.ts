// Named tokens and scopes on the admin API: read cannot write, incidents cannot manage endpoints or tokens, a revoked
// token stops at once, secrets are stored hashed and shown once, and every write is in the audit log by name. The
// whole database is compared before and after every refused request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { dbFingerprint } from '../helpers/db-fingerprint.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const BOOTSTRAP = 'bootstrap-admin-token-0123';
const READER = 'reader-token-from-config-0123';
const ONCALL = 'oncall-token-from-config-0123';
let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/', group: 'X' })], clock.now());
});
afterAll(() => db.drop());

const app = createAppForTest();
function createAppForTest() {
  return createApp({
    sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: BOOTSTRAP,
    configTokens: [{ name: 'reader', scope: 'read', secret: READER }, { name: 'oncall', scope: 'incidents', secret: ONCALL }],
    runTick: async () => ({ claimed: 0 }) as never,
  });
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await app.request(`/api/v1/admin${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), json: text ? JSON.parse(text) : null };
}

const ENDPOINT = { name: 'Hook', kind: 'webhook', url: 'https://hooks.example/x', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };

describe('named tokens and scopes', () => {
  it('lets a read token read and refuses its writes with 403, changing nothing', async () => {
    expect((await call(READER, 'GET', '/incidents')).status).toBe(200);
    const before = await dbFingerprint(db.sql);
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/incidents', { title: 'T', body: 'b' }], ['POST', '/maintenances', { title: 'M', scheduledFor: '2026-03-11T10:00:00Z', scheduledUntil: '2026-03-11T11:00:00Z' }],
      ['POST', '/alert-endpoints', ENDPOINT], ['POST', '/tokens', { name: 'x', scope: 'admin' }], ['POST', '/tick', undefined], ['DELETE', '/incidents/x', undefined],
    ];
    for (const [method, path, body] of writes) {
      const r = await call(READER, method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 403]);
      expect(r.type).toBe('application/problem+json');
      expect(r.json.detail).toContain('"reader"');
    }
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('lets an incidents token post incidents but not manage endpoints or tokens', async () => {
    const created = await call(ONCALL, 'POST', '/incidents', { title: 'API errors', body: 'Looking into it.' });
    expect(created.status).toBe(201);
    const update = await call(ONCALL, 'POST', `/incidents/${created.json.id}/updates`, { status: 'identified', body: 'Found it.' });
    expect(update.status).toBe(201);
    const authors = await db.sql`select author from incident_updates where incident_id = ${created.json.id} order by created_at, id`;
    expect(authors.map((a) => a.author)).toEqual(['oncall', 'oncall']);
    // Operators see the author; the public API does not.
    expect(update.json.updates.map((u: { author: string }) => u.author)).toEqual(['oncall', 'oncall']);
    const pub = await app.request(`/api/v1/incidents/${created.json.id}`);
    expect(pub.status).toBe(200);
    expect(await pub.text()).not.toContain('oncall');

    const before = await dbFingerprint(db.sql);
    for (const [method, path, body] of [['POST', '/alert-endpoints', ENDPOINT], ['GET', '/tokens', undefined], ['POST', '/tokens', { name: 'y', scope: 'read' }], ['POST', '/deliveries/1/redeliver', undefined]] as const) {
      expect((await call(ONCALL, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('shows a new token once, stores only its hash, and a revoked token stops working at once', async () => {
    const made = await call(BOOTSTRAP, 'POST', '/tokens', { name: 'deploy bot', scope: 'incidents' });
    expect(made.status).toBe(201);
    const secret = made.json.token as string;
    expect(secret).toMatch(/^lk_[\w-]{40,}$/);
    const stored = await db.sql`select * from api_tokens`;
    expect(JSON.stringify(stored)).not.toContain(secret);
    const listed = await call(BOOTSTRAP, 'GET', '/tokens');
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect(listed.json.tokens.map((t: { name: string }) => t.name).sort()).toEqual(['deploy bot', 'oncall', 'reader']);

    expect((await call(secret, 'GET', '/incidents')).status).toBe(200);
    const [used] = await db.sql`select last_used_at from api_tokens where name = 'deploy bot'`;
    expect(used!.last_used_at).toEqual(clock.now());
    expect((await call(BOOTSTRAP, 'POST', '/tokens', { name: 'deploy bot', scope: 'read' })).status).toBe(409);

    expect((await call(BOOTSTRAP, 'DELETE', `/tokens/${made.json.id}`)).status).toBe(204);
    const before = await dbFingerprint(db.sql);
    const refused = await call(secret, 'GET', '/incidents');
    expect(refused.status).toBe(401);
    expect((await call(secret, 'POST', '/incidents', { title: 'T', body: 'b' })).status).toBe(401);
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('leaves no trace of a write its handler refused (400, 404, 409, 422), audit log included', async () => {
    const before = await dbFingerprint(db.sql);
    const refused: Array<[string, string, unknown, number]> = [
      ['POST', '/incidents', { title: '' }, 400], ['POST', '/incidents/nope/updates', { status: 'identified', body: 'x' }, 404],
      ['POST', '/incidents', { title: 'T', body: 'b', components: [{ id: 'nope', status: 'major_outage' }] }, 422],
      ['POST', '/tokens', { name: 'oncall', scope: 'read' }, 409], ['DELETE', '/tokens/nope', undefined, 404],
    ];
    for (const [method, path, body, status] of refused) expect([method, path, (await call(BOOTSTRAP, method, path, body)).status]).toEqual([method, path, status]);
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('records every write with the name of its token in the audit log', async () => {
    const audit = await call(READER, 'GET', '/audit');
    expect(audit.status).toBe(200);
    const entries = (audit.json.entries as Array<{ tokenName: string; method: string; route: string; status: number; target: string | null }>).reverse();
    expect(entries.map((e) => [e.tokenName, e.method, e.route, e.status])).toEqual([
      ['oncall', 'POST', '/api/v1/admin/incidents', 201],
      ['oncall', 'POST', '/api/v1/admin/incidents/:id/updates', 201],
      ['LOOKOUT_ADMIN_TOKEN', 'POST', '/api/v1/admin/tokens', 201],
      ['LOOKOUT_ADMIN_TOKEN', 'DELETE', '/api/v1/admin/tokens/:id', 204],
    ]);
    expect(entries[0]!.target).toMatch(/^inc_/);
    expect(entries[3]!.target).toMatch(/^tok_/);
    const mine = await call(READER, 'GET', '/audit?token=oncall');
    expect(mine.json.entries).toHaveLength(2);
    expect((await call(READER, 'GET', '/audit?limit=0')).status).toBe(400);
  });

  it('writes nothing for an unchanged config on the next start, and takes a changed secret', async () => {
    const before = await dbFingerprint(db.sql);
    const again = createAppForTest();
    expect((await again.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${READER}` } })).status).toBe(200);
    expect(await dbFingerprint(db.sql)).toBe(before);
    const rotated = createApp({
      sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: BOOTSTRAP,
      configTokens: [{ name: 'reader', scope: 'read', secret: `${READER}-rotated` }, { name: 'oncall', scope: 'incidents', secret: ONCALL }], runTick: async () => ({}) as never,
    });
    expect((await rotated.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${READER}` } })).status).toBe(401);
    expect((await rotated.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${READER}-rotated` } })).status).toBe(200);
    // A config name that a console token holds is refused by name (the bootstrap token keeps working to fix it).
    const clash = createApp({
      sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: BOOTSTRAP,
      configTokens: [{ name: 'deploy bot', scope: 'read', secret: 'deploy-bot-from-config-0123' }], runTick: async () => ({}) as never,
    });
    const refused = await clash.request('/api/v1/admin/incidents', { headers: { authorization: 'Bearer deploy-bot-from-config-0123' } });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('config token \\"deploy bot\\"');
    expect((await clash.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${BOOTSTRAP}` } })).status).toBe(200);
  });

  it('takes config tokens away when the config no longer lists them', async () => {
    const fewer = createApp({
      sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: BOOTSTRAP,
      configTokens: [{ name: 'reader', scope: 'read', secret: READER }], runTick: async () => ({}) as never,
    });
    const r = await fewer.request('/api/v1/admin/incidents', { headers: { authorization: `Bearer ${ONCALL}` } });
    expect(r.status).toBe(401);
  });
});

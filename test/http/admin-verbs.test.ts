// The admin API's verbs end to end: backfilled and automatic incidents, status updates and their events,
// maintenance status by time, masked endpoints, the delivery log and redelivery to a local receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../src/alerts/sign.js';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReceiver, type Receiver } from '../helpers/receivers.js';
import { closedPort } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';
import { fakeClock } from '../helpers/tick.js';

const TOKEN = 'admin-token-for-tests-0123';
let db: TestDb;
let receiver: Receiver;
let failReceiver = true;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
let tick: Awaited<ReturnType<typeof wireAlerting>>['tick'];

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  receiver = await startReceiver(() => ({ status: failReceiver ? 500 : 204 }));
  const port = await closedPort();
  await syncMonitors(db.sql, [spec({ id: 'api', url: `http://127.0.0.1:${port}/`, group: 'X' })], clock.now());
  ({ tick } = await wireAlerting(db.sql, clock.now, [receiver.url], { retrySchedule: [0] }));
});
afterAll(async () => {
  await receiver.close();
  await db.drop();
});

const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: TOKEN, runTick: () => tick() });
async function call(method: string, path: string, body?: unknown) {
  const res = await app().request(`/api/v1/admin${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const outboxTypes = async () => (await db.sql`select type from alert_outbox order by created_at, id`).map((r) => r.type as string);

describe('admin API verbs', () => {
  it('backfills an incident with a past start, posts updates through to postmortem, queues an event for each', async () => {
    const created = await call('POST', '/incidents', {
      title: 'Logins failing', body: 'We are looking into failed logins.', impact: 'major', startedAt: '2026-03-10T14:00:00Z',
      components: [{ id: 'app-api', status: 'partial_outage' }],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: 'Logins failing', status: 'investigating', impact: 'major', origin: 'manual', startedAt: '2026-03-10T14:00:00.000Z', components: [{ id: 'app-api', status: 'partial_outage' }] });
    const id = created.json.id;
    for (const status of ['identified', 'monitoring', 'resolved', 'postmortem']) {
      const r = await call('POST', `/incidents/${id}/updates`, { status, body: `Now ${status}.`, components: [{ id: 'app-api', status: status === 'identified' ? 'major_outage' : 'operational' }] });
      expect(r.status).toBe(201);
      expect(r.json.status).toBe(status);
    }
    const final = await call('GET', `/incidents/${id}`);
    expect(final.json).toMatchObject({ status: 'postmortem', resolvedAt: '2026-03-10T15:00:00.000Z', monitoringAt: '2026-03-10T15:00:00.000Z' });
    expect(final.json.updates.map((u: { status: string }) => u.status)).toEqual(['postmortem', 'resolved', 'monitoring', 'identified', 'investigating']);
    expect(await outboxTypes()).toEqual(['incident.opened', 'incident.updated', 'incident.updated', 'incident.resolved', 'incident.updated']);
    const edited = await call('PATCH', `/incidents/${id}/updates/${final.json.updates[0].id}`, { body: 'Root cause: an expired certificate.' });
    expect(edited.json.updates[0].body).toBe('Root cause: an expired certificate.');
    expect((await call('DELETE', `/incidents/${id}`)).status).toBe(204);
    expect((await call('GET', `/incidents/${id}`)).status).toBe(404);
  });

  it('rewords an automatic incident; resolving it by hand does not reopen it while the monitor stays down', async () => {
    await tick();
    const [auto] = await db.sql`select id, title from incidents where origin = 'auto' and resolved_at is null`;
    expect(auto).toBeDefined();
    const r = await call('PATCH', `/incidents/${auto!.id}`, { title: 'X API unreachable', summary: 'Connections refused.' });
    expect(r.json).toMatchObject({ title: 'X API unreachable', summary: 'Connections refused.', origin: 'auto' });
    clock.advance(60_000);
    await tick();
    expect((await call('GET', `/incidents/${auto!.id}`)).json.title).toBe('X API unreachable');
    await call('POST', `/incidents/${auto!.id}/updates`, { status: 'resolved', body: 'Known issue, tracked elsewhere.' });
    clock.advance(60_000);
    await tick();
    expect(await db.sql`select count(*)::int as n from incidents where origin = 'auto'`).toEqual([{ n: 1 }]);
  });

  it('shows the delivery log with filters and redelivers a failed delivery with the same event', async () => {
    const failed = await call('GET', '/deliveries?state=failed&endpoint=hook-0');
    expect(failed.status).toBe(200);
    expect(failed.json.deliveries.length).toBeGreaterThan(0);
    expect(failed.json.deliveries.every((d: { state: string; endpointId: string }) => d.state === 'failed' && d.endpointId === 'hook-0')).toBe(true);
    const opened = await call('GET', '/deliveries?type=incident.opened');
    // The manual incident of the first test and the automatic one.
    expect(opened.json.deliveries.map((d: { eventType: string }) => d.eventType)).toEqual(['incident.opened', 'incident.opened']);
    const target = opened.json.deliveries[0];
    failReceiver = false;
    expect((await call('POST', `/deliveries/${target.id}/redeliver`)).status).toBe(202);
    expect((await call('GET', `/deliveries?event=${target.eventId}`)).json.deliveries[0]).toMatchObject({ state: 'pending', attempts: 1 });
    clock.advance(1_000);
    await tick();
    expect((await call('GET', `/deliveries?event=${target.eventId}`)).json.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 204 });
    const sent = receiver.received.filter((x) => x.json.id === target.eventId);
    expect(sent.length).toBe(2);
    expect(new Set(sent.map((x) => x.headers['webhook-id']))).toEqual(new Set([target.eventId]));
  });

  it('creates, lists (masked) and deletes alert endpoints', async () => {
    const secret = generateWebhookSecret();
    const hook = await call('POST', '/alert-endpoints', { name: 'Ops hook', kind: 'webhook', url: 'https://user:pw@hooks.example/lookout?token=abc', secret });
    expect(hook.status).toBe(201);
    const slack = await call('POST', '/alert-endpoints', { name: 'Slack', kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXSECRET', events: ['incident.opened'] });
    const list = await call('GET', '/alert-endpoints');
    const text = JSON.stringify(list.json);
    expect(text).not.toContain(secret.slice(6, 30));
    expect(text).not.toContain('XXXXXXXXSECRET');
    expect(text).not.toContain('pw@');
    expect(text).not.toContain('token=abc');
    const shown = list.json.endpoints.find((e: { id: string }) => e.id === hook.json.id);
    expect(shown).toMatchObject({ kind: 'webhook', url: 'https://hooks.example/lookout?…', origin: 'manual', disabledAt: null });
    expect(shown.secrets[0]).toMatch(/^whsec_…/);
    expect(list.json.endpoints.find((e: { id: string }) => e.id === 'hook-0')).toMatchObject({ origin: 'config', secrets: [{ env: 'HOOK_0' }] });
    expect((await call('DELETE', `/alert-endpoints/${slack.json.id}`)).status).toBe(204);
    expect((await call('GET', '/alert-endpoints')).json.endpoints.some((e: { id: string }) => e.id === slack.json.id)).toBe(false);
  });

  it('maintenance goes scheduled → in progress → completed by time, and can be edited and deleted', async () => {
    const start = new Date(clock.now().getTime() + 3600_000);
    const m = await call('POST', '/maintenances', { title: 'DB upgrade', body: 'Short read-only period.', scheduledFor: start.toISOString(), scheduledUntil: new Date(start.getTime() + 1800_000).toISOString(), componentIds: ['app-api'] });
    expect(m.status).toBe(201);
    expect(m.json).toMatchObject({ status: 'scheduled', componentIds: ['app-api'] });
    clock.advance(3600_000);
    expect((await call('GET', `/maintenances/${m.json.id}`)).json.status).toBe('in_progress');
    const edited = await call('PATCH', `/maintenances/${m.json.id}`, { title: 'Database upgrade' });
    expect(edited.json).toMatchObject({ title: 'Database upgrade', status: 'in_progress' });
    clock.advance(1800_000);
    expect((await call('GET', `/maintenances/${m.json.id}`)).json.status).toBe('completed');
    expect((await call('DELETE', `/maintenances/${m.json.id}`)).status).toBe(204);
    expect((await call('GET', `/maintenances/${m.json.id}`)).status).toBe(404);
  });
});

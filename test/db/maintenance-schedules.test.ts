// Recurring maintenance through the admin API and the tick, on a real database: a series is expanded into windows
// once each (one cancelled by hand is not made again), further windows come with the tick as time passes, a bad
// rule or zone is refused with the database unchanged, and cancelling the series removes only its future windows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { dbFingerprint } from '../helpers/db-fingerprint.js';
import { spec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const TOKEN = 'schedules-admin-token-0123';
let db: TestDb;
const clock = fakeClock(new Date('2026-10-20T14:00:00Z'));

beforeAll(async () => {
  db = await createTestDb(dbTargets()[1]!.url, { history: false });
  await syncMonitors(db.sql, [spec({ id: 'api', url: 'http://127.0.0.1:9/', group: 'X' })], clock.now());
});
afterAll(() => db.drop());

const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: TOKEN, runTick: async () => ({}) as never });
async function call(method: string, path: string, body?: unknown) {
  const res = await app().request(`/api/v1/admin${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
const windows = async () => (await db.sql<{ id: string; scheduled_for: Date }[]>`select id, scheduled_for from maintenances where schedule_id is not null order by scheduled_for`).map((r) => r.scheduled_for.toISOString().slice(0, 16));
const SERIES = { title: 'Weekly upgrade', rule: 'FREQ=WEEKLY;BYDAY=SU', timeZone: 'America/New_York', startsOn: '2026-10-01', localTime: '02:00', durationMinutes: 60, componentIds: ['app-api'] };

describe('recurring maintenance', () => {
  it('refuses a bad rule, zone or component naming the field, with the database unchanged', async () => {
    const before = await dbFingerprint(db.sql);
    for (const [over, status, field] of [
      [{ rule: 'FREQ=DAILY' }, 422, 'rule'], [{ rule: 'FREQ=WEEKLY;BYHOUR=2' }, 422, 'rule'], [{ timeZone: 'Moon/Base' }, 422, 'timeZone'],
      [{ componentIds: ['nope'] }, 422, 'componentIds.0'], [{ localTime: '2am' }, 400, 'localTime'], [{ durationMinutes: 0 }, 400, 'durationMinutes'], [{ extra: 1 }, 400, '(body)'],
    ] as const) {
      const r = await call('POST', '/maintenance-schedules', { ...SERIES, ...over });
      expect([JSON.stringify(over), r.status]).toEqual([JSON.stringify(over), status]);
      expect(JSON.stringify(r.json.errors)).toContain(field);
    }
    expect(await dbFingerprint(db.sql)).toBe(before);
  });

  it('expands a series into its windows once each, and further as the tick moves on', async () => {
    const made = await call('POST', '/maintenance-schedules', SERIES);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ rule: 'FREQ=WEEKLY;BYDAY=SU', timeZone: 'America/New_York' });
    expect(await windows()).toEqual(['2026-10-25T06:00', '2026-11-01T07:00', '2026-11-08T07:00', '2026-11-15T07:00', '2026-11-22T07:00']);
    const listed = await call('GET', '/maintenances');
    expect(listed.json.maintenances.filter((m: { title: string }) => m.title === 'Weekly upgrade')).toHaveLength(5);

    // An operator cancels one window; the tick does not bring it back.
    expect((await call('DELETE', '/maintenances/' + (await db.sql`select id from maintenances where scheduled_for = '2026-11-08T07:00Z'`)[0]!.id)).status).toBe(204);
    await runTick(db.sql, clock.now);
    clock.advance(14 * 86400_000);
    await runTick(db.sql, clock.now);
    await runTick(db.sql, clock.now);
    expect(await windows()).toEqual(['2026-10-25T06:00', '2026-11-01T07:00', '2026-11-15T07:00', '2026-11-22T07:00', '2026-11-29T07:00', '2026-12-06T07:00']);
  });

  it('cancelling the series removes its windows still to come and keeps the past ones', async () => {
    const [series] = await db.sql`select id from maintenance_schedules`;
    // Now 3 November 14:00 UTC: 25 October and 1 November are past.
    expect((await call('DELETE', `/maintenance-schedules/${series!.id}`)).status).toBe(204);
    expect(await windows()).toEqual(['2026-10-25T06:00', '2026-11-01T07:00']);
    clock.advance(30 * 86400_000);
    await runTick(db.sql, clock.now);
    expect(await windows()).toEqual(['2026-10-25T06:00', '2026-11-01T07:00']);
    expect((await call('DELETE', `/maintenance-schedules/${series!.id}`)).status).toBe(404);
    const audit = await call('GET', '/audit');
    expect(audit.json.entries.map((e: { route: string }) => e.route)).toContain('/api/v1/admin/maintenance-schedules/:id');
  });
});

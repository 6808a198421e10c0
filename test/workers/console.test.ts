// The console inside workerd: sign in (the bootstrap token and a config token read from the Worker's secrets), post
// an incident and an update through the forms, with the session cookie Secure over HTTPS and the CSRF check on.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandRecurrence } from '../../src/core/recurrence.js';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { signIn } from '../helpers/console-client.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const ORIGIN = 'https://lookout.example';
const ADMIN = 'workers-admin-token-0123456789';
const ONCALL = 'workers-oncall-token-0123456789';
let db: WorkersTestDb;
let testEnv: WorkerEnv;

async function fetcher(req: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req as Request<unknown, IncomingRequestCfProperties>, testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

beforeAll(async () => {
  db = await createWorkersTestDb();
  const config = { monitors: [], tokens: [{ name: 'oncall', scope: 'incidents', token: { env: 'ONCALL_TOKEN' } }] };
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_ADMIN_TOKEN: ADMIN, LOOKOUT_CONFIG_JSON: JSON.stringify(config), ONCALL_TOKEN: ONCALL } as WorkerEnv;
});
afterAll(async () => {
  await db.drop();
});

describe('the console on Workers', () => {
  it('signs in and posts an incident update', async () => {
    const anonymous = await fetcher(new Request(`${ORIGIN}/admin`, { redirect: 'manual' }));
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/admin/login']);

    const { client, res } = await signIn(fetcher, ONCALL, ORIGIN);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lookout_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);

    const csrf = await client.csrf('/admin/incidents');
    const created = await client.post('/admin/incidents', { _csrf: csrf, title: 'Workers incident', status: 'investigating', impact: 'minor', body: 'Looking into it.' });
    expect(created.status).toBe(303);
    const path = created.headers.get('location')!;
    expect(path).toMatch(/^\/admin\/incidents\/inc_/);
    const id = path.split('/').pop()!;

    expect((await client.post(`${path}/updates`, { status: 'identified', body: 'Found it.' })).status).toBe(403);
    const updated = await client.post(`${path}/updates`, { _csrf: csrf, status: 'identified', body: 'Found it.' });
    expect([updated.status, updated.headers.get('location')]).toEqual([303, path]);

    const page = await (await client.get(path)).text();
    expect(page).toContain('Found it.');
    expect(page).toContain('by <strong>oncall</strong>');
    const rows = await db.sql`select status, body, author from incident_updates where incident_id = ${id} order by created_at, id`;
    expect(rows.map((r) => [r.status, r.author])).toEqual([['investigating', 'oncall'], ['identified', 'oncall']]);
    const audit = await db.sql`select token_name, route from audit_log where via = 'console' order by id`;
    expect(audit.map((a) => [a.token_name, a.route])).toEqual([['oncall', '/admin/login'], ['oncall', '/admin/incidents'], ['oncall', '/admin/incidents/:id/updates']]);
  });

  it('rrule and luxon give the same DST-correct windows inside workerd', () => {
    const got = expandRecurrence({ rule: 'FREQ=WEEKLY;BYDAY=SU', timeZone: 'America/New_York', startsOn: '2026-10-01', localTime: '02:00', durationMinutes: 60 }, new Date('2026-10-20T00:00Z'), new Date('2026-11-09T00:00Z'));
    expect(got.map((o) => o.start.toISOString())).toEqual(['2026-10-25T06:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-08T07:00:00.000Z']);
  });

  it('creates a recurring window through the form; its windows start Sundays 02:00 New York time', async () => {
    const { client } = await signIn(fetcher, ONCALL, ORIGIN);
    const csrf = await client.csrf('/admin/maintenance');
    // A start day in the past: the series' windows from now on are written, each at 02:00 New York time.
    const made = await client.post('/admin/maintenance/schedules', {
      _csrf: csrf, title: 'Sunday upgrade', freq: 'weekly', interval: '1', weekdays: 'SU', timeZone: 'America/New_York', startsOn: '2026-01-01', localTime: '02:00', durationMinutes: '30',
    });
    expect([made.status, made.headers.get('location')]).toEqual([303, '/admin/maintenance']);
    const rows = await db.sql<{ scheduled_for: Date }[]>`select scheduled_for from maintenances where schedule_id is not null order by scheduled_for`;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const local = (d: Date) => new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).format(d);
    // Every window starts on a Sunday at 02:00 local, whatever the season (06:00 or 07:00 UTC).
    for (const r of rows) {
      expect(local(r.scheduled_for)).toBe('Sun, 02');
      expect([6, 7]).toContain(r.scheduled_for.getUTCHours());
    }
  });

  it('accepts the bootstrap token, and refuses an incidents token the tokens page', async () => {
    const admin = await signIn(fetcher, ADMIN, ORIGIN);
    expect((await admin.client.get('/admin/tokens')).status).toBe(200);
    const oncall = await signIn(fetcher, ONCALL, ORIGIN);
    expect((await oncall.client.get('/admin/tokens')).status).toBe(403);
  });
});

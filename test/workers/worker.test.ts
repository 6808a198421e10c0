// The Worker's two handlers inside workerd, against a database of this file's own on the real Postgres and a real
// local target: the monitoring loop end to end as Cloudflare would run it.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const ADMIN_TOKEN = 'workers-admin-token-0123456789';
const config = {
  page: { title: 'Workers test' },
  monitors: [
    { id: 'w-up', name: 'Up', component: 'App (API)', url: `${target}/ok`, retryDelay: 0 },
    { id: 'w-fail', name: 'Failing', component: 'Website', url: `${target}/fail`, retryDelay: 0, timeoutMs: 2000 },
    { id: 'w-secret', name: 'With a secret header', component: 'App (API)', url: `${target}/auth`, headers: { authorization: { env: 'PROBE_AUTH' } } },
  ],
};
let db: WorkersTestDb;
let testEnv: WorkerEnv & { PROBE_AUTH: string };
beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = {
    ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config), LOOKOUT_ADMIN_TOKEN: ADMIN_TOKEN,
    PROBE_AUTH: 'Bearer probe-secret', // a Worker secret named by the config, read by the prober only
  };
});
afterAll(async () => {
  await db.drop();
});

async function runScheduled(e: WorkerEnv): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), e, ctx);
  await waitOnExecutionContext(ctx);
}

async function request(path: string, e: WorkerEnv, init?: { method?: string; headers?: Record<string, string> }): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`https://lookout.example${path}`, init), e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('scheduled()', () => {
  it('syncs the config and records one check per monitor with its verdict', async () => {
    await runScheduled(testEnv);
    const checks = await db.sql<{ monitor_id: string; verdict: string; status_code: number | null; error_class: string | null; attempts: number }[]>`
      select monitor_id, verdict, status_code, error_class, attempts from checks order by monitor_id`;
    expect(checks).toEqual([
      { monitor_id: 'w-fail', verdict: 'down', status_code: 500, error_class: 'http_status', attempts: 2 },
      { monitor_id: 'w-secret', verdict: 'up', status_code: 200, error_class: null, attempts: 1 },
      { monitor_id: 'w-up', verdict: 'up', status_code: 200, error_class: null, attempts: 1 },
    ]);
    const states = await db.sql<{ monitor_id: string; status: string }[]>`select monitor_id, status from monitor_state order by monitor_id`;
    expect(states).toEqual([{ monitor_id: 'w-fail', status: 'down' }, { monitor_id: 'w-secret', status: 'up' }, { monitor_id: 'w-up', status: 'up' }]);
    // This config names no history: none of X's incidents.
    expect(await db.sql`select count(*)::int as n from incidents where origin = 'imported'`).toEqual([{ n: 0 }]);
  });

  it('probes nothing again before the monitors are due', async () => {
    await runScheduled(testEnv);
    expect(await db.sql`select count(*)::int as n from checks`).toEqual([{ n: 3 }]);
  });

  it('rejects an invalid LOOKOUT_CONFIG_JSON, naming the monitor and the field', async () => {
    const bad = JSON.stringify({ monitors: [{ ...config.monitors[0], timeoutMs: 5 }] });
    await expect(runScheduled({ ...testEnv, LOOKOUT_CONFIG_JSON: bad })).rejects.toThrow(/monitor "w-up" field "timeoutMs"/);
  });

  it('rejects a history file the Worker does not bundle, naming it', async () => {
    const other = JSON.stringify({ ...config, history: ['history/elsewhere.json'] });
    await expect(runScheduled({ ...testEnv, LOOKOUT_CONFIG_JSON: other })).rejects.toThrow(/history\.0: "history\/elsewhere\.json" is not bundled/);
  });
});

describe('fetch()', () => {
  it('answers /healthz', async () => {
    const res = await request('/healthz', testEnv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('lists the recorded monitors in /api/v1/monitors', async () => {
    const res = await request('/api/v1/monitors', testEnv);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { monitors: Array<Record<string, unknown>> };
    expect(body.monitors).toMatchObject([
      { id: 'w-up', status: 'up', lastCheck: { ok: true, statusCode: 200, error: null }, uptime: { '24h': 1 } },
      { id: 'w-secret', status: 'up' },
      { id: 'w-fail', status: 'down', lastCheck: { ok: false, statusCode: 500 }, uptime: { '24h': 0 } },
    ]);
  });

  it('runs the admin tick only with the token', async () => {
    expect((await request('/api/v1/admin/tick', testEnv, { method: 'POST' })).status).toBe(401);
    const res = await request('/api/v1/admin/tick', testEnv, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ claimed: 0, recorded: 0 });
  });

  it('prefers a Hyperdrive binding over DATABASE_URL, in scheduled() and fetch()', async () => {
    // TEST_HYPERDRIVE leads to a database of its own (globalSetup), so nothing above is seen through it.
    const HYPERDRIVE = (env as unknown as { TEST_HYPERDRIVE: Hyperdrive }).TEST_HYPERDRIVE;
    const viaHyperdrive = { ...testEnv, HYPERDRIVE, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
    await runScheduled(viaHyperdrive);
    const res = await request('/api/v1/monitors', viaHyperdrive);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { monitors: Array<{ id: string; status: string }> };
    expect(body.monitors.map((m) => [m.id, m.status])).toEqual([['w-up', 'up'], ['w-secret', 'up'], ['w-fail', 'down']]);
  });

  it('answers 503 problem+json when no database is configured', async () => {
    const res = await request('/api/v1/monitors', { ...testEnv, DATABASE_URL: undefined });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves public/ through the assets binding', async () => {
    const res = await env.ASSETS.fetch('https://lookout.example/robots.txt');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('User-agent');
  });
});

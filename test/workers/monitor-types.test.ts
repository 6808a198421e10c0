// Every monitor type through the Worker inside workerd: scheduled() probes http, tcp (connect()) and dns (DNS over
// HTTPS to a local endpoint) and judges a heartbeat; the beat route records beats and answers 404 to a wrong token.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const TOKEN = 'workers-beat-token-0123456789';
const config = {
  monitors: [
    { id: 't-http', name: 'HTTP', component: 'App (API)', url: `${target}/ok`, retryDelay: 0 },
    { id: 't-tcp', name: 'TCP', component: 'Mail', type: 'tcp', host: '127.0.0.1', port: inject('workersTcpPort'), send: 'PING\r\n', expect: '+PONG', retryDelay: 0 },
    { id: 't-tcp-closed', name: 'TCP closed', component: 'Mail', type: 'tcp', host: '127.0.0.1', port: inject('workersClosedPort'), retryDelay: 0 },
    { id: 't-dns', name: 'DNS', component: 'DNS', type: 'dns', dns: { name: 'app.test', recordType: 'A', resolver: `${target}/dns-query`, expect: { contains: '192.0.2.10' } }, retryDelay: 0 },
    { id: 't-beat', name: 'Backup', component: 'Jobs', type: 'heartbeat', period: 3600, grace: 60, token: { env: 'BEAT_TOKEN' } },
  ],
};
let db: WorkersTestDb;
let testEnv: WorkerEnv & { BEAT_TOKEN: string };
beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config), BEAT_TOKEN: TOKEN };
});
afterAll(() => db.drop());

async function request(path: string, init?: { method?: string; body?: string }): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`https://lookout.example${path}`, init), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('monitor types in the Worker', () => {
  it('scheduled() records a check per type with its verdict', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const checks = await db.sql<{ monitor_id: string; verdict: string; error_class: string | null }[]>`
      select distinct on (monitor_id) monitor_id, verdict, error_class from checks order by monitor_id, at desc`;
    expect(checks).toEqual([
      { monitor_id: 't-beat', verdict: 'up', error_class: null }, // just added: within period + grace
      { monitor_id: 't-dns', verdict: 'up', error_class: null },
      { monitor_id: 't-http', verdict: 'up', error_class: null },
      { monitor_id: 't-tcp', verdict: 'up', error_class: null },
      { monitor_id: 't-tcp-closed', verdict: 'down', error_class: 'refused' },
    ]);
  });

  it('records beats (GET, POST, /fail) and answers a wrong token 404', async () => {
    expect((await request(`/api/v1/heartbeats/${TOKEN}`)).status).toBe(200);
    expect((await request(`/api/v1/heartbeats/${TOKEN}/fail`, { method: 'POST', body: 'exit 1' })).status).toBe(200);
    const [row] = await db.sql<{ value: { failed: boolean; message: string } }[]>`select value from meta where key = 'heartbeat:t-beat'`;
    expect(row?.value).toMatchObject({ failed: true, message: 'exit 1' });
    const wrong = await request('/api/v1/heartbeats/not-the-token-0123456789');
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain(TOKEN);
  });
});

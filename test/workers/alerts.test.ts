// Alerting inside workerd: Web Crypto signing, and scheduled() confirming an outage and delivering signed
// Standard Webhooks events to a local receiver in the same invocation.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { signStandardWebhook } from '../../src/alerts/sign.js';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let db: WorkersTestDb;
beforeAll(async () => {
  db = await createWorkersTestDb();
});
afterAll(async () => {
  await db.drop();
});

describe('alerts in workerd', () => {
  it('signs the Standard Webhooks test vector with Web Crypto', async () => {
    expect(await signStandardWebhook(SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('scheduled() confirms an outage and delivers monitor.down and incident.opened, signed', async () => {
    const config = {
      monitors: [{ id: 'alert-fail', name: 'Failing', component: 'Website', url: `${target}/fail`, retryDelay: 0, timeoutMs: 2000 }],
      alerts: { endpoints: [{ id: 'hook', kind: 'webhook', url: `${target}/hook`, secret: { env: 'HOOK_SECRET' } }] },
    };
    const e = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config), HOOK_SECRET: SECRET } as WorkerEnv;
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), e, ctx);
    await waitOnExecutionContext(ctx);
    const hooks = (await (await fetch(`${target}/hook-log`)).json()) as Array<{ headers: Record<string, string>; body: string }>;
    const mine = hooks.filter((h) => h.body.includes('alert-fail') || h.body.includes('"serviceKey":"website"'));
    expect(mine.map((h) => JSON.parse(h.body).type)).toEqual(['monitor.down', 'incident.opened']);
    for (const h of mine) {
      expect(new Webhook(SECRET).verify(h.body, h.headers)).toEqual(JSON.parse(h.body));
      expect(h.headers['webhook-id']).toBe(JSON.parse(h.body).id);
    }
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from alert_deliveries where state = 'delivered'`;
    expect(row!.n).toBe(2);
  });
});

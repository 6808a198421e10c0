// Issue 14: fan-out through Queues, inside workerd. scheduled() with the PROBE_QUEUE binding plans; miniflare delivers
// the messages to queue(), which probes a local target and records into the database the Worker's own DATABASE_URL
// binding names (vitest.config.ts). The consumer's limits are counted by the target and by Postgres itself.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { syncAlertEndpoints } from '../../src/alerts/create.js';
import { connectDb, type DbHandle } from '../../src/db/client.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { silentLog } from '../../src/log.js';
import { planTick, type ProbeMessage } from '../../src/scheduler/plan.js';
import worker from '../../src/worker.js';
import { readWorkerSettings, type WorkerEnv } from '../../src/worker-env.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let db: DbHandle;
beforeAll(() => {
  db = connectDb(inject('workersQueueDbUrl'), { workers: true, max: 1 });
});
afterAll(async () => {
  await db.close();
});

const stats = async (key: string) => (await (await fetch(`${target}/count-stats/${key}`)).json()) as { hits: Record<string, number>; maxOpen: number };
const monitors = (key: string, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => ({ id: `${key}-${i}`, name: `${key} ${i}`, component: `${key} part ${i % 10}`, url: `${target}/count/${key}/${key}-${i}`, retryDelay: 0, ...extra }));
const envWith = (config: object, more: Record<string, string> = {}): WorkerEnv => ({ ...env, LOOKOUT_CONFIG_JSON: JSON.stringify(config), ...more });

async function scheduled(e: WorkerEnv): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), e, ctx);
  await waitOnExecutionContext(ctx);
}

async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const checksOf = async (prefix: string) =>
  db.sql<{ monitor_id: string; n: number }[]>`select monitor_id, count(*)::int as n from checks where starts_with(monitor_id, ${prefix}) group by monitor_id`;

/** Plan into a list instead of the queue, so a test hands the messages to queue() itself. */
async function planned(owner: string): Promise<ProbeMessage[]> {
  const sent: ProbeMessage[] = [];
  const report = await planTick({ sql: db.sql, clock: () => new Date(), log: silentLog, owner, monitorsPerMessage: 20, consumerConcurrency: 5, spreadSeconds: 0, send: async (m) => void sent.push(...m.map((x) => x.body)) });
  expect(report.error).toBeUndefined();
  return sent;
}

async function consume(e: WorkerEnv, bodies: ProbeMessage[], ids: string[]) {
  const batch = createMessageBatch<ProbeMessage>('lookout-probes', bodies.map((body, i) => ({ id: ids[i]!, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch, e, ctx);
  return getQueueResult(batch, ctx);
}

describe('fan-out through Queues', () => {
  it('1,000 monitors against a local target are each probed exactly once for one cron minute, and the page shows them', { timeout: 150_000 }, async () => {
    const config = { page: { title: 'Queued' }, monitors: monitors('q1', 1000) };
    const started = Date.now();
    await scheduled(envWith(config));
    const checks = await until('1,000 checks', () => checksOf('q1-'), (rows) => rows.length === 1000);
    const elapsed = Date.now() - started;
    expect(checks.every((r) => r.n === 1)).toBe(true);
    // Give any stray redelivery time to show itself, then count at the target: one request per monitor.
    await new Promise((r) => setTimeout(r, 3000));
    const { hits } = await stats('q1');
    expect(Object.keys(hits)).toHaveLength(1000);
    expect(Object.values(hits).every((n) => n === 1)).toBe(true);
    expect((await checksOf('q1-')).every((r) => r.n === 1)).toBe(true);
    // The spread (3 s here) was honoured: not everything landed at once, and all within the minute.
    expect(elapsed).toBeGreaterThan(2000);
    expect(elapsed).toBeLessThan(60_000);
    // The next minute's scheduled() finds nothing due and publishes what the consumers recorded.
    await scheduled(envWith(config));
    const [{ newest }] = await db.sql<[{ newest: Date }]>`select max(last_check_at) as newest from monitor_state where starts_with(monitor_id, 'q1-')`;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>('https://lookout.example/'), envWith(config), ctx);
    const html = await res.text();
    await waitOnExecutionContext(ctx);
    expect(html).toContain(`as of <time datetime="${newest.toISOString()}">`);
    expect(html).toContain('q1 part 9');
    expect((await stats('q1')).hits['q1-0']).toBe(1);
  });

  it('a message delivered twice — at once and again later — records each check once and sends each alert once', async () => {
    const config = {
      monitors: [...monitors('q2', 3), { id: 'q2-down', name: 'q2 down', component: 'q2 down part', url: `${target}/fail`, retryDelay: 0, failuresBeforeDown: 1 }],
      alerts: { endpoints: [{ id: 'q2-hook', kind: 'webhook', url: `${target}/hook`, secret: { env: 'HOOK_SECRET' } }] },
    };
    const e = envWith(config, { HOOK_SECRET: SECRET });
    const settings = readWorkerSettings(e);
    await syncMonitors(db.sql, settings.specs, new Date());
    await syncAlertEndpoints(db.sql, settings.config.alerts, new Date());
    const [message] = await planned('q2-planner');
    expect(message!.claims.map((c) => c.monitorId).sort()).toEqual(['q2-0', 'q2-1', 'q2-2', 'q2-down']);
    const results = await Promise.all([consume(e, [message!], ['m1']), consume(e, [message!], ['m1-again'])]);
    const later = await consume(e, [message!], ['m1-later']);
    for (const r of [...results, later]) expect(r).toMatchObject({ retryBatch: { retry: false }, retryMessages: [] });
    expect([...results, later].flatMap((r) => r.explicitAcks).sort()).toEqual(['m1', 'm1-again', 'm1-later']);

    expect((await checksOf('q2-')).map((r) => [r.monitor_id, r.n]).sort()).toEqual([['q2-0', 1], ['q2-1', 1], ['q2-2', 1], ['q2-down', 1]]);
    const [state] = await db.sql<[{ total: number; status: string }]>`select checks_total as total, status from monitor_state where monitor_id = 'q2-down'`;
    expect(state).toEqual({ total: 1, status: 'down' });
    const hooks = (await (await fetch(`${target}/hook-log`)).json()) as Array<{ body: string }>;
    const downs = hooks.map((h) => JSON.parse(h.body)).filter((b) => b.type === 'monitor.down' && JSON.stringify(b).includes('q2-down'));
    expect(downs).toHaveLength(1);
  });

  it('a consumer invocation never has more than 6 requests waiting: 5 at the target, 1 at the database', { timeout: 60_000 }, async () => {
    const config = { monitors: monitors('q4', 60, { url: undefined }).map((m) => ({ ...m, url: `${target}/count/q4/${m.id}?ms=100` })) };
    const e = envWith(config);
    await syncMonitors(db.sql, readWorkerSettings(e).specs, new Date());
    const messages = await planned('q4-planner');
    expect(messages).toHaveLength(3);
    let dbPeak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        // Connections to this database other than the sampler's own: the consumer's.
        const [row] = await db.sql<[{ n: number }]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
        dbPeak = Math.max(dbPeak, row.n);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const result = await consume(e, messages, ['b1', 'b2', 'b3']);
    sampling = false;
    await sampler;
    expect(result.explicitAcks.sort()).toEqual(['b1', 'b2', 'b3']);
    const { hits, maxOpen } = await stats('q4');
    expect(Object.keys(hits)).toHaveLength(60);
    expect(maxOpen).toBe(5);
    expect(dbPeak).toBeGreaterThanOrEqual(1);
    expect(dbPeak).toBeLessThanOrEqual(1);
    expect(maxOpen + dbPeak).toBeLessThanOrEqual(6);
  });

  it('a message that cannot be recorded is retried, then dead-lettered and its claims released, with nothing partial written', { timeout: 120_000 }, async () => {
    // The test's hook is in the database, not in the Worker: recording rollups of these monitors fails, after the
    // checks were inserted in the same transaction.
    await db.sql.unsafe(`create or replace function q3_refuse() returns trigger language plpgsql as $$
      begin if starts_with(new.monitor_id, 'q3-') then raise exception 'q3 refused (test hook)'; end if; return new; end $$`);
    await db.sql.unsafe(`create trigger q3_refuse before insert on rollups_hourly for each row execute function q3_refuse()`);
    const config = { monitors: monitors('q3', 5) };
    await scheduled(envWith(config));
    // 1 delivery + 2 retries (vitest.config.ts), then the dead-letter consumer gives the claims back.
    await until('the dead-letter queue to release the claims', async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from monitor_state where starts_with(monitor_id, 'q3-') and lease_owner is null`)[0]!.n, (n) => n === 5);
    const { hits } = await stats('q3');
    expect(hits).toEqual(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`q3-${i}`, 3])));
    expect(await checksOf('q3-')).toEqual([]);
    const [left] = await db.sql<[{ rollups: number; counted: number; events: number }]>`select
      (select count(*)::int from rollups_daily where starts_with(monitor_id, 'q3-')) as rollups,
      (select coalesce(sum(checks_total), 0)::int from monitor_state where starts_with(monitor_id, 'q3-')) as counted,
      (select count(*)::int from alert_outbox where payload::text like '%q3-%') as events`;
    expect(left).toEqual({ rollups: 0, counted: 0, events: 0 });
    // Released means due at once: the next planner probes them.
    const [due] = await db.sql<[{ n: number }]>`select count(*)::int as n from monitor_state where starts_with(monitor_id, 'q3-') and next_check_at <= now()`;
    expect(due.n).toBe(5);
  });
});

// Workers fan-out through Queues: scheduled() plans (claims every due monitor, sends messages spread over the
// minute), queue() consumes (probes ≤ 6 connections at once, records each message in one transaction) and handles
// the dead-letter queue. Both share the tick's steps (src/scheduler/steps.ts); nothing here is a copy of them.
import { expandSchedules } from './db/schedule-store.js';
import { createAlertingDeps } from './alerts/create.js';
import { connectDb } from './db/client.js';
import { releaseClaims } from './db/tick-store.js';
import { syncMonitorsIfChanged } from './db/sync-config-if-changed.js';
import { syncAlertEndpointsIfChanged } from './alerts/create.js';
import { createWorkerProbe } from './probe/worker-probe.js';
import type { Probe } from './probe/types.js';
import { consumeMessage } from './scheduler/consume.js';
import { createLimiter } from './scheduler/limiter.js';
import { planTick, type PlanReport, type ProbeMessage } from './scheduler/plan.js';
import { deliverDue } from './scheduler/steps.js';
import { log } from './worker-app.js';
import { lookupVar, type WorkerEnv, type WorkerSettings } from './worker-env.js';

/** The dead-letter queue's name, as wrangler.toml declares it. */
const DEAD_LETTER_QUEUE = 'lookout-probes-dlq';
/** Monitors per message: 20 × ~70 bytes of ids and slots; one message is one consumer transaction. */
const MONITORS_PER_MESSAGE = 20;
/**
 * A consumer invocation may wait on 6 connections: 1 to Postgres (its whole share: it queries only between the
 * probes, never beside them) and 5 probes or deliveries, counted by one limiter.
 */
const CONSUMER_DB_CONNECTIONS = 1;
const CONSUMER_HTTP_SLOTS = 5;

const clock = () => new Date();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The cron invocation with a queue: sync the config if it changed, then plan the minute. */
export async function runPlan(sql: Parameters<typeof planTick>[0]['sql'], settings: WorkerSettings, env: WorkerEnv, queue: Queue<ProbeMessage>): Promise<PlanReport> {
  const synced = await syncMonitorsIfChanged(sql, settings.specs, new Date(), settings.history);
  if (synced) log('info', 'config synced', { ...synced });
  await syncAlertEndpointsIfChanged(sql, settings.config.alerts, new Date());
  // Recurring maintenance, as tick() does on the single-invocation path.
  await expandSchedules(sql, new Date());
  const { deliverAlerts } = createAlertingDeps({ sql, config: settings.config.alerts, clock, log, env: (name) => lookupVar(env, name), concurrency: 4 });
  return planTick({
    sql, clock, log, owner: `planner-${crypto.randomUUID()}`, deliverAlerts, retentionDays: settings.retentionDays,
    send: async (messages) => void (await queue.sendBatch(messages.map((m) => ({ body: m.body, delaySeconds: m.delaySeconds, contentType: 'json' as const })))),
    monitorsPerMessage: MONITORS_PER_MESSAGE, consumerConcurrency: CONSUMER_HTTP_SLOTS, spreadSeconds: settings.queueSpreadSeconds,
  });
}

/**
 * One consumer invocation. Each message is acknowledged once its monitors are recorded — a failed probe is a result —
 * and retried only when it could not be read or recorded (its transaction rolled back: nothing partial stays).
 */
export async function consumeBatch(batch: MessageBatch<ProbeMessage>, settings: WorkerSettings, env: WorkerEnv): Promise<void> {
  const db = connectDb(settings.databaseUrl, { workers: true, max: CONSUMER_DB_CONNECTIONS });
  try {
    if (batch.queue === DEAD_LETTER_QUEUE) return await releaseDeadLetters(db.sql, batch);
    const limit = createLimiter(CONSUMER_HTTP_SLOTS);
    const fetchProbe = createWorkerProbe({ env: (name) => lookupVar(env, name) });
    // The slot is held for the whole probe (body read included), so the target never sees more than the budget.
    const probe: Probe = Object.assign((spec: Parameters<Probe>[0]) => limit(() => fetchProbe(spec)), { redact: fetchProbe.redact });
    const limitedFetch: typeof fetch = (input, init) => limit(() => fetch(input, init));
    const deps = {
      sql: db.sql, probe, clock, sleep, log, concurrency: CONSUMER_HTTP_SLOTS,
      ...createAlertingDeps({ sql: db.sql, config: settings.config.alerts, clock, log, env: (name) => lookupVar(env, name), fetch: limitedFetch, concurrency: CONSUMER_HTTP_SLOTS }),
    };
    for (const message of batch.messages) {
      try {
        const report = await consumeMessage(deps, message.body);
        message.ack();
        log('info', 'probe message consumed', { message: message.id, attempts: message.attempts, ...report });
      } catch (err) {
        log('error', 'probe message not recorded; retrying', { message: message.id, attempts: message.attempts, monitors: message.body.claims.map((c) => c.monitorId), error: (err as Error).message });
        message.retry();
      }
    }
    await deliverDue(deps);
  } finally {
    await db.close();
  }
}

/** Dead-lettered messages are logged, and their claims released so the next planner probes those monitors at once. */
async function releaseDeadLetters(sql: Parameters<typeof releaseClaims>[0], batch: MessageBatch<ProbeMessage>): Promise<void> {
  for (const message of batch.messages) {
    const monitors = message.body.claims.map((c) => c.monitorId);
    log('error', 'probe message dead-lettered: its checks were not recorded', { message: message.id, owner: message.body.owner, monitors });
    try {
      await releaseClaims(sql, message.body.owner, new Date(), monitors);
      message.ack();
    } catch (err) {
      log('error', 'dead-lettered claims not released; retrying', { message: message.id, error: (err as Error).message });
      message.retry();
    }
  }
}

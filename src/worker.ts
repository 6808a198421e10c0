// Workers entry point: deps built per invocation (one small Postgres client, closed at the end), the same Hono
// app and the same tick() as Node. The database is migrated from Node or CI (npm run db:migrate), never here.
import { createAlertingDeps, syncAlertEndpointsIfChanged } from './alerts/create.js';
import { syncMonitorsIfChanged } from './db/sync-config-if-changed.js';
import { connectDb, type DbHandle } from './db/client.js';
import { createApp } from './http/app.js';
import { jsonLog } from './log.js';
import { createFetchProbe } from './probe/fetch-probe.js';
import { tick, type TickReport } from './scheduler/tick.js';
import { buildSnapshot } from './snapshot/build.js';
import { SnapshotCache } from './snapshot/cache.js';
import { cacheApiSnapshotStore, type CacheLike } from './snapshot/store.js';
import { lookupVar, readWorkerSettings, type WorkerEnv, type WorkerSettings } from './worker-env.js';

const log = jsonLog();
// A Worker invocation may hold 6 connections at once: up to 2 to Postgres (a transaction plus one query beside
// it) and 4 probes. More would queue inside the runtime and inflate the measured latencies.
const DB_CONNECTIONS = 2;
const PROBE_CONCURRENCY = 4;
// Monitors one invocation claims; the rest stay due and are taken by the next minute's invocation (invocations
// overlap, leases keep them apart). Bound: 80 / 4 in flight × ~25 s for a failing monitor (10 s timeout, a re-probe
// 5 s later) ≈ 8 min, inside a Cron Trigger's 15-minute limit; the lease is sized to that work (db/tick-store.ts).
const MAX_MONITORS_PER_INVOCATION = 80;

/** The status page's snapshot lives in this data centre's Cache API between invocations (and database outages). */
const snapshotStore = () => cacheApiSnapshotStore((caches as unknown as { default: CacheLike }).default);

/** Sync the config if it changed, then run one tick on this invocation's client. */
async function runTick(sql: DbHandle['sql'], settings: WorkerSettings, env: WorkerEnv): Promise<TickReport> {
  const synced = await syncMonitorsIfChanged(sql, settings.specs, new Date());
  if (synced) log('info', 'config synced', { ...synced });
  await syncAlertEndpointsIfChanged(sql, settings.config.alerts, new Date());
  return tick({
    sql, probe: createFetchProbe({ env: (name) => lookupVar(env, name) }), clock: () => new Date(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)), log, owner: `worker-${crypto.randomUUID()}`,
    concurrency: PROBE_CONCURRENCY, batchLimit: MAX_MONITORS_PER_INVOCATION, retentionDays: settings.retentionDays,
    // Deliveries run after the probes, so they may use the same connection budget.
    ...createAlertingDeps({ sql, config: settings.config.alerts, clock: () => new Date(), log, env: (name) => lookupVar(env, name), concurrency: PROBE_CONCURRENCY }),
  });
}

export default {
  async fetch(request, env, ctx) {
    let settings: WorkerSettings;
    try {
      settings = readWorkerSettings(env);
    } catch (err) {
      log('error', 'Lookout is misconfigured', { error: (err as Error).message });
      return Response.json({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Lookout is misconfigured; see the Worker logs' }, { status: 503, headers: { 'content-type': 'application/problem+json' } });
    }
    // Opened only by routes that query, closed once the response is out.
    let db: DbHandle | undefined;
    const sql = () => (db ??= connectDb(settings.databaseUrl, { workers: true, max: DB_CONNECTIONS })).sql;
    const snapshots = new SnapshotCache({
      build: () => buildSnapshot(sql(), new Date()), store: snapshotStore(), clock: () => new Date(), log, defer: (p) => ctx.waitUntil(p),
    });
    const app = createApp({ sql, page: settings.config.page, clock: () => new Date(), log, adminToken: settings.adminToken, runTick: () => runTick(sql(), settings, env), snapshots });
    const response = await app.fetch(request, env, ctx);
    if (db) ctx.waitUntil(db.close());
    return response;
  },

  async scheduled(_controller, env, ctx) {
    const settings = readWorkerSettings(env);
    const db = connectDb(settings.databaseUrl, { workers: true, max: DB_CONNECTIONS });
    ctx.waitUntil(runTick(db.sql, settings, env)
      .then((report) => log(report.error ? 'error' : 'info', 'tick finished', { ...report }))
      // Refresh the page's snapshot after every tick, as Node does.
      .then(() => buildSnapshot(db.sql, new Date()).then((s) => snapshotStore().save(s))
        .catch((err: Error) => log('warn', 'status snapshot refresh failed', { error: err.message })))
      .catch((err: Error) => log('error', 'tick failed', { error: err.message }))
      .finally(() => db.close()));
  },
} satisfies ExportedHandler<WorkerEnv>;

// The Worker's Hono app and published site, built once per isolate (per configuration): each invocation gets its own
// small Postgres client through the request context, opened only by routes that query and closed once the
// response (and any work it left behind) is done.
import { contextStorage, getContext } from 'hono/context-storage';
import { createMiddleware } from 'hono/factory';
import { createAlertingDeps, createIncidentRecorder, syncAlertEndpointsIfChanged } from './alerts/create.js';
import { newId } from './alerts/ids.js';
import { connectDb, type DbHandle } from './db/client.js';
import { syncMonitorsIfChanged } from './db/sync-config-if-changed.js';
import { createApp, createStatusSite } from './http/app.js';
import { jsonLog } from './log.js';
import { createWorkerProbe } from './probe/worker-probe.js';
import { tick, type TickReport } from './scheduler/tick.js';
import { cacheApiSiteStore, type CacheLike } from './site/store.js';
import { lookupVar, readWorkerSettings, type WorkerEnv, type WorkerSettings } from './worker-env.js';
import { workerReportIntake } from './worker-reports.js';

export const log = jsonLog();
// A Worker invocation may hold 6 connections at once: up to 2 to Postgres (a transaction plus one query beside
// it) and 4 probes. More would queue inside the runtime and inflate the measured latencies.
export const DB_CONNECTIONS = 2;
const PROBE_CONCURRENCY = 4;
// Monitors one invocation claims; the rest stay due and are taken by the next minute's invocation (invocations
// overlap, leases keep them apart). Bound: 80 / 4 in flight × ~25 s for a failing monitor (10 s timeout, a re-probe
// 5 s later) ≈ 8 min, inside a Cron Trigger's 15-minute limit; the lease is sized to that work (db/tick-store.ts).
const MAX_MONITORS_PER_INVOCATION = 80;
/**
 * The Cache API is per data centre: where no cron invocation runs, the site ages. A request that finds it older
 * than this refreshes it in the background (once per isolate at a time), serving the old bytes meanwhile.
 */
const REFRESH_AFTER_MS = 3 * 60_000;

const cache = () => (caches as unknown as { default: CacheLike }).default;

/** What the app reaches through each request's context: the invocation's database client, and work to finish after the response. */
type WorkerVars = { Bindings: WorkerEnv; Variables: { db: () => DbHandle; later: (work: Promise<unknown>) => void } };

// Built once per isolate and configuration (a test runtime may hand one isolate several configurations).
const built = new WeakMap<WorkerSettings['config'], Map<string, ReturnType<typeof build>>>();

export function appFor(settings: WorkerSettings): ReturnType<typeof build> {
  const byToken = built.get(settings.config) ?? new Map<string, ReturnType<typeof build>>();
  built.set(settings.config, byToken);
  // The tokens are part of the key: a changed secret must not keep an app that still accepts the old one.
  const key = JSON.stringify([settings.adminToken ?? '', settings.configTokens]);
  const found = byToken.get(key);
  if (found) return found;
  const entry = build(settings);
  byToken.set(key, entry);
  return entry;
}

function build(settings: WorkerSettings) {
  const clock = () => new Date();
  const context = () => getContext<WorkerVars>();
  const defer = (work: Promise<unknown>) => context().var.later(work);
  const site = createStatusSite({ page: settings.config.page, clock, log, store: cacheApiSiteStore(cache()), publicUrl: settings.config.page.url, refreshAfterMs: REFRESH_AFTER_MS, defer, reportsConfig: settings.config.reports });
  const sql = () => context().var.db().sql;
  // Each request: a client opened on first use, closed after the response and any work it left behind.
  const perRequest = createMiddleware<WorkerVars>(async (c, next) => {
    let db: DbHandle | undefined;
    const later: Array<Promise<unknown>> = [];
    c.set('db', () => (db ??= connectDb(readWorkerSettings(c.env).databaseUrl, { workers: true, max: DB_CONNECTIONS })));
    c.set('later', (work) => void later.push(work));
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(Promise.allSettled(later).then(() => db?.close()));
    }
  });
  const app = createApp({
    sql, page: settings.config.page, clock, log, adminToken: settings.adminToken, configTokens: settings.configTokens, incidentTemplates: settings.config.incidentTemplates, site, perRequest: [contextStorage(), perRequest], defer,
    runTick: () => runTick(sql(), settings, context().env),
    reports: settings.config.reports.enabled ? workerReportIntake(settings, () => context().env) : undefined, reportsConfig: settings.config.reports,
    // Agents may report to a Worker too; the alerts a batch caused go out with the next scheduled() (≤ a minute).
    ...(settings.agentTokens.size ? {
      agents: {
        tokens: settings.agentTokens, newId, onOutcomes: createIncidentRecorder(settings.config.alerts),
        canaries: new Map((settings.config.locations ?? []).flatMap((l) => (l.canary ? [[l.id, l.canary] as const] : []))),
      },
    } : {}),
  });
  return { app, site };
}

/** Sync the config if it changed, then run one tick on this invocation's client. */
export async function runTick(sql: DbHandle['sql'], settings: WorkerSettings, env: WorkerEnv): Promise<TickReport> {
  const synced = await syncMonitorsIfChanged(sql, settings.specs, new Date(), settings.history);
  if (synced) log('info', 'config synced', { ...synced });
  await syncAlertEndpointsIfChanged(sql, settings.config.alerts, new Date());
  return tick({
    sql, probe: createWorkerProbe({ env: (name) => lookupVar(env, name) }), clock: () => new Date(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)), log, owner: `worker-${crypto.randomUUID()}`,
    concurrency: PROBE_CONCURRENCY, batchLimit: MAX_MONITORS_PER_INVOCATION, retentionDays: settings.retentionDays,
    // With locations: every location's health is judged, and the monitors' claims are their quorum verdicts.
    ...(settings.config.locations ? { locations: { own: null, newId } } : {}),
    // Deliveries run after the probes, so they may use the same connection budget.
    ...createAlertingDeps({ sql, config: settings.config.alerts, clock: () => new Date(), log, env: (name) => lookupVar(env, name), concurrency: PROBE_CONCURRENCY }),
  });
}

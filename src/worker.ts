// Workers entry point: scheduled() runs the tick — or, with a PROBE_QUEUE binding, plans it for the queue()
// consumers (src/worker-queue.ts) — then publishes the site to the Cache API, from which fetch() serves it
// (src/worker-app.ts builds both once per isolate). With the queue the site shows what the consumers had recorded
// by then: at most a minute behind. The database is migrated from Node or CI (npm run db:migrate), never here.
import { connectDb } from './db/client.js';
import { readStatusData } from './snapshot/read.js';
import { appFor, DB_CONNECTIONS, log, runTick } from './worker-app.js';
import { readWorkerSettings, type WorkerEnv, type WorkerSettings } from './worker-env.js';
import { consumeBatch, runPlan } from './worker-queue.js';
import type { ProbeMessage } from './scheduler/plan.js';
import { fuseReportsAfterTick } from './reports/fuse.js';
import { flushWorkerReports } from './worker-reports.js';

// The Durable Object that counts visitor reports (wrangler.toml: binding REPORTS, migration reports-v1).
export { ReportsAggregatorObject } from './worker-reports.js';
import { syncAndDispatch } from './worker-locations.js';

export { LocationProber } from './worker-location.js';

function misconfigured(err: unknown): Response {
  log('error', 'Lookout is misconfigured', { error: (err as Error).message });
  return Response.json({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Lookout is misconfigured; see the Worker logs' }, { status: 503, headers: { 'content-type': 'application/problem+json' } });
}

async function reportsStep(sql: ReturnType<typeof connectDb>['sql'], settings: WorkerSettings, env: WorkerEnv): Promise<void> {
  await flushWorkerReports(sql, env, log).catch((err: Error) => log('warn', 'report counts not taken', { error: err.message }));
  await fuseReportsAfterTick(sql, settings.config.reports, log);
}

export default {
  async fetch(request, env, ctx) {
    let settings: WorkerSettings;
    try {
      settings = readWorkerSettings(env);
    } catch (err) {
      return misconfigured(err);
    }
    return appFor(settings).app.fetch(request, env, ctx);
  },

  async scheduled(_controller, env, ctx) {
    const settings = readWorkerSettings(env);
    const { site } = appFor(settings);
    const db = connectDb(settings.databaseUrl, { workers: true, max: DB_CONNECTIONS });
    // Locations with a Durable Object probe first, so the tick's quorum sees their reports.
    // A failed round is logged (its claims released) and never keeps the tick from running.
    const located = syncAndDispatch(db.sql, settings, env).catch((err: Error) => log('error', 'location rounds failed', { error: err.message }));
    const job = located.then((): Promise<{ error?: string }> => (env.PROBE_QUEUE ? runPlan(db.sql, settings, env, env.PROBE_QUEUE) : runTick(db.sql, settings, env)));
    ctx.waitUntil(job
      .then((report) => log(report.error ? 'error' : 'info', env.PROBE_QUEUE ? 'planning finished' : 'tick finished', { ...report }))
      .catch((err: Error) => log('error', 'tick failed', { error: err.message }))
      // Visitor reports: the minute's counts written in one statement, then judged beside the probes.
      .then(() => (settings.config.reports.enabled ? reportsStep(db.sql, settings, env) : undefined))
      // Publish after every tick, as Node does (a failed read re-renders the last site as stale).
      .then(() => site.refresh(() => readStatusData(db.sql, new Date())))
      .finally(() => db.close()));
  },

  async queue(batch, env, _ctx) {
    await consumeBatch(batch, readWorkerSettings(env), env);
  },
} satisfies ExportedHandler<WorkerEnv, ProbeMessage>;

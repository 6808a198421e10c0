// The public reads with the database stopped: a real Postgres (embedded, in a temporary directory) is stopped under
// the running app, which goes on publishing (refreshes fail and re-render the last data as stale, as after each
// tick). 64 connections for DURATION seconds (default 20) against each public read. Target: 0 errors, 0 timeouts,
// 0 non-2xx.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { parseConfig, toMonitorSpec } from '../src/config/parse.js';
import { PageConfig, type MonitorConfig } from '../src/config/schema.js';
import { connectDb } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { applyMigrations } from '../src/db/migrate.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { createApp, createStatusSite } from '../src/http/app.js';
import { publishedFastPath } from '../src/http/node-fast-path.js';
import { bindHttp } from '../src/http/node-listen.js';
import { silentLog } from '../src/log.js';
import { readStatusData } from '../src/snapshot/read.js';
import { seedRollups } from '../test/helpers/page-data.js';
import { autocannon } from './lib.js';

const DURATION = Number(process.env.DURATION ?? 20);
const READS = ['/', '/api/v2/summary.json', '/badges/monitors/m0/uptime.svg', '/api/v1/monitors'];

const dir = await mkdtemp(join(tmpdir(), 'lookout-outage-'));
const pg = await startEmbeddedPostgres(join(dir, 'pg'), () => undefined);
let server: ServerType | undefined;
let refresher: ReturnType<typeof setInterval> | undefined;
try {
  await applyMigrations(pg.url);
  const db = connectDb(pg.url);
  const monitors = Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, name: `Monitor ${i}`, component: `Service ${i}`, url: 'http://127.0.0.1:9/' }));
  const specs = parseConfig({ monitors }, 'bench').monitors.map((m) => toMonitorSpec(m as MonitorConfig));
  await syncMonitors(db.sql, specs, new Date());
  await db.sql`update monitor_state set status = 'up', last_check_at = now(), last_verdict = 'up'`;
  await seedRollups(db.sql, specs.map((s) => s.id), new Date());
  const page = PageConfig.parse({ title: 'Outage bench' });
  const site = createStatusSite({ page, clock: () => new Date(), log: silentLog });
  const refresh = () => site.refresh(() => readStatusData(db.sql, new Date()));
  if (!(await refresh())) throw new Error('the first publication failed');
  const app = createApp({ sql: () => db.sql, page, clock: () => new Date(), log: silentLog, adminToken: undefined, site, runTick: () => Promise.reject(new Error('no ticks')) });
  // Served as `npm start` serves it.
  const bound = await bindHttp(0, '127.0.0.1');
  bound.serveWith(app.fetch, publishedFastPath(site));
  server = bound.server;
  const base = `http://127.0.0.1:${bound.port}`;
  for (const path of READS) if ((await fetch(base + path)).status !== 200) throw new Error(`${path} did not answer before the outage`);

  await pg.stop();
  console.log('database stopped; refreshing every 10 s as ticks would (each fails and keeps the last data, marked stale)');
  refresher = setInterval(() => void refresh(), 10_000);
  await refresh();
  let failed = false;
  for (const path of READS) {
    const r = await autocannon(base + path, { connections: 64, seconds: DURATION, timeoutSeconds: 5 });
    const stale = (await fetch(base + path)).headers.get('x-lookout-stale');
    failed ||= r.errors + r.timeouts + r.non2xx > 0;
    console.log(`${path.padEnd(32)} ${r.rps.toFixed(0).padStart(6)} req/s over ${DURATION} s at 64 connections: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx; x-lookout-stale: ${stale ?? '(page: "as of" note)'}`);
  }
  if (failed) process.exitCode = 1;
  await db.close().catch(() => undefined);
} finally {
  clearInterval(refresher);
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await pg.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

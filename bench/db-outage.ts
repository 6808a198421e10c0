// Issue 18, acceptance 2: the routes that need the database, hammered while it is stopped. A throw-away Postgres
// server of its own (stopped with -m immediate), the app on a real HTTP port, autocannon at 64 connections for
// 20 s cycling through admin, /api/v1 checks/incidents/daily and /metrics. Every answer must be a 503 problem+json
// within 5 s; a request with no answer after 10 s counts as a timeout. Usage:
//   npm run bench:outage [-- CONNECTIONS] [SECONDS]        (defaults 64 × 20)
// Not run in CI.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { PageConfig } from '../src/config/schema.js';
import { connectDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { createApp } from '../src/http/app.js';
import { silentLog } from '../src/log.js';
import { createDatabase, startThrowawayPg } from '../test/helpers/throwaway-pg.js';
import { parseConfig, toMonitorSpec } from '../src/config/parse.js';

// autocannon ships no types: the part of its result this script reads.
interface CannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  statusCodeStats?: Record<string, { count: number }>;
  timeouts: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: object) => Promise<CannonResult>;

const CONNECTIONS = Number(process.argv[2] ?? 64);
const SECONDS = Number(process.argv[3] ?? 20);
const TOKEN = 'bench-admin-token-0123456789';
const PATHS = [
  '/api/v1/admin/incidents', '/api/v1/admin/maintenances', '/api/v1/admin/alert-endpoints', '/api/v1/admin/deliveries',
  '/api/v1/monitors/api/checks', '/api/v1/monitors/api/daily', '/api/v1/incidents', '/metrics',
];

const pg = await startThrowawayPg();
try {
  const url = await createDatabase(pg.url, 'bench_outage');
  await applyMigrations(url);
  const db = connectDb(url);
  const cfg = parseConfig({ monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'http://127.0.0.1:9/' }] }, 'bench');
  await syncMonitors(db.sql, cfg.monitors.map(toMonitorSpec), new Date());
  const app = createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: () => new Date(), log: silentLog, adminToken: TOKEN, runTick: async () => { throw new Error('unused'); } });
  const server = await new Promise<ServerType>((r) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await pg.stopImmediate();
  console.log(`database stopped; ${CONNECTIONS} connections for ${SECONDS} s against ${PATHS.length} routes`);
  const result = await autocannon({
    url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10,
    requests: PATHS.map((path) => ({ method: 'GET', path, headers: { authorization: `Bearer ${TOKEN}` } })),
  });
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  console.log(`requests: ${result.requests.total}  (${Math.round(result.requests.average)}/s)`);
  console.log(`status codes: ${JSON.stringify(codes)}`);
  console.log(`latency ms: p50 ${result.latency.p50}  p99 ${result.latency.p99}  max ${result.latency.max}`);
  console.log(`timeouts: ${result.timeouts}  errors: ${result.errors}`);
  const ok = result.timeouts === 0 && result.errors === 0 && result.latency.max < 5000 && Object.keys(codes).every((c) => c === '503');
  console.log(ok ? 'PASS: every answer a 503 within 5 s, 0 timeouts' : 'FAIL');
  await new Promise((r) => server.close(r));
  await db.close().catch(() => undefined);
  process.exitCode = ok ? 0 : 1;
} finally {
  await pg.destroy();
}

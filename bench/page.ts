// The public reads, as visitors and widgets hit them, and the refresh that makes them.
// 1. Public reads at the default page size (20 monitors): requests/s of the real app (Hono on @hono/node-server,
//    answers from the published site) against a bare node:http server sending the same bytes and headers, in the
//    same run, 64 connections, autocannon in its own process. Target: each >= 0.8x.
// 2. The refresh (read + assemble + render + compress) for 100 monitors x 90 days + 1,000 incidents, off the
//    request path. Target: p95 <= 150 ms.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import postgres from 'postgres';
import { parseConfig, toMonitorSpec } from '../src/config/parse.js';
import { PageConfig, type MonitorConfig } from '../src/config/schema.js';
import { componentId } from '../src/core/ids.js';
import { applyMigrations } from '../src/db/migrate.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { createApp, createStatusSite } from '../src/http/app.js';
import { publishedFastPath } from '../src/http/node-fast-path.js';
import { bindHttp } from '../src/http/node-listen.js';
import { silentLog } from '../src/log.js';
import { readStatusData } from '../src/snapshot/read.js';
import { seedIncidents, seedRollups } from '../test/helpers/page-data.js';
import { autocannon, percentile, ratio, scratchDatabase } from './lib.js';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const REFRESHES = Number(process.env.REFRESHES ?? 60);
const CONNECTIONS = 64;
const READS = ['/', '/api/v2/summary.json', '/badges/monitors/m0/uptime.svg', '/api/v1/monitors'];

console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const closers: Array<() => Promise<unknown>> = [];

/** A database with `monitors` monitors (two per component, 20 per group), 90 days of rollups and `incidents` incidents. */
async function seeded(monitorCount: number, incidents: number) {
  const scratch = await scratchDatabase();
  await applyMigrations(scratch.url);
  const sql = postgres(scratch.url, { max: 4, onnotice: () => undefined });
  closers.push(async () => (await sql.end(), scratch.drop()));
  const now = new Date();
  const monitors = Array.from({ length: monitorCount }, (_, i) => ({
    id: `m${i}`, name: `Monitor ${i}`, component: `Service ${Math.floor(i / 2)} ${i % 2 ? 'Website' : 'API'}`, group: `Group ${Math.floor(i / 20)}`, url: 'http://127.0.0.1:9/',
  }));
  const specs = parseConfig({ monitors }, 'bench').monitors.map((m) => toMonitorSpec(m as MonitorConfig));
  await syncMonitors(sql, specs, now);
  await sql`update monitor_state set status = 'up', last_check_at = now(), last_verdict = 'up'`;
  await seedRollups(sql, specs.map((s) => s.id), now);
  await seedIncidents(sql, incidents, [...new Set(specs.map((s) => componentId(s.component)))], now);
  await sql`analyze`;
  return sql;
}

const url = (s: { address(): unknown }, path: string) => `http://127.0.0.1:${(s.address() as AddressInfo).port}${path}`;

try {
  // 1. Public reads at the default page size.
  const sql20 = await seeded(20, 20);
  const page = PageConfig.parse({ title: 'Bench status' });
  const site20 = createStatusSite({ page, clock: () => new Date(), log: silentLog });
  if (!(await site20.refresh(() => readStatusData(sql20, new Date())))) throw new Error('the site could not be published');
  const app = createApp({ sql: () => sql20, page, clock: () => new Date(), log: silentLog, adminToken: undefined, site: site20, runTick: () => Promise.reject(new Error('no ticks in the bench')) });
  // Served as `npm start` serves it: the port bound first, answers the site has ready written from node:http.
  const bound = await bindHttp(0, '127.0.0.1');
  bound.serveWith(app.fetch, publishedFastPath(site20));
  const hono = bound.server;
  closers.push(() => new Promise((r) => hono.close(r)));
  for (const path of READS) {
    // As autocannon asks: no Accept-Encoding, so identity bytes (fetch would ask for br and decode it).
    const warm = await fetch(url(hono, path), { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await warm.arrayBuffer());
    const headers = Object.fromEntries(warm.headers.entries());
    const bare: Server = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    // Alternate the two servers so drift (thermal, other load) hits both alike.
    const rps = { app: [] as number[], bare: [] as number[] };
    for (const round of [0, 1]) {
      for (const name of round === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
        const r = await autocannon(url(name === 'app' ? hono : bare, path), { connections: CONNECTIONS, seconds: LOAD_SECONDS / 2 });
        if (r.non2xx || r.errors || r.timeouts) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
        rps[name].push(r.rps);
      }
    }
    await new Promise((r) => bare.close(r));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`${path.padEnd(34)} app ${mean(rps.app).toFixed(0).padStart(6)} req/s, bare ${mean(rps.bare).toFixed(0).padStart(6)} req/s (${body.byteLength} B), ratio ${ratio(mean(rps.app), mean(rps.bare))}   (target >= 0.8)`);
  }

  // 2. The refresh at 100 monitors x 90 days + 1,000 incidents.
  const sql100 = await seeded(100, 1000);
  const site100 = createStatusSite({ page, clock: () => new Date(), log: silentLog });
  const times: number[] = [];
  for (let i = 0; i < REFRESHES + 5; i++) {
    const t0 = performance.now();
    if (!(await site100.refresh(() => readStatusData(sql100, new Date())))) throw new Error('refresh failed');
    if (i >= 5) times.push(performance.now() - t0);
  }
  const bytes = (await site100.representation('/', ['identity'], () => Promise.reject(new Error('unused'))))!.body.length;
  const br = (await site100.representation('/', ['br'], () => Promise.reject(new Error('unused'))))!.body.length;
  console.log(`refresh, 100 monitors x 90 days + 1,000 incidents (${REFRESHES} runs): p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms   (target p95 <= 150 ms); page ${bytes} B, ${br} B as br`);
} finally {
  for (const c of closers.reverse()) await c().catch(() => undefined);
}

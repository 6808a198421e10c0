// POST /reports as a herd sends it: reports/s of the real app (bound as `npm start` binds it: report posts answered
// from node:http by the fast path, everything else by Hono on @hono/node-server; with Node's report wiring: validation, visitor digests, caps, the in-memory aggregator and its flusher
// writing to a scratch Postgres every 10 s) against a bare node:http server that reads the same body and sends the
// same answer, in the same run: 64 connections, autocannon in its own process, the two servers alternated.
// Every request comes from one address, so after the first it is a repeat: the whole path but the counting.
// Target: >= 0.5x bare, for the script's JSON post and for the plain form's post (303).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import postgres from 'postgres';
import { LookoutConfig } from '../src/config/schema.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createApp, createStatusSite } from '../src/http/app.js';
import { publishedFastPath } from '../src/http/node-fast-path.js';
import { fastPaths, reportsFastPath } from '../src/http/node-reports-fast-path.js';
import { bindHttp } from '../src/http/node-listen.js';
import { silentLog } from '../src/log.js';
import { createNodeReports } from '../src/reports/node-reports.js';
import { autocannon, ratio, scratchDatabase } from './lib.js';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 6);
const CONNECTIONS = 64;

console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const scratch = await scratchDatabase();
await applyMigrations(scratch.url);
const sql = postgres(scratch.url, { max: 2, onnotice: () => undefined });
const config = LookoutConfig.parse({ monitors: [{ id: 'api', name: 'API', component: 'App (API)', url: 'http://127.0.0.1:9/' }] });
const reports = createNodeReports({ config: config.reports, componentNames: ['App (API)'], sql: () => sql, log: silentLog, clock: () => new Date() });
const site = createStatusSite({ page: config.page, clock: () => new Date(), log: silentLog, reportsConfig: config.reports });
const app = createApp({
  sql: () => sql, page: config.page, clock: () => new Date(), log: silentLog, adminToken: undefined, site, reports: reports.intake, reportsConfig: config.reports,
  runTick: () => Promise.reject(new Error('no ticks in the bench')),
});
const bound = await bindHttp(0, '127.0.0.1');
bound.serveWith(app.fetch, fastPaths(publishedFastPath(site), reportsFastPath(reports.intake)));
const url = (s: { address(): unknown }) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/reports`;

const cases = [
  { name: 'JSON (the page script)', type: 'application/json', body: JSON.stringify({ component: 'app-api', category: 'won-t-load' }), accept: 'application/json' },
  { name: 'form (no JavaScript)', type: 'application/x-www-form-urlencoded', body: 'component=app-api&category=won-t-load', accept: 'text/html' },
];

try {
  for (const c of cases) {
    const headers = { 'content-type': c.type, accept: c.accept };
    const warm = await fetch(url(bound.server), { method: 'POST', headers, body: c.body, redirect: 'manual' });
    const answer = Buffer.from(await warm.arrayBuffer());
    const answerHeaders = Object.fromEntries(warm.headers.entries());
    const status = warm.status;
    if (status !== 202 && status !== 303) throw new Error(`${c.name}: the app answered ${status}`);
    // The baseline: read the body, send the same answer.
    const bare: Server = createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => {
        res.writeHead(status, answerHeaders);
        res.end(answer);
      });
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const rps = { app: [] as number[], bare: [] as number[] };
    for (const round of [0, 1]) {
      for (const name of round === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
        const r = await autocannon(url(name === 'app' ? bound.server : bare), { connections: CONNECTIONS, seconds: LOAD_SECONDS / 2, method: 'POST', body: c.body, headers });
        // A 303 is what the form gets (autocannon counts it as non-2xx): only the JSON case must be all 2xx.
        if ((status === 202 && r.non2xx) || r.errors || r.timeouts) throw new Error(`${c.name} (${name}): ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
        rps[name].push(r.rps);
      }
    }
    await new Promise((r) => bare.close(r));
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`${c.name.padEnd(26)} app ${mean(rps.app).toFixed(0).padStart(6)} reports/s, bare ${mean(rps.bare).toFixed(0).padStart(6)} req/s, ratio ${ratio(mean(rps.app), mean(rps.bare))}   (target >= 0.5)`);
  }
  await reports.flusher.flush();
  const [row] = await sql<{ n: number }[]>`select coalesce(sum(reports), 0)::int as n from report_counts`;
  console.log(`counted: ${row!.n} (one visitor: one report per component per 15 minutes); flusher statements: ${reports.flusher.statements}`);
} finally {
  await reports.flusher.stop().catch(() => undefined);
  await new Promise((r) => bound.server.close(r));
  await sql.end();
  await scratch.drop();
}

// The status page under load and cold.
// 1. Cached page: requests/s of the real app (Hono on @hono/node-server, page served from the rendered snapshot)
//    against a bare node:http server sending the same bytes, measured in the same run by autocannon running in its
//    own process. Target: ratio >= 0.9.
// 2. Cold render: nothing cached (3 queries + assemble + render) for 100 monitors x 90 days of rollups and
//    1,000 incidents, after a tick and in a fresh app. Target: p95 <= 25 ms, <= 3 queries.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { serve, type ServerType } from '@hono/node-server';
import postgres from 'postgres';
import { parseConfig, toMonitorSpec } from '../src/config/parse.js';
import { PageConfig, type MonitorConfig } from '../src/config/schema.js';
import { componentId } from '../src/core/ids.js';
import { applyMigrations } from '../src/db/migrate.js';
import { digestTargets, refreshPageDigests } from '../src/db/page-digests.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { tuneGarbageCollection } from '../src/gc-tuning.js';
import { createApp, createSnapshotCache } from '../src/http/app.js';
import { silentLog } from '../src/log.js';
import { RECENT_INCIDENTS } from '../src/snapshot/build.js';
import { readIncidents, readRollups, readState } from '../src/snapshot/queries.js';
import { seedIncidents, seedRollups } from '../test/helpers/page-data.js';
import { ratio, scratchDatabase } from './lib.js';

const MONITORS = 100;
const INCIDENTS = 1000;
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 300); // enough renders for a p95 that holds still on a noisy machine
const WARMUP = Number(process.env.WARMUP ?? 30);
const COLD_PAUSE_MS = Number(process.env.COLD_PAUSE_MS ?? 100);
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const CONNECTIONS = 50;

const scratch = await scratchDatabase();
await applyMigrations(scratch.url);
let queries = 0;
// No type fetching (as on Workers) so the counter sees only the page's own statements.
const sql = postgres(scratch.url, { max: 4, fetch_types: false, onnotice: () => undefined, debug: () => void queries++ });
const closers: Array<() => Promise<unknown>> = [];
try {
  const now = new Date();
  const monitors = Array.from({ length: MONITORS }, (_, i) => ({
    id: `m${i}`, name: `Monitor ${i}`, component: `Service ${Math.floor(i / 2)} ${i % 2 ? 'Website' : 'API'}`, group: `Group ${Math.floor(i / 20)}`, url: 'http://127.0.0.1:9/',
  }));
  const specs = parseConfig({ monitors }, 'bench').monitors.map((m) => toMonitorSpec(m as MonitorConfig));
  await syncMonitors(sql, specs, now);
  await sql`update monitor_state set status = 'up'`;
  await seedRollups(sql, specs.map((s) => s.id), now);
  await seedIncidents(sql, INCIDENTS, [...new Set(specs.map((s) => componentId(s.component)))], now);
  // The page digests of closed days and hours, as the tick keeps them after recording (src/db/page-digests.ts).
  await sql.begin((tx) => refreshPageDigests(tx, new Map(specs.map((s) => [s.id, now])), digestTargets(now)));
  await sql`analyze`;
  const counts = await sql<{ d: number; i: number }[]>`select (select count(*)::int from rollups_daily) as d, (select count(*)::int from incidents) as i`;
  console.log(`data: ${MONITORS} monitors, ${counts[0]!.d} daily rollups, ${counts[0]!.i} incidents`);

  const since = new Date(now.getTime() - 91 * 86400_000);
  const since7 = new Date(now.getTime() - 7 * 86400_000);
  const since24 = new Date(now.getTime() - 25 * 3600_000);
  const deps = { sql: () => sql, clock: () => new Date(), log: silentLog };
  const page = PageConfig.parse({ title: 'Bench status' });

  // Cold render: no snapshot and no rendered page to reuse, so the request reads the database (3 queries),
  // assembles the snapshot and renders the page. Measured three ways:
  //  - after a tick (the target): the app is up, the tick has just asked for a fresh snapshot (SnapshotCache.refresh,
  //    as the scheduler does), and the next visitor gets a page rendered from it; timed from the refresh to the
  //    response being ready. Renders 100 ms apart, as ticks are, so the runtime collects one render's garbage
  //    before the next.
  //  - the same back to back (each render also pays for collecting the ones before it);
  //  - in a fresh app each time (what a restarted process or a new Worker isolate builds): the same plus building
  //    the app, its caches and its router; the JIT stays warm here, which a new process would not be.
  async function coldRenders(mode: 'after-tick' | 'fresh-app', pauseMs: number) {
    const times: number[] = [];
    const perRender: number[] = [];
    let bytes = 0;
    let snapshots = createSnapshotCache(deps);
    let app = createApp({ ...deps, page, adminToken: undefined, runTick: () => Promise.reject(new Error('no ticks in the bench')), snapshots });
    for (let i = 0; i < COLD_RUNS + WARMUP; i++) {
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      queries = 0;
      const t0 = performance.now();
      if (mode === 'fresh-app') {
        snapshots = createSnapshotCache(deps);
        app = createApp({ ...deps, page, adminToken: undefined, runTick: () => Promise.reject(new Error('no ticks in the bench')), snapshots });
      } else if (!(await snapshots.refresh())) throw new Error('the snapshot refresh failed');
      const res = await app.request('/');
      // Stopped when the response is ready (read, assembled, rendered, encoded, ETag computed): copying its body
      // into an ArrayBuffer is the client's work; the server writes the cached bytes as they are.
      const ms = performance.now() - t0;
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`cold render answered ${res.status}`);
      if (i >= WARMUP) (times.push(ms), perRender.push(queries)); // the first ones warm up the JIT and the pool
      bytes = body.byteLength;
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
    return { bytes, p50: pct(0.5), p95: pct(0.95), max: times[times.length - 1]!, queries: Math.max(...perRender) };
  }
  const line = (r: Awaited<ReturnType<typeof coldRenders>>) => `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; queries per render: ${r.queries}`;
  // Garbage collection as the Node entry sets it (src/gc-tuning.ts: no concurrent marking on 2 cores or fewer),
  // then, for comparison in the same run, V8's default (concurrent marking) for the first measure, run after the
  // tuned one so that a warmer JIT favours the baseline if anything.
  const override = process.env.LOOKOUT_CONCURRENT_MARKING === 'on' || process.env.LOOKOUT_CONCURRENT_MARKING === 'off' ? process.env.LOOKOUT_CONCURRENT_MARKING : undefined;
  const marking = tuneGarbageCollection(override);
  const spaced = await coldRenders('after-tick', COLD_PAUSE_MS);
  setFlagsFromString('--concurrent-marking');
  const spacedDefault = await coldRenders('after-tick', COLD_PAUSE_MS);
  tuneGarbageCollection(override);
  const packed = await coldRenders('after-tick', 0);
  const fresh = await coldRenders('fresh-app', COLD_PAUSE_MS);
  console.log(`garbage collection: ${marking} marking, as the Node entry sets it on ${cpus().length} cores`);
  console.log(`cold render after a tick, ${COLD_PAUSE_MS} ms apart (${COLD_RUNS} runs, ${spaced.bytes} B of HTML): ${line(spaced)}   (target p95 <= 25 ms, <= 3 queries)`);
  console.log(`  the same with V8's default concurrent marking (baseline, same run): ${line(spacedDefault)}`);
  console.log(`cold render after a tick, back to back: ${line(packed)}`);
  console.log(`cold render in a fresh app (new app, caches and router; warm JIT), ${COLD_PAUSE_MS} ms apart: ${line(fresh)}`);

  // Where the cold time goes: the three reads alone (run side by side), then assembling + rendering is the rest.
  const reads: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await Promise.all([readState(sql, now, since, since24), readRollups(sql, since, since7), readIncidents(sql, since, RECENT_INCIDENTS)]);
    reads.push(performance.now() - t0);
  }
  reads.sort((a, b) => a - b);
  console.log(`  of which the 3 reads: p50 ${reads[15]!.toFixed(1)} ms (machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);

  // Cached page vs bare node:http with the same bytes.
  const app = createApp({ ...deps, page, adminToken: undefined, runTick: () => Promise.reject(new Error('no ticks in the bench')), snapshots: createSnapshotCache(deps) });
  const warm = await app.request('/');
  const html = Buffer.from(await warm.arrayBuffer());
  const headers = Object.fromEntries(warm.headers.entries());
  const hono: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  closers.push(() => new Promise((r) => hono.close(r)));
  const bare: Server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(html);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => bare.close(r)));
  const url = (s: { address(): unknown }) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;

  const check = await fetch(url(hono));
  if (Buffer.compare(Buffer.from(await check.arrayBuffer()), html) !== 0) throw new Error('the app did not serve the cached bytes');

  // Alternate the two servers so drift (thermal, other load) hits both alike.
  const rps = { app: [] as number[], bare: [] as number[] };
  for (const round of [0, 1]) {
    for (const [name, target] of round === 0 ? ([['bare', bare], ['app', hono]] as const) : ([['app', hono], ['bare', bare]] as const)) {
      rps[name].push(await autocannon(url(target), LOAD_SECONDS / 2));
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(`cached page: app ${mean(rps.app).toFixed(0)} req/s, bare node:http ${mean(rps.bare).toFixed(0)} req/s (same ${html.byteLength} B), ratio ${ratio(mean(rps.app), mean(rps.bare))}   (target >= 0.9)`);
} finally {
  for (const c of closers) await c().catch(() => undefined);
  await sql.end();
  await scratch.drop();
}

/** autocannon in its own process, so the load generator does not share the servers' event loop. */
async function autocannon(target: string, seconds: number): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/autocannon/autocannon.js', '-c', String(CONNECTIONS), '-d', String(seconds), '-j', target], { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number; errors: number };
  if (result.non2xx || result.errors) throw new Error(`autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result.requests.average;
}

// The 90-day uptime endpoint with 100 monitors and ~13 M raw checks, read from the rollups (an explicit range: named
// windows are answered from the published site): server time of GET /api/v1/uptime?from=<90 days ago>
// (served from rollups), next to the same figures computed by scanning the raw checks. Usage:
//   npm run bench:uptime [-- MONITORS] [DAYS]        (defaults 100 monitors × 90 days × one check a minute = 12.96 M)
// Everything happens in a throw-away database on the local server (BENCH_PG, default 127.0.0.1:5432), dropped at
// the end. Not run in CI.
import { WINDOWS } from '../src/core/time.js';
import { windowEndingAt } from '../src/core/uptime-window.js';
import postgres from 'postgres';
import { toMonitorSpec } from '../src/config/parse.js';
import { MonitorConfig, PageConfig } from '../src/config/schema.js';
import { LATENCY_BOUNDS_MS, HIST_SIZE } from '../src/core/latency.js';
import { rollupChecks } from '../src/core/rollup.js';
import { hourStart } from '../src/core/time.js';
import type { Verdict } from '../src/core/types.js';
import { connectDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { createApp } from '../src/http/app.js';
import { silentLog } from '../src/log.js';
import { ratio, scratchDatabase } from './lib.js';

const MONITORS = Number(process.argv[2] ?? 100);
const DAYS = Number(process.argv[3] ?? 90);
const RUNS = 200;

const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const timed = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await run();
  console.log(`  ${label}: ${seconds(performance.now() - t)}`);
  return out;
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]!, min: s[0]! };
};

const db = await scratchDatabase();
const gen = postgres(db.url, { max: 1, onnotice: () => undefined });
const handle = connectDb(db.url, { max: 4 });
try {
  await applyMigrations(db.url);
  const specs = Array.from({ length: MONITORS }, (_, i) =>
    toMonitorSpec(MonitorConfig.parse({ id: `m${i}`, name: `Monitor ${i}`, component: `Component ${i % 10}`, url: `http://127.0.0.1:9/m${i}` })),
  );
  await syncMonitors(handle.sql, specs, now);

  console.log(`generating ${MONITORS} monitors × ${DAYS} days × 1 check/min in ${new URL(db.url).pathname.slice(1)}`);
  await gen`set work_mem = '256MB'`;
  await gen`set maintenance_work_mem = '1GB'`;
  // Throw-away data: no WAL, and the indexes are built once after the load (same definitions as the migration).
  const indexes = await gen<{ def: string; name: string }[]>`select indexdef as def, indexname as name from pg_indexes where tablename = 'checks' and indexname <> 'checks_pkey'`;
  await gen`alter table checks set unlogged`;
  for (const ix of indexes) await gen.unsafe(`drop index ${ix.name}`);
  const from = new Date(now.getTime() - DAYS * 86400_000).toISOString();
  await gen`select setseed(0.42)`; // the same data on every run (one connection: the seed is per session)
  await timed('raw checks (insert … select generate_series)', () => gen`
    insert into checks (monitor_id, at, slot, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, first_byte_ms, error_class, attempts)
    select m.id, t, t, v.verdict, false, case when v.verdict = 'down' then 503 else 200 end, v.ms, 2, 5, v.ms - 10,
      case when v.verdict = 'down' then 'http_status' end, 1
    from monitors m
    cross join generate_series(${from}::timestamptz, ${now.toISOString()}::timestamptz, interval '1 minute') t
    cross join lateral (select random() + 0 * extract(epoch from t) as r) r -- correlated, so drawn per row
    cross join lateral (select case when r.r < 0.004 then 'down' when r.r < 0.02 then 'degraded' else 'up' end as verdict,
      (20 + floor(random() * 480))::real as ms offset 0) v`);
  await timed('indexes', async () => {
    for (const ix of indexes) await gen.unsafe(ix.def);
  });
  const [{ n }] = (await gen`select count(*)::int as n from checks`) as unknown as [{ n: number }];
  console.log(`  ${n.toLocaleString('en')} raw checks`);

  // Rollups with SQL, by the rule of core/rollup.ts: maintenance counted apart, latency of answered checks only,
  // histogram bucket = first bound ≥ latency (latencies are whole milliseconds here, so width_bucket(ms − 1)).
  const bounds = `'{${LATENCY_BOUNDS_MS.join(',')}}'::real[]`;
  const histOf = (col: string) => `array[${Array.from({ length: HIST_SIZE }, (_, i) => `coalesce(sum(${col}) filter (where idx = ${i}), 0)::int`).join(', ')}]`;
  await timed('hourly rollups', async () => {
    await gen.unsafe(`create temp table g as
      select monitor_id, date_trunc('hour', at) as hour, verdict, in_maintenance,
        case when verdict <> 'down' then width_bucket(latency_ms - 1, ${bounds}) end as idx,
        count(*)::int as n, sum(latency_ms)::float8 as s, min(latency_ms) as mn, max(latency_ms) as mx
      from checks group by 1, 2, 3, 4, 5`);
    await gen.unsafe(`insert into rollups_hourly (monitor_id, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_min, latency_max, hist)
      select monitor_id, hour,
        coalesce(sum(n) filter (where not in_maintenance and verdict = 'up'), 0), coalesce(sum(n) filter (where not in_maintenance and verdict = 'degraded'), 0),
        coalesce(sum(n) filter (where not in_maintenance and verdict = 'down'), 0), coalesce(sum(n) filter (where in_maintenance), 0),
        coalesce(sum(s) filter (where verdict <> 'down'), 0), coalesce(sum(n) filter (where verdict <> 'down'), 0),
        min(mn) filter (where verdict <> 'down'), max(mx) filter (where verdict <> 'down'), ${histOf('n')}
      from g group by monitor_id, hour`);
  });
  await timed('daily rollups', () => gen.unsafe(`insert into rollups_daily (monitor_id, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_min, latency_max, hist)
    select monitor_id, date_trunc('day', bucket), sum(up), sum(degraded), sum(down), sum(maintenance), sum(latency_sum), sum(latency_count),
      min(latency_min), max(latency_max), array[${Array.from({ length: HIST_SIZE }, (_, i) => `sum(hist[${i + 1}])::int`).join(', ')}]
    from rollups_hourly group by 1, 2`));
  await timed('vacuum analyze', () => gen`vacuum analyze`.simple());

  // The SQL above must agree with the tick's own rollup code: recompute one hour with core/rollup.ts.
  const sample = await gen<{ at: Date; verdict: Verdict; latency_ms: number }[]>`
    select at, verdict, latency_ms from checks where monitor_id = 'm0' and at >= date_trunc('hour', ${now.toISOString()}::timestamptz) - interval '5 hours'
      and at < date_trunc('hour', ${now.toISOString()}::timestamptz) - interval '4 hours'`;
  const [expected] = rollupChecks(sample.map((c) => ({ monitorId: 'm0', at: c.at, verdict: c.verdict, inMaintenance: false, latencyMs: c.latency_ms })), hourStart);
  const [stored] = await gen<{ up: number; degraded: number; down: number; latency_count: number; hist: number[] }[]>`
    select up, degraded, down, latency_count, array_to_json(hist) as hist from rollups_hourly where monitor_id = 'm0' and bucket = ${expected!.bucket.toISOString()}::timestamptz`;
  const same = stored && JSON.stringify([stored.up, stored.degraded, stored.down, stored.latency_count, stored.hist]) === JSON.stringify([expected!.up, expected!.degraded, expected!.down, expected!.latencyCount, expected!.hist]);
  console.log(`  SQL rollup of one hour equals core/rollup.ts: ${same ? 'yes' : 'NO'}`);

  const app = createApp({ sql: () => handle.sql, page: PageConfig.parse({}), clock: () => now, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('unused'); } });
  const path = `/api/v1/uptime?from=${encodeURIComponent(windowEndingAt(now, WINDOWS['90d']).from.toISOString())}`;
  const call = async () => {
    const t = performance.now();
    const res = await app.request(path);
    const body = (await res.json()) as { from: string; to: string; monitors: Array<{ id: string; uptime: number | null }> };
    return { ms: performance.now() - t, body };
  };
  for (let i = 0; i < 20; i++) await call(); // warm the pool, the plan cache and the buffer cache
  const apiTimes: number[] = [];
  let body!: Awaited<ReturnType<typeof call>>['body'];
  for (let i = 0; i < RUNS; i++) ({ ms: apiTimes[i], body } = await call());

  const rawScan = () => gen<{ monitor_id: string; ok: number; counted: number }[]>`
    select monitor_id, count(*) filter (where verdict <> 'down' and not in_maintenance)::int as ok, count(*) filter (where not in_maintenance)::int as counted
    from checks where at >= ${body.from}::timestamptz and at < ${body.to}::timestamptz group by monitor_id`;
  await rawScan();
  const rawTimes: number[] = [];
  let raw: Array<{ monitor_id: string; ok: number; counted: number }> = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    raw = await rawScan();
    rawTimes.push(performance.now() - t);
  }
  const rawById = new Map(raw.map((r) => [r.monitor_id, r.counted ? r.ok / r.counted : null]));
  const mismatches = body.monitors.filter((m) => m.uptime !== rawById.get(m.id));

  const api = stats(apiTimes);
  const scan = stats(rawTimes);
  console.log(`\nGET ${path} (${body.monitors.length} monitors, ${n.toLocaleString('en')} raw checks), server time over ${RUNS} runs:`);
  console.log(`  median ${api.median.toFixed(2)} ms, p95 ${api.p95.toFixed(2)} ms, min ${api.min.toFixed(2)} ms (target ≤ 10 ms: ${api.median <= 10 ? 'met' : 'MISSED'})`);
  console.log(`raw scan of the checks for the same window (median of 3): ${scan.median.toFixed(0)} ms`);
  console.log(`ratio raw scan / endpoint: ${ratio(scan.median, api.median)}×`);
  console.log(`uptime per monitor equals the raw count: ${mismatches.length === 0 ? 'yes, all' : `NO (${mismatches.length} differ)`} ${body.monitors.length}`);
} finally {
  await gen.end();
  await handle.close();
  // BENCH_KEEP=1 keeps the database for EXPLAIN sessions (its name is printed at the top); drop it by hand after.
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${db.url}`);
  else await db.drop();
}

// What keeping the page digests costs the tick (src/db/page-digests.ts): N monitors (default 10,000) with 90 days
// of daily and 24 h of hourly rollups; times the first refresh, a refresh with everything current, and the first
// refresh of a new hour; then what it buys: the page's daily read with digests against the same read from the
// rollups alone (the baseline, same run).
import postgres from 'postgres';
import { applyMigrations } from '../src/db/migrate.js';
import { digestTargets, refreshPageDigests } from '../src/db/page-digests.js';
import { snapshotWindows } from '../src/snapshot/build.js';
import { readRollups } from '../src/snapshot/queries.js';
import { scratchDatabase } from './lib.js';
const N = Number(process.env.N ?? 10000);
const scratch = await scratchDatabase();
await applyMigrations(scratch.url);
const sql = postgres(scratch.url, { max: 2, onnotice: () => undefined });
try {
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  await sql`insert into monitors (id, name, component_id, spec, spec_hash, interval_seconds, position) select 'm' || g, 'M' || g, 'c', '{}'::jsonb, 'h', 60, g from generate_series(1, ${N}) g`;
  await sql`insert into rollups_daily (monitor_id, bucket, up, latency_count, latency_max, hist)
    select 'm' || g, ${today.toISOString()}::timestamptz - make_interval(days => d), 1440, 1440, 300, array[0,0,0,0,1000,300,0,140,0,0,0,0,0,0,0,0,0,0,0,0]
    from generate_series(1, ${N}) g, generate_series(0, 90) d`;
  await sql`insert into rollups_hourly (monitor_id, bucket, up, latency_count, latency_max, hist)
    select 'm' || g, date_trunc('hour', ${now.toISOString()}::timestamptz) - make_interval(hours => h), 60, 60, 300, array[0,0,0,0,40,15,0,5,0,0,0,0,0,0,0,0,0,0,0,0]
    from generate_series(1, ${N}) g, generate_series(0, 24) h`;
  await sql`analyze`;
  const ids = new Map(Array.from({ length: N }, (_, i) => [`m${i + 1}`, now] as [string, Date]));
  let t0 = performance.now();
  await sql.begin((tx) => refreshPageDigests(tx, ids, digestTargets(now)));
  console.log(`first digests for ${N} monitors (daily + hourly): ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  await sql.begin((tx) => refreshPageDigests(tx, ids, digestTargets(now)));
  console.log(`a tick with every digest current (${N} monitors): ${(performance.now() - t0).toFixed(0)} ms`);
  await sql`update page_digests set through = through - interval '1 hour' where kind = 'h'`;
  t0 = performance.now();
  await sql.begin((tx) => refreshPageDigests(tx, ids, digestTargets(now)));
  console.log(`first tick of an hour (hourly digests only, ${N} monitors): ${(performance.now() - t0).toFixed(0)} ms`);
  const w = snapshotWindows(now);
  const timeRead = async () => {
    const xs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await readRollups(sql, w.daysSince, w.histSince);
      xs.push(performance.now() - t);
    }
    return xs.sort((a, b) => a - b)[3]!;
  };
  const withDigests = await timeRead();
  await sql`delete from page_digests`;
  const rollupsOnly = await timeRead();
  console.log(`page's daily read for ${N} monitors: ${withDigests.toFixed(0)} ms with digests vs ${rollupsOnly.toFixed(0)} ms from rollups alone → ${(withDigests / rollupsOnly).toFixed(2)}x`);
} finally {
  await sql.end();
  await scratch.drop();
}

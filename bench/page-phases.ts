// Where a cold status page's time goes: each of the three reads on its own, the three side by side, assembling
// the snapshot, and rendering the HTML into bytes as the app does, for the same data as bench/page.ts. Prints
// medians and p95s.
import { cpus, loadavg } from 'node:os';
import postgres from 'postgres';
import { parseConfig, toMonitorSpec } from '../src/config/parse.js';
import { PageConfig, type MonitorConfig } from '../src/config/schema.js';
import { componentId } from '../src/core/ids.js';
import { applyMigrations } from '../src/db/migrate.js';
import { digestTargets, refreshPageDigests } from '../src/db/page-digests.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { renderStatusPage } from '../src/http/page-routes.js';

import { assembleSnapshot } from '../src/snapshot/assemble.js';
import { buildSnapshot, snapshotWindows, RECENT_INCIDENTS } from '../src/snapshot/build.js';
import { readIncidents, readRollups, readState } from '../src/snapshot/queries.js';
import { seedIncidents, seedRollups } from '../test/helpers/page-data.js';
import { scratchDatabase } from './lib.js';

const RUNS = Number(process.env.RUNS ?? 40);
const scratch = await scratchDatabase();
await applyMigrations(scratch.url);
const sql = postgres(scratch.url, { max: 4, fetch_types: false, onnotice: () => undefined });
try {
  const now = new Date();
  const monitors = Array.from({ length: 100 }, (_, i) => ({
    id: `m${i}`, name: `Monitor ${i}`, component: `Service ${Math.floor(i / 2)} ${i % 2 ? 'Website' : 'API'}`, group: `Group ${Math.floor(i / 20)}`, url: 'http://127.0.0.1:9/',
  }));
  const specs = parseConfig({ monitors }, 'bench').monitors.map((m) => toMonitorSpec(m as MonitorConfig));
  await syncMonitors(sql, specs, now);
  await sql`update monitor_state set status = 'up'`;
  await seedRollups(sql, specs.map((s) => s.id), now);
  await seedIncidents(sql, 1000, [...new Set(specs.map((s) => componentId(s.component)))], now);
  // The page digests of closed days and hours, as the tick keeps them after recording (src/db/page-digests.ts).
  await sql.begin((tx) => refreshPageDigests(tx, new Map(specs.map((s) => [s.id, now])), digestTargets(now)));
  await sql`analyze`;
  const w = snapshotWindows(now);
  const page = PageConfig.parse({ title: 'Bench status' });
  const timed = async (name: string, f: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < RUNS + 5; i++) {
      const t0 = performance.now();
      await f();
      if (i >= 5) xs.push(performance.now() - t0);
    }
    xs.sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} p50 ${xs[Math.floor(RUNS / 2)]!.toFixed(1).padStart(6)} ms  p95 ${xs[Math.ceil(RUNS * 0.95) - 1]!.toFixed(1).padStart(6)} ms`);
  };
  const state = await readState(sql, now, w.daysSince, w.hoursSince);
  const rollups = await readRollups(sql, w.daysSince, w.histSince);
  const incidents = await readIncidents(sql, w.daysSince, RECENT_INCIDENTS);
  const snap = assembleSnapshot(state, rollups, incidents, now, 3);
  await timed('readState', () => readState(sql, now, w.daysSince, w.hoursSince));
  await timed('readRollups', () => readRollups(sql, w.daysSince, w.histSince));
  await timed('readIncidents', () => readIncidents(sql, w.daysSince, RECENT_INCIDENTS));
  await timed('3 reads side by side', () => Promise.all([readState(sql, now, w.daysSince, w.hoursSince), readRollups(sql, w.daysSince, w.histSince), readIncidents(sql, w.daysSince, RECENT_INCIDENTS)]));
  await timed('assemble', () => assembleSnapshot(state, rollups, incidents, now, 3));
  await timed('render + encode', async () => await renderStatusPage(snap, page, now.getTime(), false));
  await timed('build (reads+assemble)', () => buildSnapshot(sql, now));
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await sql.end();
  await scratch.drop();
}

// How many monitors per second Lookout probes, evaluates and records into Postgres, next to a raw undici loop
// doing the same requests (fresh connection each, as Lookout does) in the same run. Usage:
//   npm run bench:probe [-- N] [CONCURRENCY]        (defaults 10000 monitors, 1000 in flight, server answers after 100 ms)
import { Client } from 'undici';
import type { HttpMonitorSpec } from '../src/core/monitor.js';
import { toMonitorSpec } from '../src/config/parse.js';
import { MonitorConfig } from '../src/config/schema.js';
import { connectDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { syncMonitors } from '../src/db/sync-config.js';
import { silentLog } from '../src/log.js';
import { createNodeProbe } from '../src/probe/node-probe.js';
import { mapBounded } from '../src/scheduler/map-bounded.js';
import { tick } from '../src/scheduler/tick.js';
import { ratio, scratchDatabase, startSlowServer } from './lib.js';

const N = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 1000);

const server = await startSlowServer(100);
const db = await scratchDatabase();
try {
  await applyMigrations(db.url);
  const { sql, close } = connectDb(db.url, { max: 4 });
  const specs = Array.from({ length: N }, (_, i): HttpMonitorSpec =>
    toMonitorSpec(MonitorConfig.parse({ id: `m${i}`, name: `Monitor ${i}`, component: `Component ${i % 50}`, url: `${server.url}/m${i}`, interval: 60 })) as HttpMonitorSpec,
  );
  await syncMonitors(sql, specs, new Date());

  const measure = async (run: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return { perSecond: (N / ms) * 1000, cpuMsPerCheck: (used.user + used.system) / 1000 / N, ms };
  };

  // Warm-up (JIT, connection paths) on a slice, then the real runs.
  await mapBounded(specs.slice(0, 500), CONCURRENCY, (s) => rawProbe(s.url));
  const raw = await measure(() => mapBounded(specs, CONCURRENCY, (s) => rawProbe(s.url)));
  const report = { claimed: 0, recorded: 0 };
  const lookout = await measure(async () => {
    const r = await tick({ sql, probe: createNodeProbe(), clock: () => new Date(), sleep: async () => undefined, log: silentLog, owner: 'bench', concurrency: CONCURRENCY });
    if (r.error) throw new Error(r.error);
    Object.assign(report, r);
  });
  const [{ n }] = (await sql`select count(*)::int as n from checks`) as unknown as [{ n: number }];
  await close();

  console.log(`monitors: ${N}, in flight: ${CONCURRENCY}, server delay: 100 ms, checks recorded: ${n}`);
  console.log(`raw undici loop:     ${raw.perSecond.toFixed(0)} probes/s, ${raw.cpuMsPerCheck.toFixed(3)} ms CPU per probe`);
  console.log(`lookout tick:        ${lookout.perSecond.toFixed(0)} monitors/s (claim + probe + evaluate + record), ${lookout.cpuMsPerCheck.toFixed(3)} ms CPU per check`);
  console.log(`ratio lookout/raw:   ${ratio(lookout.perSecond, raw.perSecond)} (target >= 0.5; and >= 1000 monitors/s)`);
} finally {
  server.child.kill();
  await db.drop();
}

async function rawProbe(url: string): Promise<void> {
  const u = new URL(url);
  const client = new Client(u.origin, { pipelining: 0 });
  try {
    const res = await client.request({ path: u.pathname, method: 'GET' });
    await res.body.text();
  } finally {
    await client.destroy();
  }
}

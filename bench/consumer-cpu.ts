// CPU per probe of the Worker's queue consumer inside workerd, and the monitors a minute it projects to. The bundle
// `wrangler deploy --dry-run` makes runs in Miniflare (workerd) with a real Queue; scheduled() plans N monitors
// against a local server, the consumers probe and record them into a scratch Postgres database, and the workerd
// process's own CPU time (/proc, user + system) is read around it: planner + consumers + postgres.js, not Postgres
// or the target. Usage:
//   npx tsx bench/consumer-cpu.ts [N=2000] [CONSUMERS=250] [PROBE_MS=300]
// Model (printed next to the figures): one consumer invocation probes 5 at a time (6 connections less 1 for
// Postgres), so its probe-bound rate is 5 × 60 000 / PROBE_MS a minute; its CPU-bound rate is 60 000 / cpuPerProbe
// (one core per invocation); projected = CONSUMERS × min(both). Records cost one transaction per 20 monitors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// miniflare comes with wrangler (its dependency, the same version wrangler dev runs), not listed on its own.
import { Miniflare } from 'miniflare';
import postgres from 'postgres';
import { applyMigrations } from '../src/db/migrate.js';
import { scratchDatabase, startSlowServer } from './lib.js';

const N = Number(process.argv[2] ?? 2000);
const CONSUMERS = Number(process.argv[3] ?? 250);
const PROBE_MS = Number(process.argv[4] ?? 300);

const outdir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
execFileSync('node_modules/.bin/wrangler', ['deploy', '--dry-run', '--outdir', outdir], { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'ignore' });
const server = await startSlowServer(0);
const db = await scratchDatabase();
const cpuMsOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
};
const workerdPids = () => execFileSync('pgrep', ['-P', String(process.pid), 'workerd']).toString().trim().split('\n').map(Number);
try {
  await applyMigrations(db.url);
  const config = { monitors: Array.from({ length: N }, (_, i) => ({ id: `m${i}`, name: `M ${i}`, component: `C ${i % 50}`, url: `${server.url}/m${i}`, retryDelay: 0 })) };
  const mf = new Miniflare({
    modules: true, modulesRoot: outdir, scriptPath: join(outdir, 'worker.js'), compatibilityDate: '2026-05-01', compatibilityFlags: ['nodejs_compat'],
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }],
    bindings: { DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config), LOOKOUT_QUEUE_SPREAD_SECONDS: '0' },
    queueProducers: { PROBE_QUEUE: 'lookout-probes' },
    queueConsumers: { 'lookout-probes': { maxBatchSize: 5, maxBatchTimeout: 1, maxRetries: 0 } },
  });
  // The Fetcher type under the Node tsconfig is the DOM one; workerd's own has scheduled().
  const worker = (await mf.getWorker()) as unknown as { scheduled(o: { cron: string }): Promise<unknown> };
  const sql = postgres(db.url, { max: 1, onnotice: () => undefined });
  // Warm-up: the config sync (N monitors) runs here, so the measured minute is planning and probing only.
  await sql`select 1`;
  const [pid] = workerdPids();
  await worker.scheduled({ cron: '* * * * *' });
  await sql`update monitor_state set next_check_at = now() - interval '1 second', lease_owner = null, lease_until = null`;
  await sql`delete from checks`;
  const cpu0 = cpuMsOf(pid!);
  const t0 = performance.now();
  await worker.scheduled({ cron: '* * * * *' });
  for (;;) {
    const [{ n }] = await sql<[{ n: number }]>`select count(*)::int as n from checks`;
    if (n >= N) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsOf(pid!) - cpu0;
  const perProbe = cpuMs / N;
  const probeBound = (5 * 60_000) / PROBE_MS;
  const cpuBound = 60_000 / perProbe;
  console.log(JSON.stringify({ monitors: N, wallMs: Math.round(wallMs), workerdCpuMs: Math.round(cpuMs), cpuMsPerProbe: Number(perProbe.toFixed(3)) }));
  console.log(`model: per consumer ${Math.round(probeBound)} probes/min if each takes ${PROBE_MS} ms (5 slots), ${Math.round(cpuBound)} probes/min CPU-bound`);
  console.log(`projected: ${CONSUMERS} consumers × ${Math.round(Math.min(probeBound, cpuBound))} = ${Math.round(CONSUMERS * Math.min(probeBound, cpuBound)).toLocaleString('en')} monitors/minute (target ≥ 10,000)`);
  await sql.end();
  await mf.dispose();
} finally {
  server.child.kill();
  await db.drop();
}

// The cost of watching in steady operation (issue 20): Lookout started as `npm start` starts it (the bundle
// build/node/node.js with the script's environment and node flags, embedded Postgres in a temporary data directory,
// a generated config via LOOKOUT_CONFIG) with N monitors at a 20 s interval against a local target answering after
// 100 ms. After a warm-up it measures, over a window: checks recorded per minute against the number due, CPU per
// check over the whole process tree (Node and every Postgres process, /proc/<pid>/stat), summed PSS
// (/proc/<pid>/smaps_rollup), database growth per check (pg_database_size and pg_total_relation_size per table), and
// the Node/Postgres split of the CPU. With BENCH_CPU_PROF=1 it also profiles the Node process and splits its CPU
// into probing, recording and site refresh.
//
//   npm run bench:steady [-- MONITORS]       env: BENCH_MONITORS, BENCH_WARMUP (s, 60), BENCH_SECONDS (s, 180),
//                                            BENCH_CRON (LOOKOUT_CRON for the run), BENCH_CPU_PROF=1,
//                                            BENCH_NODE_ARGS (more node flags), BENCH_NODE_LOG (file for its stdout)
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startSlowServer } from './lib.js';
import { freePort } from '../src/free-port.js';
import { buildEntryPoints, nodeArgsOf, scriptEnvOf } from '../test/helpers/start-command.js';

const N = Number(process.argv[2] ?? process.env.BENCH_MONITORS ?? 1000);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 60);
const MEASURE_S = Number(process.env.BENCH_SECONDS ?? 180);
const INTERVAL_S = 20;
const PROFILE = process.env.BENCH_CPU_PROF === '1';
/** Uptime Kuma 2.5.3, same machine and workload (issue 20, 2026-12-01). */
const KUMA = { checksPerMinute: 2999, cpuMsPerCheck: [5.4, 6.6], pssMb: 226, bytesPerCheck: 160 };

const dir = await mkdtemp(join(tmpdir(), 'lookout-steady-'));
const started: ChildProcess[] = [];
let lookout: ChildProcess | null = null;
let db: postgres.Sql | null = null;

async function cleanUp(): Promise<void> {
  await db?.end({ timeout: 2 }).catch(() => undefined);
  if (lookout?.pid && lookout.exitCode === null) {
    // Lookout's own graceful shutdown stops the embedded server; the process group is killed if it hangs.
    lookout.kill('SIGTERM');
    const exited = new Promise((r) => lookout!.once('exit', r));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    try {
      process.kill(-lookout.pid, 'SIGKILL');
    } catch {}
  }
  await stopPostmaster(join(dir, 'data', 'pg'));
  for (const c of started) c.kill();
  await rm(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanUp().finally(() => process.exit(130)));


async function main(): Promise<void> {
  const target = await startSlowServer(100);
  started.push(target.child);
  await writeFile(join(dir, 'config.json'), JSON.stringify({
    monitors: Array.from({ length: N }, (_, i) => ({
      id: `m${i}`, name: `Monitor ${i}`, component: `Component ${i % 50}`, url: `${target.url}/m${i}`, interval: INTERVAL_S, timeoutMs: 5000,
    })),
  }));
  const port = await freePort();
  const profDir = join(dir, 'prof');
  await mkdir(profDir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...scriptEnvOf('start'), PORT: String(port), LOOKOUT_DATA_DIR: join(dir, 'data'), LOOKOUT_CONFIG: join(dir, 'config.json') };
  delete env.DATABASE_URL;
  if (process.env.BENCH_CRON) env.LOOKOUT_CRON = process.env.BENCH_CRON;
  // `npm start` itself (its build, then its node flags and entry point), so the bench runs what users run.
  buildEntryPoints();
  const startArgs = nodeArgsOf('start');
  const extraArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const nodeArgs = [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...extraArgs, ...startArgs];
  const spawnedAt = Date.now();
  lookout = spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const lines: string[] = [];
  let pgPort = 0;
  let listening = false;
  let buffered = '';
  lookout.stdout!.on('data', (d: Buffer) => {
    buffered += String(d);
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    if (process.env.BENCH_NODE_LOG) appendFileSync(process.env.BENCH_NODE_LOG, parts.map((l) => `${Date.now() - spawnedAt} ${l}\n`).join(''));
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 50) lines.shift();
      const msg = safeJson(line);
      if (msg?.msg === 'embedded Postgres started') pgPort = Number(msg.port);
      if (msg?.msg === 'status page listening') listening = true;
      if (msg?.level === 'error') console.error(`lookout: ${line}`);
    }
  });
  const exited = new Promise<never>((_, reject) => lookout!.once('exit', (code) => reject(new Error(`lookout exited (${code}) early:\n${lines.join('\n')}`))));
  await Promise.race([exited, waitFor(() => listening, 120_000, 'lookout did not start listening')]);
  const { password } = JSON.parse(await readFile(join(dir, 'data', 'embedded-postgres.json'), 'utf8')) as { password: string };
  db = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/postgres`, { max: 1, onnotice: () => undefined });
  const benchBackend = (await db<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
  // The warm-up starts once every monitor has been checked: on a loaded machine the start (config sync, the first
  // round of N due monitors at once) can outlast a fixed warm-up and land in the window.
  await Promise.race([exited, waitForFirstRound(db, N)]);
  console.log(`${N} monitors every ${INTERVAL_S} s, cron ${env.LOOKOUT_CRON ?? 'default'}; each checked once after ${fmtS(Date.now() - spawnedAt)}; warming up ${WARMUP_S} s, then measuring ${MEASURE_S} s${PROFILE ? ' (with --cpu-prof)' : ''}`);
  await Promise.race([exited, sleep(WARMUP_S * 1000)]);

  const before = await sample(lookout.pid!, benchBackend, db);
  const loads: string[] = [loadAvg()];
  const pss: number[] = [];
  const pssSplits: string[] = [];
  const measureEnd = Date.now() + MEASURE_S * 1000;
  while (Date.now() < measureEnd) {
    await Promise.race([exited, sleep(Math.min(30_000, measureEnd - Date.now()))]);
    const split = new Map<string, { kb: number; n: number }>();
    pss.push(await treePss(lookout.pid!, benchBackend, split));
    pssSplits.push([...split].map(([name, e]) => `${name} ${(e.kb / 1024).toFixed(0)}`).join('+'));
    loads.push(loadAvg());
  }
  const after = await sample(lookout.pid!, benchBackend, db);
  const pssByName = new Map<string, { kb: number; n: number }>();
  await treePss(lookout.pid!, benchBackend, pssByName);
  const gaps = await db<{ p50: number; p99: number; max: number }[]>`
    select percentile_cont(0.5) within group (order by gap) as p50, percentile_cont(0.99) within group (order by gap) as p99, max(gap) as max
    from (select at, extract(epoch from at - lag(at) over (partition by monitor_id order by at))::float8 as gap from checks) g
    where gap is not null and at >= ${new Date(before.at).toISOString()}::timestamptz`;

  const minutes = (after.at - before.at) / 60_000;
  const checks = after.checks - before.checks;
  const due = (N * 60) / INTERVAL_S;
  const cpuMs = after.cpu.total - before.cpu.total;
  const cpuNode = after.cpu.node - before.cpu.node;
  const cpuPg = after.cpu.postgres - before.cpu.postgres;
  const perCheck = cpuMs / checks;
  const pssMb = Math.max(...pss) / 1024;
  const dbGrowth = after.dbSize - before.dbSize;
  const fmt = (x: number | null, d = 2) => (x ?? Number.NaN).toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const kumaCpu = (KUMA.cpuMsPerCheck[0]! + KUMA.cpuMsPerCheck[1]!) / 2;

  console.log(`\nwindow ${fmt(minutes)} min; load average (1/5/15 min) during the window: ${loads.join(' → ')}`);
  console.log(`checks per minute   ${fmt(checks / minutes, 0)} of ${due} due (${fmt((100 * checks) / (minutes * due), 1)} %)   Kuma ${KUMA.checksPerMinute}: ratio ${fmt(checks / minutes / KUMA.checksPerMinute)}`);
  console.log(`  gap between a monitor's checks: p50 ${fmt(gaps[0]!.p50, 1)} s, p99 ${fmt(gaps[0]!.p99, 1)} s, max ${fmt(gaps[0]!.max, 1)} s (interval ${INTERVAL_S} s)`);
  console.log(`CPU per check       ${fmt(perCheck, 3)} ms (tree; ${fmt(cpuMs / 1000, 1)} s CPU over ${checks} checks)   Kuma ${KUMA.cpuMsPerCheck.join('-')} ms: Lookout uses ${fmt(perCheck / kumaCpu, 3)}× of it (target ≤ 0.6 ms)`);
  console.log(`  Node ${fmt(cpuNode / checks, 3)} ms (${fmt((100 * cpuNode) / cpuMs, 0)} %), Postgres ${fmt(cpuPg / checks, 3)} ms (${fmt((100 * cpuPg) / cpuMs, 0)} %), ${after.cpu.processes} processes; ${fmt(cpuMs / 1000 / (minutes * 60) * 100, 0)} % of one core`);
  const threads = Object.entries(after.cpu.nodeThreads).map(([name, ms]) => [name, ms - (before.cpu.nodeThreads[name] ?? 0)] as const).filter(([, ms]) => ms > 0);
  console.log(`  Node by thread: ${threads.sort((a, b) => b[1] - a[1]).map(([name, ms]) => `${name} ${fmt(ms / checks, 3)} ms`).join(', ')}`);
  console.log(`PSS, summed         ${fmt(pssMb, 1)} MB (max of ${pss.length} samples; last ${fmt(pss.at(-1)! / 1024, 1)})   Kuma ${KUMA.pssMb} MB: ratio ${fmt(pssMb / KUMA.pssMb)} (target ≤ 150 MB)`);
  console.log(`  samples (MB): ${pssSplits.join(', ')}`);
  console.log(`  at the end: ${[...pssByName].map(([name, e]) => `${name} ×${e.n} ${fmt(e.kb / 1024, 1)} MB`).join(', ')}`);
  console.log(`database growth     ${fmt(dbGrowth / checks, 1)} B per check (pg_database_size +${fmt(dbGrowth / 1024 / 1024, 2)} MB; ${fmt((dbGrowth / minutes) * 60 / 1024 / 1024, 1)} MB/h)   Kuma ≈ ${KUMA.bytesPerCheck} B: ratio ${fmt(dbGrowth / checks / KUMA.bytesPerCheck)} (target ≤ 160 B)`);
  for (const [table, size] of Object.entries(after.tables)) {
    const grew = size - (before.tables[table] ?? 0);
    if (grew !== 0 || size > 64 * 1024) console.log(`  ${table.padEnd(22)} +${fmt(grew / checks, 1)} B per check (now ${fmt(size / 1024 / 1024, 2)} MB)`);
  }
  if (PROFILE) {
    // The profile is written when the process exits: stop it now, then read it.
    await db.end();
    db = null;
    lookout.kill('SIGTERM');
    await new Promise((r) => lookout!.once('exit', r));
    const file = (await readdir(profDir)).find((f) => f.endsWith('.cpuprofile'));
    if (file) printProfile(JSON.parse(await readFile(join(profDir, file), 'utf8')) as CpuProfile, before.at - spawnedAt, after.at - spawnedAt);
    if (file && process.env.BENCH_KEEP_PROF) await writeFile(process.env.BENCH_KEEP_PROF, JSON.stringify({ window: [before.at - spawnedAt, after.at - spawnedAt] }) + "\n" + (await readFile(join(profDir, file), "utf8")));
  }
}

interface Sample {
  at: number;
  checks: number;
  dbSize: number;
  tables: Record<string, number>;
  cpu: { total: number; node: number; postgres: number; processes: number; nodeThreads: Record<string, number> };
}

async function sample(root: number, benchBackend: number, sql: postgres.Sql): Promise<Sample> {
  const at = Date.now();
  const cpu = await treeCpu(root, benchBackend);
  const [row] = await sql<{ checks: number; size: number }[]>`
    select (select count(*) from checks)::int as checks, pg_database_size(current_database())::float8 as size`;
  const tables = await sql<{ name: string; size: number }[]>`
    select c.relname as name, pg_total_relation_size(c.oid)::float8 as size from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by size desc`;
  return { at, checks: row!.checks, dbSize: row!.size, tables: Object.fromEntries(tables.map((t) => [t.name, t.size])), cpu };
}

/** Every live process under `root` (itself included). */
async function processTree(root: number): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

const TICKS_PER_MS = 100 / 1000; // USER_HZ = 100 on Linux

/**
 * CPU of the tree in ms: utime + stime of each live process plus cutime + cstime (its exited, reaped children,
 * e.g. Postgres backends that ended), so nothing is counted twice or lost. The bench's own backend is left out.
 */
async function treeCpu(root: number, exclude: number): Promise<Sample['cpu']> {
  const cpu = { total: 0, node: 0, postgres: 0, processes: 0, nodeThreads: {} as Record<string, number> };
  for (const pid of await processTree(root)) {
    if (pid === exclude) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat) continue;
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the name, from 0: state(0) … utime(11) stime(12) cutime(13) cstime(14).
    const ms = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_MS;
    cpu.total += ms;
    cpu.processes++;
    if (comm === 'node') {
      cpu.node += ms;
      // By thread: the main thread (JS), libuv's pool (zlib compression of the site, DNS), V8's (GC, compiler).
      for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
        const t = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
        if (!t) continue;
        const name = Number(tid) === pid ? 'main thread' : t.slice(t.indexOf('(') + 1, t.lastIndexOf(')')).replace(/\d+$/, '').trim();
        const tf = t.slice(t.lastIndexOf(')') + 2).split(' ');
        cpu.nodeThreads[name] = (cpu.nodeThreads[name] ?? 0) + (Number(tf[11]) + Number(tf[12])) / TICKS_PER_MS;
      }
    } else cpu.postgres += ms;
  }
  return cpu;
}

/** Summed PSS of the tree in kB, less the bench's own backend; `byName` gets the split by process name (node, postgres, …). */
async function treePss(root: number, exclude: number, byName?: Map<string, { kb: number; n: number }>): Promise<number> {
  let kb = 0;
  for (const pid of await processTree(root)) {
    if (pid === exclude) continue;
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const one = Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
    kb += one;
    if (byName) {
      const name = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
      const e = byName.get(name) ?? { kb: 0, n: 0 };
      byName.set(name, { kb: e.kb + one, n: e.n + 1 });
    }
  }
  return kb;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Node's CPU in the window by what it was doing: the innermost frame that names a part of Lookout (or a library
 * only one part uses) decides. postgres.js parses results in socket callbacks, so its time is shown on its own.
 */
function printProfile(p: CpuProfile, fromMs: number, toMs: number): void {
  // Profile times are monotonic microseconds from about the process start; the window is given as ms since spawn.
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const category = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = byId.get(cur)!.callFrame;
      if (functionName === '(idle)') return 'idle';
      if (functionName === '(garbage collector)') return 'garbage collector';
      if (/\/src\/(site|snapshot|page)\/|hono\/dist\/jsx|node:zlib/.test(url)) return 'site refresh (read/assemble/render/compress)';
      if (/\/src\/db\/tick-store|\/src\/core\/rollup|\/src\/alerts\//.test(url)) return 'recording (tick-store, rollups, alerts)';
      if (/\/src\/probe\/|node_modules\/undici\/|\/src\/scheduler\/evaluate/.test(url)) return 'probing (undici, evaluate)';
      if (/node_modules\/postgres\//.test(url)) return 'postgres.js driver (recording + site reads)';
      if (/node_modules\/node-cron\//.test(url)) return 'cron';
    }
    return 'other (node internals, timers, sockets)';
  };
  const totals = new Map<string, number>();
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    const ms = (t - p.startTime) / 1000;
    if (ms < fromMs || ms > toMs) continue;
    const c = category(p.samples[i]!);
    totals.set(c, (totals.get(c) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
  console.log('\nNode CPU profile (the window, by the innermost part of Lookout on the stack):');
  const busy = [...totals].filter(([c]) => c !== 'idle').reduce((s, [, v]) => s + v, 0);
  for (const [c, v] of [...totals].sort((a, b) => b[1] - a[1])) {
    if (c !== 'idle') console.log(`  ${c.padEnd(46)} ${(v / 1000).toFixed(1)} s (${((100 * v) / busy).toFixed(0)} %)`);
  }
}

async function stopPostmaster(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}

function loadAvg(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join('/');
}

function safeJson(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmtS = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

async function waitForFirstRound(sql: postgres.Sql, monitors: number): Promise<void> {
  const end = Date.now() + 600_000;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from monitor_state where last_check_at is not null`;
    if (row!.n >= monitors) return;
    if (Date.now() > end) throw new Error(`only ${row!.n} of ${monitors} monitors checked after 10 minutes`);
    await sleep(1000);
  }
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(what);
    await sleep(100);
  }
}


try {
  await main();
} catch (err) {
  console.error(`bench:steady failed: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

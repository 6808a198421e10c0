// Outage onset → signed webhook received, with three locations (acceptance 6 of issue 13): a central Lookout and
// three agents as child processes on 127.0.0.1, one monitor every 10 s, the target starting to fail for every
// location at a random moment. Each trial measures from the moment the target fails to a verified monitor.down at
// the receiver. Baseline in the same run: one Lookout process without locations, same monitor, same target.
// Target: p95 ≤ interval + 15 s. Uses the Postgres on 127.0.0.1:5432 (LOOKOUT_BENCH_PG overrides), in a throw-away database.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { applyMigrations } from '../src/db/migrate.js';
import { withDatabase } from '../test/helpers/databases.js';
import { startCluster, waitFor, type Cluster } from '../test/helpers/locations-cluster.js';

const INTERVAL = 10;
const TRIALS = Number(process.argv[2] ?? 8);
const SERVER = process.env.LOOKOUT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withDatabaseOf<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `lookout_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  try {
    const url = withDatabase(SERVER, name);
    await applyMigrations(url);
    return await run(url);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Seconds from each onset to the first verified monitor.down after it. */
async function measure(cluster: Cluster, label: string): Promise<number[]> {
  const hook = new Webhook(cluster.hookSecrets[0]!);
  const receiver = cluster.receivers[0]!;
  const downsAfter = (n: number) => receiver.received.slice(n).filter((r) => r.json.type === 'monitor.down');
  const recovered = () => receiver.received.filter((r) => r.json.type === 'monitor.recovered').length;
  await waitFor(async () => (await fetch(`${cluster.centralUrl}/api/v1/monitors`).then((r) => r.json()) as { monitors: Array<{ status: string }> }).monitors[0]?.status === 'up', 90_000, () => `${label}: never up\n${cluster.output().slice(-3000)}`);
  const out: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL * 1000));
    const seen = receiver.received.length;
    const onset = Date.now();
    for (const id of ['us-east', 'us-west', 'eu-west', 'local']) cluster.failing.set(id, 'http');
    await waitFor(() => downsAfter(seen).length > 0, 120_000, () => `${label}: no monitor.down\n${cluster.output().slice(-3000)}`);
    const got = downsAfter(seen)[0]!;
    hook.verify(got.body, got.headers as Record<string, string>); // throws unless signed with the endpoint's secret
    const at = got.at;
    out.push((at - onset) / 1000);
    process.stdout.write(`${label} trial ${i + 1}: ${((at - onset) / 1000).toFixed(1)} s\n`);
    const before = recovered();
    cluster.failing.clear();
    await waitFor(() => recovered() > before, 120_000, () => `${label}: no recovery\n${cluster.output().slice(-3000)}`);
  }
  return out;
}

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

const results: Record<string, number[]> = {};
for (const [label, locations] of [['one process, no locations (baseline)', false], ['three agents, quorum 2', true]] as const) {
  results[label] = await withDatabaseOf(async (url) => {
    const cluster = await startCluster({ databaseUrl: url, interval: INTERVAL, resolveAfter: 2, receivers: 1, locations, pollSeconds: 1 });
    try {
      return await measure(cluster, label);
    } finally {
      await cluster.close();
    }
  });
}
const budget = INTERVAL + 15;
const [base, located] = Object.values(results) as [number[], number[]];
console.log(`\nonset → signed monitor.down, interval ${INTERVAL} s, ${TRIALS} trials each (budget p95 ≤ ${budget} s)`);
for (const [label, xs] of Object.entries(results)) {
  console.log(`${label.padEnd(40)} p50 ${p(xs, 0.5).toFixed(1)} s  p95 ${p(xs, 0.95).toFixed(1)} s  max ${Math.max(...xs).toFixed(1)} s  p95/budget ${(p(xs, 0.95) / budget).toFixed(2)}`);
}
console.log(`three locations vs one process: p50 ×${(p(located, 0.5) / p(base, 0.5)).toFixed(2)}, p95 ×${(p(located, 0.95) / p(base, 0.95)).toFixed(2)}`);
console.log(p(located, 0.95) <= budget ? 'PASS' : 'FAIL');

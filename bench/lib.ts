import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Start bench/slow-server.ts in a child process; resolves with its URL. */
export async function startSlowServer(delayMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/slow-server.ts'], { env: { ...process.env, DELAY_MS: String(delayMs) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (d) => resolve(String(d).trim())));
  return { url: `http://127.0.0.1:${port}`, child };
}

/** A throw-away database on the server at `serverUrl` (default: the local Postgres). */
export async function scratchDatabase(serverUrl = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lookout_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const ratio = (a: number, b: number) => (a / b).toFixed(2);

export interface LoadResult {
  rps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon in its own process, so the load generator does not share the servers' event loop. */
export async function autocannon(target: string, o: { connections: number; seconds: number; headers?: Record<string, string>; timeoutSeconds?: number; method?: string; body?: string }): Promise<LoadResult> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const args = ['node_modules/autocannon/autocannon.js', '-c', String(o.connections), '-d', String(o.seconds), '-t', String(o.timeoutSeconds ?? 10), '-j'];
  if (o.method) args.push('-m', o.method);
  if (o.body !== undefined) args.push('-b', o.body);
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, target], { maxBuffer: 16 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; non2xx: number; errors: number; timeouts: number };
  return { rps: r.requests.average, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
}

export function percentile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

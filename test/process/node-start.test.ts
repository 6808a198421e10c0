// The README's start command, for real: a Node process with the embedded Postgres, no DATABASE_URL, no set-up.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';
import { nodeArgsOf, scriptEnvOf } from '../helpers/start-command.js';

let dir: string;
let target: LocalServer;
let port: number;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookout-start-'));
  target = await startServer((_req, res) => res.end('ok'));
  port = await closedPort();
  const monitors = ['a', 'b', 'c'].map((id) => ({ id, name: `Monitor ${id}`, component: 'App (API)', url: `${target.url}/${id}`, interval: 10 }));
  await writeFile(join(dir, 'config.json'), JSON.stringify({ monitors }));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await stopEmbeddedServer();
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

function startLookout(): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...scriptEnvOf('start'), PORT: String(port), LOOKOUT_DATA_DIR: join(dir, 'data'), LOOKOUT_CONFIG: join(dir, 'config.json'), LOOKOUT_CRON: '*/2 * * * * *' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, nodeArgsOf('start'), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

async function waitForHealth(child: ChildProcess, withinMs: number): Promise<number> {
  const started = Date.now();
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  while (Date.now() - started < withinMs) {
    if (child.exitCode !== null) throw new Error(`Lookout exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /healthz within ${withinMs} ms:\n${output}`);
}

/** Connect to the embedded server the way an operator would: port from postmaster.pid, password from the data dir. */
async function embeddedSql(): Promise<postgres.Sql> {
  const pid = (await readFile(join(dir, 'data', 'pg', 'postmaster.pid'), 'utf8')).split('\n');
  const { password } = JSON.parse(await readFile(join(dir, 'data', 'embedded-postgres.json'), 'utf8')) as { password: string };
  return postgres({ host: '127.0.0.1', port: Number(pid[3]), user: 'postgres', password, database: 'postgres', max: 1, onnotice: () => undefined });
}

async function checkIds(): Promise<number[]> {
  const sql = await embeddedSql();
  try {
    return (await sql<{ id: number }[]>`select id from checks order by id`).map((r) => Number(r.id));
  } finally {
    await sql.end();
  }
}

async function waitForChecks(min: number): Promise<number[]> {
  for (let i = 0; i < 100; i++) {
    const ids = await checkIds().catch(() => []);
    if (ids.length >= min) return ids;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${min} checks recorded`);
}

async function stopEmbeddedServer(): Promise<void> {
  try {
    const pid = Number((await readFile(join(dir, 'data', 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGINT');
  } catch {
    // already stopped
  }
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.once('exit', () => r())));

describe('npm start on a fresh machine', () => {
  it('serves /healthz within 30 s with the embedded database, and keeps every check across a restart and a kill -9', { timeout: 120_000 }, async () => {
    const first = startLookout();
    expect(await waitForHealth(first, 30_000)).toBeLessThan(30_000);
    const before = await waitForChecks(3);

    first.kill('SIGTERM'); // graceful: finishes the tick, stops the embedded server
    await exited(first);
    expect(first.exitCode).toBe(0);

    const second = startLookout();
    await waitForHealth(second, 30_000);
    const afterRestart = await checkIds();
    expect(afterRestart.slice(0, before.length)).toEqual(before);

    second.kill('SIGKILL'); // a crash: the embedded postmaster is left running and holds the data directory
    await exited(second);
    const third = startLookout();
    await waitForHealth(third, 30_000);
    const afterCrash = await checkIds();
    expect(afterCrash.slice(0, afterRestart.length)).toEqual(afterRestart);

    const body = (await (await fetch(`http://127.0.0.1:${port}/api/v1/monitors`)).json()) as { monitors: Array<{ id: string; status: string }> };
    expect(body.monitors.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    third.kill('SIGTERM');
    await exited(third);
  });
});

describe('start-up refuses bad input with a clear message', () => {
  const run = (env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, nodeArgsOf('start'), { env: { ...process.env, ...scriptEnvOf('start'), PORT: '0', LOOKOUT_DATA_DIR: join(dir, 'never'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('names the file, the monitor and the field of an invalid config, and starts nothing', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ monitors: [{ id: 'web', name: 'Web', component: 'Website', url: 'not a url', interval: 1 }] }));
    const { code, output } = await run({ LOOKOUT_CONFIG: file });
    expect(code).toBe(1);
    expect(output).toContain('bad.json');
    expect(output).toContain('monitor "web" field "url"');
    expect(output).toContain('monitor "web" field "interval"');
    await expect(readFile(join(dir, 'never', 'pg', 'PG_VERSION'))).rejects.toThrow(); // no database was created
  });

  it('names an invalid environment variable', async () => {
    const { code, output } = await run({ PORT: 'eighty', LOOKOUT_ADMIN_TOKEN: 'short' });
    expect(code).toBe(1);
    expect(output).toContain('PORT');
    expect(output).toContain('LOOKOUT_ADMIN_TOKEN');
  });
});

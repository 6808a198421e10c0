// Reports through the real entry point (src/node.ts as `npm start` runs it, on a test database): posts answered by
// the node:http fast path, counted, flushed, judged after the ticks, and the notice published; a graceful stop
// writes what was still pending.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { closedPort, startServer, type LocalServer } from '../helpers/servers.js';
import { nodeArgsOf, scriptEnvOf } from '../helpers/start-command.js';

let dir: string;
let db: TestDb;
let target: LocalServer;
let port: number;
let child: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookout-reports-'));
  db = await createTestDb(dbTargets()[1]!.url, { history: false });
  target = await startServer((_req, res) => res.end('ok'));
  port = await closedPort();
  const config = {
    monitors: [{ id: 'x-app-api', name: 'X app API', component: 'App (API)', group: 'X', url: `${target.url}/`, interval: 10 }],
    reports: { trustProxyHeader: 'x-test-client', flushSeconds: 1 },
  };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await target?.close();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(what: string, f: () => Promise<T | undefined>, withinMs = 30_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const report = (ip: string) =>
  fetch(`http://127.0.0.1:${port}/reports`, { method: 'POST', body: new URLSearchParams({ component: 'app-api', category: 'won-t-load' }), headers: { 'x-test-client': ip }, redirect: 'manual' });

describe('reports in the running process', () => {
  it('counts posts, shows the notice once the ticks judge them, and writes pending counts on a graceful stop', { timeout: 90_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...scriptEnvOf('start'), PORT: String(port), DATABASE_URL: db.url, LOOKOUT_CONFIG: join(dir, 'config.json'), LOOKOUT_CRON: '*/2 * * * * *', LOOKOUT_REFRESH_SECONDS: '0' };
    child = spawn(process.execPath, nodeArgsOf('start'), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await until('/healthz', async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined)).catch((err) => {
      throw new Error(`${err.message}\n${output}`);
    });

    for (let i = 0; i < 15; i++) expect((await report(`10.20.${i}.5`)).status).toBe(303);
    const page = await until('the notice', async () => {
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      return html.includes('Users are reporting problems with App (API)') ? html : undefined;
    });
    expect(page).toContain('X: 15 reports in the last 24 hours');
    const [event] = await db.sql<{ type: string }[]>`select type from alert_outbox where type = 'reports.spike'`;
    expect(event?.type).toBe('reports.spike');

    // Posted just before a graceful stop: written on the way out.
    expect((await report('10.30.0.5')).status).toBe(303);
    child.kill('SIGTERM');
    await new Promise<void>((r) => (child!.exitCode !== null ? r() : child!.once('exit', () => r())));
    expect(child.exitCode).toBe(0);
    const [row] = await db.sql<{ n: number }[]>`select sum(reports)::int as n from report_counts`;
    expect(row!.n).toBe(16);
  });
});

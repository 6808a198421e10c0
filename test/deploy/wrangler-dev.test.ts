// The Worker as `wrangler dev --test-scheduled` runs it: wrangler's own bundle in workerd, the cron handler reached
// through /__scheduled, static assets in front. The workers project tests the handlers; this tests the packaging.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startServer, type LocalServer } from '../helpers/servers.js';

const root = resolve(import.meta.dirname, '../..');
let db: TestDb;
let target: LocalServer;
let persist: string;
let dev: ChildProcess | undefined;
let base: string;
let output = '';

beforeAll(async () => {
  db = await createTestDb(dbTargets().find((t) => t.name === 'real')!.url);
  target = await startServer((req, res) => {
    res.statusCode = req.url === '/ok' ? 200 : 500;
    res.end();
  });
  persist = await mkdtemp(join(tmpdir(), 'lookout-wrangler-dev-'));
  const config = {
    monitors: [
      { id: 'dev-up', name: 'Up', component: 'App (API)', url: `${target.url}/ok`, retryDelay: 0 },
      { id: 'dev-fail', name: 'Failing', component: 'Website', url: `${target.url}/fail`, retryDelay: 0 },
    ],
  };
  // Its own process group, so that workerd goes down with wrangler (killing only wrangler leaves it running).
  dev = spawn(join(root, 'node_modules/.bin/wrangler'), [
    'dev', '--ip', '127.0.0.1', '--port', '0', '--inspector-port', '0', '--test-scheduled', '--show-interactive-dev-session=false',
    '--persist-to', persist, '--var', `DATABASE_URL:${db.url}`, '--var', `LOOKOUT_CONFIG_JSON:${JSON.stringify(config)}`,
  ], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' } });
  base = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`wrangler dev did not start:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ready(m[1]!);
      }
    };
    dev!.stdout!.on('data', onData);
    dev!.stderr!.on('data', onData);
    dev!.on('exit', (code) => fail(new Error(`wrangler dev exited with ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once('exit', r));
    process.kill(-dev.pid, 'SIGTERM');
    await exited;
  }
  await target?.close();
  await db?.drop();
  if (persist) await rm(persist, { recursive: true, force: true });
});

describe('wrangler dev --test-scheduled', () => {
  it('runs scheduled() from /__scheduled and records both monitors', async () => {
    const res = await fetch(`${base}/__scheduled?cron=*+*+*+*+*`);
    expect(res.status).toBe(200);
    // The tick runs under waitUntil, after the response: wait for its transaction to commit.
    let rows: Array<{ monitor_id: string; verdict: string; status_code: number | null; error_class: string | null }> = [];
    for (let i = 0; i < 100 && rows.length < 2; i++) {
      rows = await db.sql`select monitor_id, verdict, status_code, error_class from checks order by monitor_id`;
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([
      { monitor_id: 'dev-fail', verdict: 'down', status_code: 500, error_class: 'http_status' },
      { monitor_id: 'dev-up', verdict: 'up', status_code: 200, error_class: null },
    ]);
  });

  it('serves the API from the Worker and robots.txt from the assets', async () => {
    // wrangler dev runs the probe queue of wrangler.toml: the consumers recorded after that scheduled() published
    // the site, so the next minute's scheduled() is what publishes their results (README: at most a minute behind).
    expect((await fetch(`${base}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
    let api: { monitors: Array<{ id: string; status: string }> } = { monitors: [] };
    for (let i = 0; i < 50; i++) {
      api = (await (await fetch(`${base}/api/v1/monitors`)).json()) as typeof api;
      if (api.monitors.every((m) => m.status !== 'unknown')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(api.monitors.map((m) => [m.id, m.status])).toEqual([['dev-up', 'up'], ['dev-fail', 'down']]);
    const robots = await fetch(`${base}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toContain('User-agent');
  });
});

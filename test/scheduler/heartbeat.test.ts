// Heartbeat monitors: beats through the real route, the missing-beat decision by the real tick, a fake clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHeartbeatTokens } from '../../src/config/heartbeat-token.js';
import { parseConfig, toMonitorSpec } from '../../src/config/parse.js';
import { PageConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { heartbeatSpec } from '../helpers/specs.js';
import { fakeClock, runTick } from '../helpers/tick.js';

const TOKEN = 'beat-token-0123456789abcdef';
let db: TestDb;
const clock = fakeClock(new Date('2026-03-10T15:00:00Z'));
const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({}), clock: clock.now, log: silentLog, adminToken: 'admin-token-0123456789', runTick: async () => { throw new Error('unused'); } });
let server: ReturnType<typeof app>;
const beat = (path: string, init?: RequestInit) => server.request(`/api/v1/heartbeats/${path}`, init);
const state = async () => (await db.sql<{ status: string; last_error_class: string | null; last_error: string | null }[]>`select status, last_error_class, last_error from monitor_state where monitor_id = 'backup'`)[0]!;
const tick = async () => {
  const r = await runTick(db.sql, clock.now);
  expect(r.error).toBeUndefined();
  return state();
};

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  // period 5 min, grace 1 min, checked by the tick every minute.
  await syncMonitors(db.sql, [heartbeatSpec({ id: 'backup', name: 'Nightly backup', component: 'Backups', period: 300, grace: 60, interval: 60 }, { BEAT_TOKEN: TOKEN })], clock.now());
  server = app();
});
afterAll(() => db.drop());

describe('heartbeat monitors', () => {
  it('stays up while beats come on time, is down once period + grace pass without one, recovers on the next', async () => {
    expect((await beat(TOKEN)).status).toBe(200);
    expect(await tick()).toMatchObject({ status: 'up' });
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      expect((await tick()).status).toBe('up'); // 4 minutes since the beat: within the period
    }
    clock.advance(60_000);
    expect((await beat(TOKEN, { method: 'POST', body: 'done in 3 s' })).status).toBe(200); // on time, by POST
    for (let i = 0; i < 6; i++) {
      clock.advance(60_000);
      expect((await tick()).status).toBe('up'); // up to period + grace (6 min) after the beat
    }
    clock.advance(60_000);
    expect(await tick()).toMatchObject({ status: 'down', last_error_class: 'heartbeat_missed' });
    expect((await beat(TOKEN)).status).toBe(200);
    clock.advance(60_000);
    expect(await tick()).toMatchObject({ status: 'up', last_error_class: null });
  });

  it('is down when a beat reports failure (/fail or a non-zero status), up again on a good beat', async () => {
    expect((await beat(`${TOKEN}/fail`)).status).toBe(200);
    clock.advance(60_000);
    expect(await tick()).toMatchObject({ status: 'down', last_error_class: 'heartbeat_failed' });
    expect((await beat(`${TOKEN}?status=0`)).status).toBe(200);
    clock.advance(60_000);
    expect((await tick()).status).toBe('up');
    expect((await beat(`${TOKEN}?status=2`, { method: 'POST' })).status).toBe(200);
    clock.advance(60_000);
    expect((await tick()).last_error_class).toBe('heartbeat_failed');
    expect((await beat(TOKEN)).status).toBe(200);
    clock.advance(60_000);
    expect((await tick()).status).toBe('up');
  });

  it('answers 404 to a wrong token, then 429 to a client that keeps guessing; the token is nowhere in public output', async () => {
    clock.advance(120_000); // a fresh rate-limit window
    const wrong = await beat('not-the-token-0123456789');
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await beat('short')).status).toBe(404);
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await beat(`guess-${i}-0123456789abcdef`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // Another client is not held up by that one.
    expect((await beat(TOKEN, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(200);
    const stored = await db.sql<{ spec: unknown }[]>`select spec from monitors where id = 'backup'`;
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    const api = await (await server.request('/api/v1/monitors')).text();
    expect(api).not.toContain(TOKEN);
    // The API shows the type and the last beat (the accepted one just above), nothing of the token.
    expect((JSON.parse(api) as { monitors: unknown[] }).monitors[0]).toMatchObject({ id: 'backup', type: 'heartbeat', lastBeatAt: clock.now().toISOString(), certificateExpiresAt: null });
    // The page shows a job's last check-in, never its token.
    const html = await (await server.request('/')).text();
    expect(html).toMatch(/: last check-in \d\d:\d\d UTC, just now/);
    expect(html).not.toContain(TOKEN);
  });

  it('rate-limits a flood of beats without a 5xx, recording at most the limit', async () => {
    clock.advance(120_000);
    const statuses = await Promise.all(Array.from({ length: 100 }, () => Promise.resolve(beat(TOKEN)).then((r) => r.status)));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(70);
  });
});

describe('heartbeat config', () => {
  const monitor = { id: 'job', name: 'Job', component: 'Jobs', type: 'heartbeat', period: 3600, token: { env: 'JOB_TOKEN' } };
  it('needs a token of at least 16 characters from the environment, named by monitor and field', () => {
    const specs = parseConfig({ monitors: [monitor] }, 'c.json').monitors.map(toMonitorSpec);
    expect(() => resolveHeartbeatTokens(specs, () => undefined, 'c.json')).toThrow(/monitor "job" field "token.env": environment variable JOB_TOKEN is not set/);
    expect(() => resolveHeartbeatTokens(specs, () => 'short', 'c.json')).toThrow(/JOB_TOKEN must hold at least 16 characters/);
    const [resolved] = resolveHeartbeatTokens(specs, () => TOKEN, 'c.json');
    expect(JSON.stringify(resolved)).not.toContain(TOKEN);
    expect(resolved).toMatchObject({ type: 'heartbeat', periodSeconds: 3600, graceSeconds: 60, tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
  it('rejects probe settings a heartbeat has no use for, and a token given inline', () => {
    expect(() => parseConfig({ monitors: [{ ...monitor, timeoutMs: 100 }] }, 'c')).toThrow(/monitor "job" field "\(the monitor itself\)".*timeoutMs/);
    expect(() => parseConfig({ monitors: [{ ...monitor, token: 'inline-secret-0123456789' }] }, 'c')).toThrow(/monitor "job" field "token"/);
  });
});

// The status page's snapshot on Workers: kept in the Cache API between invocations; a stale one is served at once
// and refreshed in the background (ctx.waitUntil) on this invocation's database client.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { cacheApiSnapshotStore, type CacheLike } from '../../src/snapshot/store.js';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
// Ids no other file uses: the Cache API key is the same for every Worker in this runtime.
const config = { monitors: [{ id: 'snap-api', name: 'Snapshot API', component: 'Snapshot component', url: `${target}/ok`, retryDelay: 0 }] };
const store = () => cacheApiSnapshotStore((caches as unknown as { default: CacheLike }).default);
let db: WorkersTestDb;
let testEnv: WorkerEnv;

beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config) };
});
afterAll(async () => {
  await db.drop();
});

const monitorIds = (s: { components: Array<{ monitors: Array<{ id: string }> }> } | null) => s?.components.flatMap((c) => c.monitors.map((m) => m.id));

describe('the page snapshot on Workers', () => {
  it('is stored by scheduled() after the tick', async () => {
    const ctx = createExecutionContext();
    const before = Date.now();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: before }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const saved = await store().load();
    expect(saved?.generatedAt).toBeGreaterThanOrEqual(before);
    expect(monitorIds(saved as never)).toContain('snap-api');
  });

  it('serves a stale snapshot at once and refreshes it after the response, before the client is closed', async () => {
    const old = await buildSnapshot(db.sql, new Date(Date.now() - 10 * 60_000));
    await store().save(old);
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>('https://lookout.example/'), testEnv, ctx);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    await waitOnExecutionContext(ctx);
    const refreshed = await store().load();
    expect(refreshed!.generatedAt).toBeGreaterThan(old.generatedAt + 5 * 60_000);
    expect(monitorIds(refreshed as never)).toContain('snap-api');
  });
});

// The published site on Workers: scheduled() publishes it to the Cache API; fetch() serves its bytes without a
// database query or a render, and goes on doing so when the database is gone.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import { appFor } from '../../src/worker-app.js';
import { readWorkerSettings, type WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
// Ids no other file uses: the Cache API is shared by every Worker in this runtime.
const config = { page: { title: 'Published on Workers' }, monitors: [{ id: 'pub-api', name: 'Published API', component: 'Published component', url: `${target}/ok`, retryDelay: 0 }] };
let db: WorkersTestDb;
let testEnv: WorkerEnv;

beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config) };
});
afterAll(async () => {
  await db.drop();
});

async function get(path: string, e: WorkerEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`https://lookout.example${path}`), e, ctx);
  await res.arrayBuffer().then((b) => Object.defineProperty(res, 'bytes', { value: b }));
  await waitOnExecutionContext(ctx);
  return res;
}
const text = (res: Response) => new TextDecoder().decode((res as unknown as { bytes: ArrayBuffer }).bytes);

/** Connections the test database has seen opened (Postgres' own counter, read on a connection of the test's). */
async function sessions(): Promise<number> {
  await db.sql`select pg_stat_clear_snapshot()`;
  const [row] = await db.sql<[{ n: number }]>`select sessions::int as n from pg_stat_database where datname = current_database()`;
  return row.n;
}

describe('the published site on Workers', () => {
  it('after one scheduled(), 200 requests for / cause no database query and no render, and show the data\'s "as of"', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), testEnv, ctx);
    await waitOnExecutionContext(ctx);
    const { site } = appFor(readWorkerSettings(testEnv));
    const rendersAfterPublish = site.counts.renders;
    expect(rendersAfterPublish).toBe(1);
    const [{ newest }] = await db.sql<[{ newest: Date }]>`select max(last_check_at) as newest from monitor_state`;
    await new Promise((r) => setTimeout(r, 1500)); // statistics reach pg_stat_database within a second or so
    const before = await sessions();
    for (let i = 0; i < 200; i++) {
      const res = await get('/', testEnv);
      expect(res.status).toBe(200);
      if (i === 0) expect(text(res)).toContain(`as of <time datetime="${newest.toISOString()}">`);
    }
    expect(site.counts.renders).toBe(rendersAfterPublish);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sessions()).toBe(before);
    // The counter sees a request that does read the database (recent checks are not published).
    expect((await get('/api/v1/monitors/pub-api/checks', testEnv)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sessions()).toBeGreaterThan(before);
  });

  it('answers / and the public reads with 200 from the Cache API when the database is unreachable', async () => {
    const dead: WorkerEnv = { ...testEnv, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/gone' };
    for (const path of ['/', '/api/v2/summary.json', '/api/v1/monitors', '/history.atom']) {
      const res = await get(path, dead);
      expect(res.status, path).toBe(200);
    }
    expect(text(await get('/', dead))).toContain('Published component');
  });
});

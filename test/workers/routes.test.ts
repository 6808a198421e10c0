// Every public read route of the shared Hono app, served by the Worker inside workerd: catches Node-only code
// (node:fs, Buffer, driver options the Workers client lacks) in any route. The v1 routes come from the app's own
// OpenAPI document, so a new route is covered without touching this file.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
const config = {
  // From the Worker's bundle (src/worker-history.ts), imported by scheduled()'s config sync.
  history: ['history/x.json'],
  monitors: [
    { id: 'r-api', name: 'API', component: 'App (API)', group: 'X', url: `${target}/ok`, retryDelay: 0 },
    { id: 'r-web', name: 'Web', component: 'Website', group: 'X', url: `${target}/fail`, retryDelay: 0 },
  ],
};
let db: WorkersTestDb;
let testEnv: WorkerEnv;

async function get(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request<unknown, IncomingRequestCfProperties>(`https://lookout.example${path}`), testEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config) };
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
});
afterAll(async () => {
  await db.drop();
});

describe('the public routes on Workers', () => {
  it('imported the history the config names, from the bundle, at the config sync', async () => {
    const rows = await db.sql<{ id: string; origin: string }[]>`select id, origin from incidents where origin = 'imported' order by id`;
    expect(rows).toEqual([{ id: 'x-2023-03-06', origin: 'imported' }, { id: 'x-2025-03-10', origin: 'imported' }]);
  });

  it('answers every GET route of the v1 OpenAPI document with 200 JSON', async () => {
    const doc = (await (await get('/api/v1/openapi.json')).json()) as { paths: Record<string, { get?: unknown }> };
    const components = (await (await get('/api/v1/components')).json()) as { components: Array<{ id: string }> };
    const incidents = (await (await get('/api/v1/incidents')).json()) as { incidents: Array<{ id: string }> };
    const ids: Record<string, string | undefined> = { monitors: 'r-api', components: components.components[0]?.id, incidents: incidents.incidents[0]?.id };
    const paths = Object.keys(doc.paths).filter((p) => doc.paths[p]!.get);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      const concrete = path.replace(/^\/(\w+)\/\{id\}/, (_m, kind: string) => `/${kind}/${encodeURIComponent(ids[kind] ?? 'missing-id')}`);
      expect(concrete, `no example id for ${path}`).not.toContain('missing-id');
      const res = await get(`/api/v1${concrete}`);
      expect([concrete, res.status]).toEqual([concrete, 200]);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      await res.arrayBuffer();
    }
  });

  it('answers the Statuspage-compatible v2 endpoints', async () => {
    for (const path of ['summary.json', 'status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json',
      'scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json']) {
      const res = await get(`/api/v2/${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(await res.json()).toHaveProperty('page');
    }
  });

  it('draws badges, writes the feeds and the Prometheus exposition', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/badges/monitors/r-api/status.svg', /^image\/svg\+xml/], ['/badges/components/x/uptime.svg?window=7d', /^image\/svg\+xml/],
      ['/badges/monitors/r-web/response-time.json', /^application\/json/], ['/history.atom', /^application\/atom\+xml/],
      ['/history.rss', /^application\/rss\+xml/], ['/metrics', /^text\/plain; version=0\.0\.4/],
    ];
    for (const [path, type] of cases) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('etag')).toMatch(/^"/);
      await res.arrayBuffer();
    }
    expect(await (await get('/metrics')).text()).toContain('lookout_monitor_checks_total{monitor="r-api",component="app-api"} 1');
  });

  it('renders the status page and the API reference', async () => {
    for (const path of ['/', '/api/v1/docs']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      await res.arrayBuffer();
    }
  });
});

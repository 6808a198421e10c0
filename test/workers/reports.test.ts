// Visitor reports inside workerd: POST /reports is counted in the Durable Object (which keeps the pending counts in
// its storage), scheduled() writes them to Postgres in one statement and publishes them, and the page shows them.
import { createExecutionContext, createScheduledController, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import worker from '../../src/worker.js';
import type { WorkerEnv } from '../../src/worker-env.js';
import { connectDb } from '../../src/db/client.js';
import { createWorkersTestDb, type WorkersTestDb } from './database.js';

const target = `http://127.0.0.1:${inject('workersTargetPort')}`;
// Components no other file uses.
const config = {
  page: { title: 'Reports on Workers' },
  monitors: [
    { id: 'rep-api', name: 'Reported API', component: 'Reported API', group: 'Reported', url: `${target}/ok`, retryDelay: 0 },
    { id: 'rep-web', name: 'Reported web', component: 'Reported web', group: 'Reported', url: `${target}/ok`, retryDelay: 0 },
  ],
  reports: { categories: { 'Reported web': ["Won't load", 'Other'] } },
};
let db: WorkersTestDb;
let testEnv: WorkerEnv;

beforeAll(async () => {
  db = await createWorkersTestDb();
  testEnv = { ...env, PROBE_QUEUE: undefined, DATABASE_URL: db.url, LOOKOUT_CONFIG_JSON: JSON.stringify(config) };
});
afterAll(async () => {
  await db.drop();
});

async function call(req: Request): Promise<{ res: Response; body: string }> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(req as Request<unknown, IncomingRequestCfProperties>, testEnv, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, body };
}

const report = (fields: Record<string, string>, ip: string, json = false) =>
  call(new Request('https://lookout.example/reports', {
    method: 'POST', redirect: 'manual',
    headers: { 'cf-connecting-ip': ip, ...(json ? { 'content-type': 'application/json', accept: 'application/json' } : { 'content-type': 'application/x-www-form-urlencoded' }) },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  }));

async function scheduled(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *', scheduledTime: Date.now() }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
}

describe('reports on Workers', () => {
  it('counts reports in the Durable Object, writes them at scheduled() and shows them on the page', async () => {
    await scheduled(); // the config synced, the site published
    const form = await report({ component: 'reported-web', category: 'won-t-load' }, '192.0.2.10');
    expect(form.res.status).toBe(303);
    expect(form.res.headers.get('location')).toBe('/#reported-reported-web');
    const json = await report({ component: 'reported-api', category: 'can-t-log-in' }, '2001:db8:1::7', true);
    expect(json.res.status).toBe(202);
    expect(JSON.parse(json.body)).toEqual({ received: true });
    // The same visitor again, and an IPv6 neighbour in the same /48: counted once, and as one network.
    expect((await report({ component: 'reported-api', category: 'other' }, '2001:db8:1::7', true)).res.status).toBe(202);
    expect((await report({ component: 'reported-api', category: 'other' }, '2001:db8:1:ff::8', true)).res.status).toBe(202);
    const bad = await report({ component: 'reported-web', category: 'can-t-log-in' }, '192.0.2.11');
    expect(bad.res.status).toBe(422);
    expect(bad.res.headers.get('content-type')).toBe('application/problem+json');

    // Nothing in Postgres yet; the object holds the counts, in its storage too.
    expect(await db.sql`select 1 from report_counts`).toHaveLength(0);
    const stub = testEnv.REPORTS.get(testEnv.REPORTS.idFromName('reports'));
    const stored = await runInDurableObject(stub, (_o, state) => state.storage.get<Array<{ componentId: string; reports: number }>>('pending'));
    expect(stored?.reduce((n, r) => n + r.reports, 0)).toBe(3);

    await scheduled();
    const rows = await db.sql<{ component_id: string; category: string; reports: number; sources: number }[]>`
      select component_id, category, sum(reports)::int as reports, sum(sources)::int as sources from report_counts group by 1, 2 order by 1, 2`;
    expect(rows).toEqual([
      { component_id: 'reported-api', category: 'can-t-log-in', reports: 1, sources: 1 },
      { component_id: 'reported-api', category: 'other', reports: 1, sources: 0 },
      { component_id: 'reported-web', category: 'won-t-load', reports: 1, sources: 1 },
    ]);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.get('pending'))).toBeUndefined();

    const page = await call(new Request('https://lookout.example/'));
    expect(page.res.status).toBe(200);
    expect(page.body).toContain('data-report="reported-web"');
    expect(page.body).toContain('Reported: 3 reports in the last 24 hours · 67 % Reported API, 33 % Reported web');
    const api = await call(new Request('https://lookout.example/api/v1/reports'));
    expect(JSON.parse(api.body).services).toMatchObject([{ id: 'reported', total: 3 }]);
  });

  it('keeps a batch whose write failed in the object and writes it once the next minute', async () => {
    const total = async () => (await db.sql<{ n: number }[]>`select coalesce(sum(reports), 0)::int as n from report_counts`)[0]!.n;
    const before = await total();
    expect((await report({ component: 'reported-web', category: 'other' }, '198.51.100.20')).res.status).toBe(303);
    // A database without Lookout's tables: the write fails (as would any failure after the take).
    const admin = connectDb(inject('workersPgAdminUrl'), { workers: true, max: 1 });
    const empty = `${inject('workersDbPrefix')}empty${crypto.randomUUID().slice(0, 8)}`;
    await admin.sql.unsafe(`create database ${empty}`);
    const good = testEnv;
    const emptyUrl = new URL(inject('workersPgAdminUrl'));
    emptyUrl.pathname = `/${empty}`;
    testEnv = { ...good, DATABASE_URL: emptyUrl.toString() };
    try {
      await scheduled();
    } finally {
      testEnv = good;
      await admin.sql.unsafe(`drop database if exists ${empty} with (force)`);
      await admin.close();
    }
    const stub = testEnv.REPORTS.get(testEnv.REPORTS.idFromName('reports'));
    const held = await runInDurableObject(stub, (_o, state) => state.storage.get<{ id: string; rows: Array<{ reports: number }> }>('in-flight'));
    expect(held?.rows.reduce((n, r) => n + r.reports, 0)).toBe(1);
    await scheduled();
    expect(await total()).toBe(before + 1);
    expect(await runInDurableObject(stub, (_o, state) => state.storage.get('in-flight'))).toBeUndefined();
    // Written again (as if the confirmation had been lost): nothing added twice.
    const { addReportCounts } = await import('../../src/db/report-store.js');
    await addReportCounts(db.sql, held!.id, held!.rows as never);
    expect(await total()).toBe(before + 1);
  });
});

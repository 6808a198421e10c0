// The herd and the botnet, end to end on a real server and real Postgres: 10,000 reports from three network
// prefixes make no spike and no event; 500 distinct reporters across 200 prefixes make one spike, the banner and
// exactly one reports.spike event. No answer is a 5xx, and the database sees one statement per flush interval —
// counted from outside the app, on the wire: the app reaches Postgres only through a proxy that counts statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type DbHandle } from '../../src/db/client.js';
import { DEFAULT_SPIKE_POLICY } from '../../src/core/report-spike.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { fuseReports } from '../../src/reports/fuse.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { CLIENT_HEADER, startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import { startStatementCounter, type StatementCounter } from '../helpers/pg-statement-counter.js';
import { spec } from '../helpers/specs.js';

const FLUSH_SECONDS = 1;
const CATEGORIES = ['won-t-load', 'can-t-log-in', 'links-don-t-open', 'images-don-t-load', 'other'];

let db: TestDb;
let app: ReportsApp;
let counter: StatementCounter;
let appDb: DbHandle;
let ids = 0;
const newId = (p: string) => `${p}_${++ids}`;

beforeAll(async () => {
  const server = dbTargets()[1]!.url;
  db = await createTestDb(server, { history: false });
  await syncMonitors(db.sql, [
    spec({ id: 'x-app-api', name: 'X app API', component: 'App (API)', group: 'X', url: 'http://127.0.0.1:9/' }),
    spec({ id: 'x-website', name: 'X website', component: 'Website', group: 'X', url: 'http://127.0.0.1:9/' }),
  ], new Date());
  // The app's only way to the database: one connection through the counting proxy.
  counter = await startStatementCounter(db.url);
  appDb = connectDb(counter.url, { max: 1 });
  app = await startReportsApp(() => appDb.sql, { flushSeconds: FLUSH_SECONDS });
});
afterAll(async () => {
  await app?.close();
  await appDb?.close();
  await counter?.close();
  await db?.drop();
});

/** Send every report, 64 at a time; the status codes seen. */
async function send(reports: ReadonlyArray<{ address: string; component: string; category: string }>): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next < reports.length) {
      const r = reports[next++]!;
      const res = await fetch(`${app.base}/reports`, {
        method: 'POST', body: JSON.stringify({ component: r.component, category: r.category }),
        headers: { 'content-type': 'application/json', accept: 'application/json', [CLIENT_HEADER]: r.address },
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }));
  return statuses;
}

const spikeEvents = () => db.sql<{ id: string }[]>`select id from alert_outbox where type = 'reports.spike'`;
const counted = async (component: string) => (await db.sql<{ n: number }[]>`select coalesce(sum(reports), 0)::int as n from report_counts where component_id = ${component}`)[0]!.n;

describe('a flood of reports', () => {
  it('10,000 reports from three prefixes: no spike, no event, no 5xx, one statement per flush interval', async () => {
    await appDb.sql`select 1`; // the connection (and its type lookup) is made before counting
    const before = counter.statements;
    const statementsBefore = app.flusher.statements;
    const started = Date.now();
    const prefixes = ['203.0.113', '198.51.100', '192.0.2'];
    const flood = Array.from({ length: 10_000 }, (_, i) => ({ address: `${prefixes[i % 3]}.${(i * 7) % 256}`, component: 'app-api', category: CATEGORIES[i % 5]! }));
    const statuses = await send(flood);
    const elapsed = Date.now() - started;
    await app.flusher.flush();
    const after = counter.statements;

    expect([...statuses.keys()]).toEqual([202]);
    const statements = app.flusher.statements - statementsBefore;
    // Postgres saw exactly the flusher's statements, and the flusher at most one per interval (plus the last flush).
    expect(after - before).toBe(statements);
    expect(statements).toBeGreaterThan(0);
    // The counter does count: one more query through the app's connection is one more statement.
    await appDb.sql`select 1`;
    expect(counter.statements).toBe(after + 1);
    expect(statements).toBeLessThanOrEqual(Math.ceil(elapsed / (FLUSH_SECONDS * 1000)) + 1);
    // Three networks add at most their caps, and count as three sources.
    expect(await counted('app-api')).toBeLessThanOrEqual(60);
    const [sources] = await db.sql<{ n: number }[]>`select sum(sources)::int as n from report_counts`;
    expect(sources!.n).toBe(3);

    expect((await fuseReports(db.sql, new Date(), DEFAULT_SPIKE_POLICY, newId)).started).toBe(0);
    expect(await spikeEvents()).toEqual([]);
    expect(statuses.get(202)).toBe(10_000);
  });

  it('500 distinct reporters across 200 prefixes: one spike, the banner, exactly one reports.spike event', async () => {
    const before = counter.statements;
    const started = Date.now();
    const herd = Array.from({ length: 500 }, (_, i) => ({ address: `10.${i % 200}.${Math.floor(i / 200)}.9`, component: 'app-api', category: CATEGORIES[i % 5]! }));
    const statuses = await send(herd);
    expect([...statuses.keys()]).toEqual([202]);
    await app.flusher.flush();
    expect(counter.statements - before).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / (FLUSH_SECONDS * 1000)) + 1);
    expect(await counted('app-api')).toBeGreaterThanOrEqual(500);

    const now = new Date();
    expect((await fuseReports(db.sql, now, DEFAULT_SPIKE_POLICY, newId)).started).toBe(1);
    expect((await fuseReports(db.sql, new Date(now.getTime() + 5000), DEFAULT_SPIKE_POLICY, newId)).started).toBe(0);
    expect(await spikeEvents()).toHaveLength(1);
    await app.refresh();
    const html = await (await fetch(`${app.base}/`)).text();
    expect(html).toContain('Users are reporting problems with App (API)');
    expect(html).not.toContain('Users are reporting problems with Website');
  });
});

// Reports fused with the probes, against real Postgres, a real local target and the real report route: a spike
// while the probes say up is a notice (banner, one reports.spike event, no incident); while they confirm down it
// is evidence on the one incident; when it ends the notice clears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_POLICY } from '../../src/core/report-spike.js';
import { LookoutConfig } from '../../src/config/schema.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { silentLog } from '../../src/log.js';
import { createNodeReports } from '../../src/reports/node-reports.js';
import { fuseReports } from '../../src/reports/fuse.js';
import { wireAlerting } from '../helpers/alerting.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { CLIENT_HEADER, startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import { startServer } from '../helpers/servers.js';
import { spec } from '../helpers/specs.js';

let ids = 0;
const newId = (prefix: string) => `${prefix}_${++ids}`;
const policy = DEFAULT_SPIKE_POLICY;

/** `n` distinct reporters in `n` distinct /24s about a component. */
async function reportFrom(app: ReportsApp, n: number, component: string, category = 'won-t-load', octet = 1) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${app.base}/reports`, { method: 'POST', body: new URLSearchParams({ component, category }), headers: { [CLIENT_HEADER]: `10.${octet}.${i}.7` }, redirect: 'manual' });
    expect(res.status).toBe(303);
  }
  await app.flusher.flush();
}

async function setup(targetStatus: number) {
  const db = await createTestDb(dbTargets()[1]!.url, { history: false });
  const target = await startServer((_req, res) => {
    res.statusCode = targetStatus;
    res.end('x');
  });
  await syncMonitors(db.sql, [
    spec({ id: 'x-app-api', name: 'X app API', component: 'App (API)', group: 'X', url: `${target.url}/`, failuresBeforeDown: 1 }),
    spec({ id: 'x-website', name: 'X website', component: 'Website', group: 'X', url: `${target.url}/` }),
  ], new Date());
  const alerting = await wireAlerting(db.sql, () => new Date(), []);
  const app = await startReportsApp(() => db.sql);
  return { db, target, alerting, app, close: async () => Promise.all([app.close(), target.close()]).then(() => db.drop()) };
}

const events = (db: TestDb) => db.sql<{ type: string; payload: { data: Record<string, unknown> } }[]>`select type, payload from alert_outbox where type = 'reports.spike'`;
const incidents = (db: TestDb) => db.sql<{ id: string; origin: string }[]>`select id, origin from incidents where resolved_at is null`;

describe('probes up + spike', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup(200);
  });
  afterAll(() => s?.close());

  it('a few reporters are no spike; enough distinct networks make one notice and one reports.spike event, no incident', async () => {
    await s.alerting.tick();
    await reportFrom(s.app, 5, 'app-api');
    expect((await fuseReports(s.db.sql, new Date(), policy, newId)).started).toBe(0);
    await reportFrom(s.app, 20, 'app-api', 'won-t-load', 2);
    const now = new Date();
    expect(await fuseReports(s.db.sql, now, policy, newId)).toMatchObject({ started: 1, ended: 0 });
    // Judged again: still one spike, one event.
    expect((await fuseReports(s.db.sql, new Date(now.getTime() + 1000), policy, newId)).started).toBe(0);
    const sent = await events(s.db);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.data).toMatchObject({ source: 'reports', confirmed: false, summary: 'Users are reporting problems with App (API)', networks: 25, reports: 25, categories: { 'won-t-load': 25 } });
    expect(await incidents(s.db)).toEqual([]);

    await s.app.refresh();
    const html = await (await fetch(`${s.app.base}/`)).text();
    expect(html).toContain('Users are reporting problems with App (API)');
    expect(html).toContain('not a confirmed outage');
    const api = await (await fetch(`${s.app.base}/api/v1/reports`)).json();
    expect(api.notices).toMatchObject([{ componentId: 'app-api', component: 'App (API)', reports: 25, networks: 25, kind: 'reports' }]);
  });

  it('the spike ends once the reports stop: the notice clears, no new event', async () => {
    const later = new Date(Date.now() + 20 * 60_000);
    expect(await fuseReports(s.db.sql, later, policy, newId)).toMatchObject({ started: 0, ended: 1 });
    const [spike] = await s.db.sql<{ ended_at: Date | null }[]>`select ended_at from report_spikes`;
    expect(spike!.ended_at).not.toBeNull();
    await s.app.refresh();
    expect(await (await fetch(`${s.app.base}/`)).text()).not.toContain('Users are reporting problems');
    expect(await events(s.db)).toHaveLength(1);
  });
});

describe('probes down + spike', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup(503);
  });
  afterAll(() => s?.close());

  it('attaches the reports, split by component and category, to the one incident, with no notice or event', async () => {
    await s.alerting.tick();
    const open = await incidents(s.db);
    expect(open).toHaveLength(1);
    await reportFrom(s.app, 14, 'app-api', 'won-t-load');
    await reportFrom(s.app, 6, 'app-api', 'can-t-log-in', 3);
    await reportFrom(s.app, 12, 'website', 'images-don-t-load', 4);
    expect(await fuseReports(s.db.sql, new Date(), policy, newId)).toMatchObject({ started: 2 });
    expect(await incidents(s.db)).toEqual(open);
    expect(await events(s.db)).toEqual([]);
    const spikes = await s.db.sql<{ component_id: string; incident_id: string; reports: number; categories: Record<string, number> }[]>`
      select component_id, incident_id, reports, categories from report_spikes order by component_id`;
    expect(spikes).toEqual([
      { component_id: 'app-api', incident_id: open[0]!.id, reports: 20, categories: { 'won-t-load': 14, 'can-t-log-in': 6 } },
      { component_id: 'website', incident_id: open[0]!.id, reports: 12, categories: { 'images-don-t-load': 12 } },
    ]);

    await s.app.refresh();
    const home = await (await fetch(`${s.app.base}/`)).text();
    expect(home).not.toContain('Users are reporting problems');
    const page = await (await fetch(`${s.app.base}/incidents/${open[0]!.id}`)).text();
    expect(page).toContain('Problem reports');
    expect(page).toContain('App (API): 20 reports from visitors (up to 20 networks in 15 minutes)');
    expect(page).toContain('Won&#39;t load 14, Can&#39;t log in 6');
    expect(page).toContain('Website: 12 reports from visitors');
    expect(page).toContain('Images don&#39;t load 12');
  });
});

describe('Node: fusion reads only when there is something to judge', () => {
  it('looks once after the start, then only while this process counts reports or a spike is open', async () => {
    const db = await createTestDb(dbTargets()[0]!.url, { history: false });
    try {
      await syncMonitors(db.sql, [spec({ id: 'x-app-api', name: 'X app API', component: 'App (API)', group: 'X', url: 'http://127.0.0.1:9/' })], new Date());
      let reads = 0;
      const config = LookoutConfig.parse({ monitors: [{ id: 'x-app-api', name: 'X app API', component: 'App (API)', url: 'http://127.0.0.1:9/' }], reports: { minReporters: 2 } });
      const reports = createNodeReports({ config: config.reports, componentNames: ['App (API)'], sql: () => (reads++, db.sql), log: silentLog, clock: () => new Date() });
      expect(await reports.fuse()).toBe(false);
      expect(reads).toBe(1);
      expect(await reports.fuse()).toBe(false);
      expect(reads).toBe(1);
      // Reports counted here: judged (after the flush wrote them), and a spike opens.
      // Six networks: above the threshold of a quiet baseline (minimum 2, median 0 + 5 × at least 1).
      for (let i = 0; i < 6; i++) reports.intake.record(`10.9.${i}.1`, 'app-api', 'other');
      await reports.flusher.flush();
      const afterFlush = reads;
      expect(await reports.fuse()).toBe(true);
      expect(reads).toBe(afterFlush + 1);
      expect(await db.sql`select 1 from report_spikes where ended_at is null`).toHaveLength(1);
      await reports.flusher.stop();
    } finally {
      await db.drop();
    }
  });
});

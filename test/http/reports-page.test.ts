// Reports reach the page and /api/v1/reports through the refresh's reads (never per request): the form on each
// component, the 24-hour chart per service with the split by component, the series as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncMonitors } from '../../src/db/sync-config.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { CLIENT_HEADER, startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import { spec } from '../helpers/specs.js';

let db: TestDb;
let app: ReportsApp;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url, { history: false });
  await syncMonitors(db.sql, [
    spec({ id: 'm0', name: 'App (API)', component: 'App (API)', group: 'X', url: 'http://127.0.0.1:9/' }),
    spec({ id: 'm1', name: 'Website', component: 'Website', group: 'X', url: 'http://127.0.0.1:9/' }),
  ], new Date());
  app = await startReportsApp(() => db.sql, { config: { categories: { Website: ["Won't load", 'Other'] } } });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const report = (component: string, category: string, client: string) =>
  fetch(`${app.base}/reports`, { method: 'POST', body: new URLSearchParams({ component, category }), headers: { [CLIENT_HEADER]: client }, redirect: 'manual' });

describe('reports on the page and in /api/v1/reports', () => {
  it('shows a form per component with its categories, under a CSP that lets it post here only', async () => {
    await app.refresh();
    const res = await fetch(`${app.base}/`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(html).toContain('<form method="post" action="/reports" data-report="website">');
    expect(html).toContain('value="won-t-load"');
    expect(html).toMatch(/data-report="app-api">[\s\S]*value="can-t-log-in"/);
    expect(html).toContain('id="reported-website"');
    expect(html).toContain('X: 0 reports in the last 24 hours');
  });

  it('counts what was reported after the flush and the next refresh, with the split by component', async () => {
    for (const [i, c] of ['app-api', 'app-api', 'website'].entries()) expect((await report(c, c === 'website' ? 'other' : 'other', `192.0.${i}.1`)).status).toBe(303);
    // Not before the counts are written and the site refreshed: the page is the published one.
    expect(await (await fetch(`${app.base}/`)).text()).toContain('X: 0 reports');
    await app.flusher.flush();
    expect(await (await fetch(`${app.base}/`)).text()).toContain('X: 0 reports');
    await app.refresh();
    const html = await (await fetch(`${app.base}/`)).text();
    expect(html).toContain('X: 3 reports in the last 24 hours · 67 % App (API), 33 % Website');
    expect(html).toMatch(/aria-label="Reports about X, last 24 hours: 3; most in one hour 3/);

    const api = await fetch(`${app.base}/api/v1/reports`);
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
    const body = await api.json();
    expect(body.stepSeconds).toBe(3600);
    expect(body.services).toHaveLength(1);
    const [x] = body.services;
    expect(x).toMatchObject({ id: 'x', name: 'X', total: 3, components: [{ id: 'app-api', name: 'App (API)', reports: 2, percent: 67 }, { id: 'website', name: 'Website', reports: 1, percent: 33 }] });
    expect(x.hourly).toHaveLength(24);
    expect(x.hourly.reduce((n: number, h: { reports: number }) => n + h.reports, 0)).toBe(3);
    expect(x.hourly[23].reports).toBe(3);
    expect(body.notices).toEqual([]);
  });
});

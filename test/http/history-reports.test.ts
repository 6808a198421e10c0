// The imported X outage of 10 March 2025 carries Downdetector's report curve as the sources give it, and its
// incident page draws it: the figures, the 56 / 33 split, marked approximate, with the sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHistory } from '../../src/config/history.js';
import { importHistory } from '../../src/db/import-history.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { startReportsApp, type ReportsApp } from '../helpers/reports-app.js';
import xHistory from '../../history/x.json' with { type: 'json' };

let db: TestDb;
let app: ReportsApp;

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
  app = await startReportsApp(() => db.sql);
  await app.refresh();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('the X 2025 report curve', () => {
  it('is imported with the incident and drawn on its page, approximate, with the split and the sources', async () => {
    const [row] = await db.sql<{ curve: { points: Array<{ reports: number }>; split: Record<string, number>; approximate: boolean } }[]>`
      select curve from incident_report_curves where incident_id = 'x-2025-03-10'`;
    expect(row!.curve.points.map((p) => p.reports)).toEqual([21000, 40000, 1500]);
    expect(row!.curve).toMatchObject({ split: { 'App (API)': 56, Website: 33 }, approximate: true });

    const res = await fetch(`${app.base}/incidents/x-2025-03-10`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2 id="incident-reports">Problem reports</h2>');
    expect(html).toContain('Reports to Downdetector, <strong>approximate</strong> (as the press reported them)');
    expect(html).toContain('56 % App (API), 33 % Website');
    expect(html).toContain('more than 40,000 (second spike, 10 a.m. Eastern)');
    expect(html).toContain('about 21,000 (first spike, 6 a.m. Eastern)');
    expect(html).toContain('about 1,500 (evening)');
    expect(html).toMatch(/<svg viewBox="0 0 240 48" role="img" aria-label="Reports to Downdetector \(approximate\): about 21,000 [^"]*at 10:00 UTC;[^"]*56 % App \(API\), 33 % Website"/);
    expect(html).toMatch(/Figures from: <a href="https:\/\/www\.shropshirestar\.com\/[^"]+"/);
    // The 2023 incident has no curve: no section.
    expect(await (await fetch(`${app.base}/incidents/x-2023-03-06`)).text()).not.toContain('incident-reports');
  });

  it('follows the history file: importing again updates the curve, not the incident', async () => {
    const changed = structuredClone(xHistory);
    changed.incidents[1]!.reports!.points[0]!.reports = 22000;
    await importHistory(db.sql, [parseHistory(changed, 'history/x.json')], new Date());
    const [row] = await db.sql<{ curve: { points: Array<{ reports: number }> } }[]>`select curve from incident_report_curves where incident_id = 'x-2025-03-10'`;
    expect(row!.curve.points[0]!.reports).toBe(22000);
  });

  it('refuses a curve whose points are out of order or that names no source, naming the field', () => {
    const bad = structuredClone(xHistory);
    bad.incidents[1]!.reports!.points.reverse();
    (bad.incidents[1]!.reports as { sources: unknown[] }).sources = [];
    expect(() => parseHistory(bad, 'h.json')).toThrow(/h\.json[\s\S]*reports\.points[\s\S]*time order|h\.json[\s\S]*reports\.sources/);
    let message = '';
    try {
      parseHistory(bad, 'h.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('reports.sources');
  });
});

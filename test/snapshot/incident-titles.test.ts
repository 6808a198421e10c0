// The snapshot keeps whole incidents (timelines) only for the open ones and the 50 newest; the older incidents of
// the last 90 days live on as titles, which the 90-day bars' tooltips still show. On both servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { componentId } from '../../src/core/ids.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { renderStatusPage } from '../../src/http/page-routes.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { dayCellAt } from '../../src/snapshot/day-bars.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { seedIncidents } from '../helpers/page-data.js';
import { spec } from '../helpers/specs.js';

const NOW = new Date('2026-03-10T15:00:00Z');
const DAY = 86400_000;

describe.each(dbTargets())('incidents in the snapshot on the $name server', ({ url }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(url);
    const specs = [spec({ id: 'api', url: 'http://127.0.0.1:9/', component: 'App (API)' }), spec({ id: 'web', url: 'http://127.0.0.1:9/', component: 'Website' })];
    await syncMonitors(db.sql, specs, NOW);
    await seedIncidents(db.sql, 70, specs.map((s) => componentId(s.component)), NOW);
    // Older than the bars and not among the newest: neither whole nor a title.
    await db.sql`insert into incidents (id, title, status, impact, origin, started_at, resolved_at)
      values ('ancient', 'Long ago', 'resolved', 'minor', 'manual', ${new Date(NOW.getTime() - 200 * DAY).toISOString()}::timestamptz, ${new Date(NOW.getTime() - 199 * DAY).toISOString()}::timestamptz)`;
    // Open, and older than the 50 newest: whole all the same.
    await db.sql`insert into incidents (id, title, status, impact, origin, started_at)
      values ('still-open', 'Slow search', 'monitoring', 'minor', 'manual', ${new Date(NOW.getTime() - 95 * DAY).toISOString()}::timestamptz)`;
    await db.sql`insert into incident_updates (id, incident_id, status, body, display_at)
      values ('still-open-a', 'still-open', 'monitoring', 'Watching it.', ${new Date(NOW.getTime() - 95 * DAY).toISOString()}::timestamptz)`;
  });
  afterAll(() => db.drop());

  it('keeps the open and the 50 newest whole, and every incident of the last 90 days as a title the bars show', async () => {
    const s = await buildSnapshot(db.sql, NOW);
    expect(s.incidents.map((i) => i.id)).toEqual([...Array.from({ length: 50 }, (_, i) => `seed-${i}`), 'still-open']);
    expect(s.incidents.every((i) => i.updates.length > 0)).toBe(true);
    expect(Object.keys(s.incidentTitles).sort()).toEqual([...Array.from({ length: 70 }, (_, i) => `seed-${i}`), 'still-open'].sort());
    expect(s.incidentTitles['seed-69']).toBe('Elevated errors #69');
    expect(s.incidentTitles.ancient).toBeUndefined();

    // seed-69, among the oldest, is only a title now; its day on its component's bar still names it.
    const started = (await db.sql<Array<{ t: Date }>>`select started_at as t from incidents where id = 'seed-69'`)[0]!.t.getTime();
    const dayIndex = 89 - Math.floor((Date.UTC(2026, 2, 10) - Date.UTC(new Date(started).getUTCFullYear(), new Date(started).getUTCMonth(), new Date(started).getUTCDate())) / DAY);
    const bar = s.components.find((c) => dayCellAt(c.days, dayIndex).incidentIds.includes('seed-69'))!.days;
    expect(dayCellAt(bar, dayIndex).level).toBe('partial_outage');
    const html = new TextDecoder().decode(await renderStatusPage(s, PageConfig.parse({}), NOW.getTime(), false));
    expect(html).toContain('Partial outage; Elevated errors #69"');
  });
});

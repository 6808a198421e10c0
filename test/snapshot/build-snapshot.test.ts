// The snapshot read: everything the page needs in three round trips, on both servers.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketIndex, emptyHist } from '../../src/core/latency.js';
import { syncMonitors } from '../../src/db/sync-config.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { dayCellAt, dayLevels } from '../../src/snapshot/day-bars.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { spec } from '../helpers/specs.js';

const NOW = new Date('2026-03-10T15:30:00Z');
const DAY = 86400_000;
const today = Date.UTC(2026, 2, 10);

function hist(ms: number, n: number): number[] {
  const h = emptyHist();
  h[bucketIndex(ms)] = n;
  return h;
}

describe.each(dbTargets())('buildSnapshot on the $name server', ({ url }) => {
  let db: TestDb;
  let counted: postgres.Sql;
  let queries = 0;

  beforeAll(async () => {
    db = await createTestDb(url);
    counted = postgres(db.url, { max: 4, fetch_types: false, onnotice: () => undefined, debug: () => void queries++ });
    await syncMonitors(db.sql, [
      spec({ id: 'api', url: 'http://127.0.0.1:9/', component: 'App (API)', group: 'X' }),
      spec({ id: 'web', url: 'http://127.0.0.1:9/', component: 'Website', group: 'X' }),
    ], NOW);
    const daily = [
      { monitor_id: 'api', bucket: new Date(today - 2 * DAY).toISOString(), up: 1440, degraded: 0, down: 0, hist: hist(80, 1440) },
      { monitor_id: 'api', bucket: new Date(today - DAY).toISOString(), up: 1380, degraded: 0, down: 60, hist: hist(120, 1380) },
      { monitor_id: 'api', bucket: new Date(today).toISOString(), up: 900, degraded: 30, down: 0, hist: hist(300, 930) },
      { monitor_id: 'api', bucket: new Date(today - 40 * DAY).toISOString(), up: 100, degraded: 0, down: 100, hist: hist(80, 100) },
      { monitor_id: 'web', bucket: new Date(today).toISOString(), up: 10, degraded: 0, down: 0, hist: hist(40, 10) },
    ];
    await db.sql`insert into rollups_daily (monitor_id, bucket, up, degraded, down, latency_count, hist)
      select monitor_id, bucket, up, degraded, down, up + degraded, hist from jsonb_to_recordset(${JSON.stringify(daily)}::text::jsonb)
        as t(monitor_id text, bucket timestamptz, up int, degraded int, down int, hist int[])`;
    const hourly = [
      { monitor_id: 'api', bucket: new Date(Date.UTC(2026, 2, 10, 14)).toISOString(), up: 60, down: 0, hist: hist(300, 60) },
      { monitor_id: 'api', bucket: new Date(Date.UTC(2026, 2, 10, 15)).toISOString(), up: 20, down: 10, hist: hist(700, 20) },
    ];
    await db.sql`insert into rollups_hourly (monitor_id, bucket, up, down, latency_count, latency_max, hist)
      select monitor_id, bucket, up, down, up, 650, hist from jsonb_to_recordset(${JSON.stringify(hourly)}::text::jsonb)
        as t(monitor_id text, bucket timestamptz, up int, down int, hist int[])`;
    await db.sql`update monitor_state set status = case when monitor_id = 'api' then 'down' else 'up' end`;
    await db.sql`insert into incidents (id, title, status, impact, origin, started_at) values ('now-1', 'API down', 'investigating', 'major', 'manual', ${new Date(today + 3600_000).toISOString()}::timestamptz)`;
    await db.sql`insert into incident_components (incident_id, component_id, status) values ('now-1', 'website', 'degraded_performance')`;
    await db.sql`insert into maintenances (id, title, scheduled_for, scheduled_until, component_ids) values
      ('m-soon', 'Upgrade', ${new Date(NOW.getTime() + DAY).toISOString()}::timestamptz, ${new Date(NOW.getTime() + DAY + 3600_000).toISOString()}::timestamptz, '["website"]'::jsonb)`;
  });
  afterAll(async () => {
    await counted.end();
    await db.drop();
  });

  it('reads components, uptime, day bars, latency, incidents and maintenance in three queries', async () => {
    queries = 0;
    const s = await buildSnapshot(counted, NOW);
    expect(queries).toBe(3);
    expect(s.queries).toBe(3);
    expect(s.generatedAt).toBe(NOW.getTime());
    expect(s.components.map((c) => [c.id, c.groupName, c.status])).toEqual([['app-api', 'X', 'major_outage'], ['website', 'X', 'degraded_performance']]);
    expect(s.indicator).toBe('critical');

    const api = s.components[0]!;
    expect(api.uptime['24h']).toBeCloseTo(80 / 90);
    expect(api.uptime['7d']).toBeCloseTo((1440 + 1380 + 930) / (1440 + 1440 + 930));
    expect(api.uptime['90d']).toBeCloseTo((1440 + 1380 + 930 + 100) / (1440 + 1440 + 930 + 200));
    const levels = dayLevels(api.days);
    expect(levels).toHaveLength(90);
    expect(levels.slice(-3)).toEqual(['operational', 'partial_outage', 'degraded_performance']);
    expect(levels[89 - 40]).toBe('partial_outage');
    expect(levels[0]).toBe('no_data');
    expect(dayCellAt(api.days, 88).counts).toMatchObject({ up: 1380 });
    expect(api.latency24h.p50).toHaveLength(24);
    expect(api.latency24h.from).toBe(Date.UTC(2026, 2, 9, 16));
    expect(api.latency24h.stepMs).toBe(3600_000);
    expect(api.latency24h.p50.slice(-2)).toEqual([300, 650]);
    expect(api.latency24h.p95.slice(-2)).toEqual([300, 650]);
    expect(api.latency7d.p50).toEqual([null, null, null, null, 100, 150, 300]);
    expect(api.latency7d.from).toBe(today - 6 * DAY);

    const web = s.components[1]!;
    expect(dayCellAt(web.days, 89)).toMatchObject({ level: 'degraded_performance', incidentIds: ['now-1'] });
    expect(s.incidents.map((i) => i.id)).toEqual(['now-1', 'x-2025-03-10', 'x-2023-03-06']);
    expect(s.incidentTitles['now-1']).toBe(s.incidents[0]!.title);
    expect(s.incidents[1]!.updates).toHaveLength(8);
    expect(s.maintenances.map((m) => [m.id, m.status])).toEqual([['m-soon', 'scheduled']]);
    // Plain JSON: what the Workers Cache API store keeps is exactly what the page renders.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

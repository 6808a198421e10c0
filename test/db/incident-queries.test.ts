// The read side of incidents and maintenance, on both servers, including the X history (imported by createTestDb).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident, getMaintenance, listIncidents, listMaintenances, maintenanceStatusAt } from '../../src/db/incident-queries.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';

const ORDER = ['investigating', 'identified', 'monitoring', 'resolved'];

describe.each(dbTargets())('incident queries on the $name server', ({ url }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(url);
  });
  afterAll(() => db.drop());

  it('ships the two X incidents with full timelines, impacts, components and sources', async () => {
    const all = await listIncidents(db.sql, { limit: 50 });
    expect(all.map((i) => i.id)).toEqual(['x-2025-03-10', 'x-2023-03-06']);
    const [x2025, x2023] = all as [typeof all[0], typeof all[0]];
    expect(x2023).toMatchObject({ impact: 'major', status: 'resolved', origin: 'imported', startedApprox: true, resolvedApprox: true });
    expect(x2025).toMatchObject({ impact: 'critical', status: 'resolved', origin: 'imported', startedApprox: true, resolvedApprox: true });
    for (const inc of all) {
      expect(inc.components.map((c) => [c.id, c.name])).toEqual([['app-api', 'App (API)'], ['website', 'Website']]);
      // Newest first, and read oldest-first the statuses never go backwards through the lifecycle.
      const times = inc.updates.map((u) => u.displayAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const statuses = [...inc.updates].reverse().map((u) => ORDER.indexOf(u.status));
      expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
      expect(new Set(inc.updates.map((u) => u.status))).toEqual(new Set(ORDER));
      expect(inc.sources.length).toBeGreaterThan(0);
      for (const s of inc.sources) expect(s.url).toMatch(/^https:\/\//);
      expect(inc.resolvedAt!.getTime()).toBeGreaterThan(inc.startedAt.getTime());
    }
    expect(x2023.summary).toContain('8,000');
    expect(x2023.updates.find((u) => u.status === 'identified')).toMatchObject({ approximate: false, displayAt: new Date('2023-03-06T17:19:00Z') });
    expect(x2023.updates.find((u) => u.status === 'identified')!.body).toContain('We made an internal change that had some unintended consequences.');
    expect(x2025.summary).toMatch(/56%.*33%/);
    expect(x2025.summary).toContain('40,000');
    expect(x2025.summary).toContain('unconfirmed');
    expect(x2025.updates.some((u) => u.body.includes('Mirai'))).toBe(true);
  });

  it('pages back with `before`, finds one incident by id, and lists unresolved ones only', async () => {
    await db.sql`insert into incidents (id, title, status, impact, origin, started_at)
      values ('open-1', 'API errors', 'identified', 'minor', 'manual', '2026-01-02T10:00:00Z')`;
    await db.sql`insert into incident_updates (id, incident_id, status, body, display_at) values
      ('open-1-a', 'open-1', 'investigating', 'Looking', '2026-01-02T10:00:00Z'),
      ('open-1-b', 'open-1', 'identified', 'Found it', '2026-01-02T10:05:00Z')`;
    await db.sql`insert into incident_components (incident_id, component_id, status) values ('open-1', 'gone-component', 'degraded_performance')`;

    expect((await listIncidents(db.sql, { limit: 2 })).map((i) => i.id)).toEqual(['open-1', 'x-2025-03-10']);
    expect((await listIncidents(db.sql, { limit: 5, before: new Date('2025-03-10T09:30:00Z') })).map((i) => i.id)).toEqual(['x-2023-03-06']);

    const open = await getIncident(db.sql, 'open-1');
    expect(open).toMatchObject({ status: 'identified', resolvedAt: null, components: [{ id: 'gone-component', name: 'gone-component', status: 'degraded_performance' }] });
    expect(open!.updates.map((u) => u.id)).toEqual(['open-1-b', 'open-1-a']);
    expect(await getIncident(db.sql, 'nope')).toBeNull();
  });

  it('lists maintenance newest first with a status derived from the window', async () => {
    const now = new Date('2026-02-01T12:00:00Z');
    await db.sql`insert into maintenances (id, title, scheduled_for, scheduled_until, component_ids) values
      ('past', 'Old', '2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '["app-api"]'::jsonb),
      ('now', 'Database upgrade', '2026-02-01T11:00:00Z', '2026-02-01T13:00:00Z', '["website"]'::jsonb),
      ('soon', 'Network work', '2026-02-03T00:00:00Z', '2026-02-03T02:00:00Z', '[]'::jsonb)`;
    expect((await listMaintenances(db.sql, now, { limit: 50 })).map((m) => [m.id, m.status])).toEqual([['soon', 'scheduled'], ['now', 'in_progress'], ['past', 'completed']]);
    expect((await listMaintenances(db.sql, now, { limit: 1 })).map((m) => m.id)).toEqual(['soon']);
    expect(await getMaintenance(db.sql, 'now', now)).toMatchObject({ id: 'now', status: 'in_progress', componentIds: ['website'] });
    expect(await getMaintenance(db.sql, 'missing', now)).toBeNull();
  });
});

describe('maintenanceStatusAt', () => {
  const m = { scheduledFor: new Date('2026-01-01T10:00:00Z'), scheduledUntil: new Date('2026-01-01T11:00:00Z') };
  it.each([
    ['2026-01-01T09:59:59Z', 'scheduled'],
    ['2026-01-01T10:00:00Z', 'in_progress'],
    ['2026-01-01T10:59:59Z', 'in_progress'],
    ['2026-01-01T11:00:00Z', 'completed'],
  ])('%s → %s', (at, status) => expect(maintenanceStatusAt(m, new Date(at))).toBe(status));
});

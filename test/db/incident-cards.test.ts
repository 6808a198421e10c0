// incident_cards is kept by triggers (migrations 0004, 0007): after every kind of write to incidents and
// incident_components, each card must equal what the base tables say, on both servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';

describe.each(dbTargets())('incident cards on the $name server', ({ url }) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(url);
  });
  afterAll(() => db.drop());

  /** Cards as stored, and as computed here from incidents + incident_components. */
  async function storedAndExpected() {
    const stored = await db.sql<{ id: string; card: unknown; started_at: Date; resolved_at: Date | null }[]>`
      select incident_id as id, card, started_at, resolved_at from incident_cards order by incident_id collate "C"`;
    const incidents = await db.sql<{ id: string; title: string; status: string; started_at: Date; resolved_at: Date | null }[]>`
      select id, title, status, started_at, resolved_at from incidents order by id collate "C"`;
    const links = await db.sql<{ incident_id: string; component_id: string; status: string }[]>`select incident_id, component_id, status from incident_components`;
    const expected = incidents.map((i) => {
      const pairs = links.filter((l) => l.incident_id === i.id).sort((a, b) => (a.component_id < b.component_id ? -1 : 1));
      return {
        id: i.id,
        card: [i.id, i.title, i.status, i.started_at.getTime(), i.resolved_at?.getTime() ?? null, ...pairs.flatMap((l) => [l.component_id, l.status])],
        started_at: i.started_at,
        resolved_at: i.resolved_at,
      };
    });
    return { stored: [...stored], expected };
  }

  it('the seeded X incidents have cards from the migration itself', async () => {
    const { stored, expected } = await storedAndExpected();
    expect(stored.map((c) => c.id)).toEqual(['x-2023-03-06', 'x-2025-03-10']);
    expect(stored).toEqual(expected);
    expect((stored[1]!.card as unknown[]).slice(5)).toEqual(['app-api', 'major_outage', 'website', 'major_outage']);
  });

  it.each([
    ['a new incident without components', `insert into incidents (id, title, status, impact, origin, started_at) values ('i1', 'API errors', 'investigating', 'minor', 'manual', '2026-03-10T10:00:00Z')`],
    ['components added', `insert into incident_components (incident_id, component_id, status) values ('i1', 'website', 'degraded_performance'), ('i1', 'app-api', 'partial_outage')`],
    ['a component status changed', `update incident_components set status = 'major_outage' where incident_id = 'i1' and component_id = 'app-api'`],
    ['the incident updated and resolved', `update incidents set title = 'API errors (fixed)', status = 'resolved', resolved_at = '2026-03-10T11:00:00Z', resolved_approx = true where id = 'i1'`],
    ['a component removed', `delete from incident_components where incident_id = 'i1' and component_id = 'website'`],
    ['a second incident takes a component over', `insert into incidents (id, title, status, impact, origin, started_at) values ('i2', 'Other', 'identified', 'major', 'auto', '2026-03-11T10:00:00Z');
      update incident_components set incident_id = 'i2' where incident_id = 'i1'`],
    ['an incident deleted', `delete from incidents where id = 'i2'`],
  ])('after %s, every card equals the base tables', async (_what, statements) => {
    for (const s of statements.split(';')) await db.sql.unsafe(s);
    const { stored, expected } = await storedAndExpected();
    expect(stored).toEqual(expected);
    expect(stored.length).toBeGreaterThan(0);
  });
});

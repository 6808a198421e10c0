import { describe, expect, it } from 'vitest';
import { newestFirst, toV2Incident, toV2Maintenance, type IncidentFacts, type V2Context } from '../../src/core/statuspage-incidents.js';

const d = (s: string) => new Date(s);
const ctx: V2Context = { pageId: 'p', pageUrl: 'https://status.example/', components: [] };

describe('toV2Incident', () => {
  const inc: IncidentFacts = {
    id: 'i1', title: 'Down', status: 'resolved', impact: 'major', origin: 'imported', startedAt: d('2025-01-01T10:00:00Z'),
    monitoringAt: null, resolvedAt: d('2025-01-01T11:00:00Z'), createdAt: d('2025-01-01T10:00:00Z'), updatedAt: d('2025-01-01T11:00:00Z'),
    updates: [
      { id: 'a', status: 'investigating', body: 'x', displayAt: d('2025-01-01T10:00:00Z'), createdAt: d('2025-01-01T10:00:00Z'), updatedAt: d('2025-01-01T10:00:00Z') },
      { id: 'b', status: 'resolved', body: 'y', displayAt: d('2025-01-01T11:00:00Z'), createdAt: d('2025-01-01T11:00:00Z'), updatedAt: d('2025-01-01T11:00:00Z') },
    ],
    components: [{ id: 'gone', name: 'Gone', status: 'major_outage' }],
  };
  it('sorts updates newest first, links to the page and describes a removed component', () => {
    const v = toV2Incident(inc, ctx);
    expect(v.incident_updates.map((u) => u.id)).toEqual(['b', 'a']);
    expect(v.shortlink).toBe('https://status.example/incidents/i1');
    expect(v.incident_updates[0]).toMatchObject({ deliver_notifications: false, affected_components: null, custom_tweet: null, tweet_id: null });
    expect(v.components[0]).toMatchObject({ id: 'gone', name: 'Gone', page_id: 'p', group: false, group_id: null });
  });
});

describe('toV2Maintenance', () => {
  const base = { id: 'm', title: 'Upgrade', body: '', scheduledFor: d('2026-01-02T00:00:00Z'), scheduledUntil: d('2026-01-02T02:00:00Z'), componentIds: [], createdAt: d('2026-01-01T00:00:00Z'), updatedAt: d('2026-01-01T00:00:00Z') };
  it.each([
    ['scheduled', ['scheduled'], null],
    ['in_progress', ['in_progress', 'scheduled'], null],
    ['completed', ['completed', 'in_progress', 'scheduled'], '2026-01-02T02:00:00.000Z'],
  ] as const)('%s → updates %j', (status, updates, resolvedAt) => {
    const v = toV2Maintenance({ ...base, status }, ctx);
    expect(v.incident_updates.map((u) => u.status)).toEqual(updates);
    expect(v.resolved_at).toBe(resolvedAt);
    expect(v.incident_updates.map((u) => u.id)).toEqual(updates.map((s) => `m-${s}`));
  });
});

it('newestFirst orders by start, then id', () => {
  expect(newestFirst([{ id: 'a', started_at: '2025' }, { id: 'b', started_at: '2026' }, { id: 'c', started_at: '2026' }]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
});

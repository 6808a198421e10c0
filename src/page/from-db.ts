import type { IncidentRow } from '../db/incident-queries.js';
import type { SnapshotIncident } from '../snapshot/types.js';

/** An incident read straight from the database, in the snapshot's shape (for pages outside the snapshot). */
export function toSnapshotIncident(r: IncidentRow): SnapshotIncident {
  return {
    id: r.id, title: r.title, status: r.status, impact: r.impact, origin: r.origin,
    startedAt: r.startedAt.getTime(), startedApprox: r.startedApprox, resolvedAt: r.resolvedAt?.getTime() ?? null, resolvedApprox: r.resolvedApprox,
    summary: r.summary, sources: r.sources, components: r.components,
    updates: r.updates.map((u) => ({ id: u.id, status: u.status, body: u.body, at: u.displayAt.getTime(), approximate: u.approximate })),
  };
}

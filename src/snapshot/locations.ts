// The locations part of the snapshot: each monitor's standing per location and the locations' health (pure).
import type { FailureSignature } from '../core/failure-signature.js';
import { isReportStale } from '../core/quorum.js';
import type { MonitorData, SnapshotLocation, SnapshotMonitorLocation } from './types.js';

/** A monitor's locations in the config's order: offline when its report is stale, impaired as its location is. */
export function monitorLocationsOf(m: MonitorData, now: Date): SnapshotMonitorLocation[] {
  return (m.locations ?? []).map((r) => {
    const stale = isReportStale(r.lastCheckAt === null ? null : new Date(r.lastCheckAt), m.intervalSeconds, now);
    return {
      id: r.location, name: r.name,
      status: stale ? 'offline' : r.impaired ? 'impaired' : r.status,
      lastCheck: r.lastCheckAt, errorClass: r.lastVerdict === 'down' ? r.lastErrorClass : null, statusCode: r.lastStatusCode, latencyMs: r.lastLatencyMs,
      since: r.firstFailureAt,
    };
  });
}

/** A stored signature, only when some location fails (an old or empty one says nothing). */
export function signatureOf(m: MonitorData): FailureSignature | null {
  const s = m.signature;
  return s && Array.isArray(s.failing) && s.failing.length ? s : null;
}

/** The probing locations as the monitors' reports name them, in the config's order. */
export function snapshotLocations(monitors: readonly MonitorData[]): SnapshotLocation[] {
  const seen = new Map<string, SnapshotLocation>();
  for (const m of monitors) {
    for (const r of m.locations ?? []) {
      if (!seen.has(r.location)) seen.set(r.location, { id: r.location, name: r.name, health: r.health, since: r.healthSince, lastSeenAt: r.lastSeenAt });
    }
  }
  return [...seen.values()];
}

/** "down in 2 of 3 locations" (down counted among the locations that can vote); null when none is down. */
export function locationSummary(locations: readonly SnapshotMonitorLocation[]): string | null {
  const voting = locations.filter((l) => l.status !== 'offline' && l.status !== 'impaired' && l.status !== 'unknown');
  const down = voting.filter((l) => l.status === 'down');
  if (!down.length) return null;
  return `down in ${down.length} of ${voting.length} location${voting.length === 1 ? '' : 's'} (${down.map((l) => l.name).join(', ')})`;
}

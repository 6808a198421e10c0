import type postgres from 'postgres';
import { assembleSnapshot, snapshotWindows } from './assemble.js';
import { readIncidents, readRollups, readState } from './queries.js';
import type { StatusSnapshot } from './types.js';

/** How many of the newest incidents keep their full timeline in the snapshot (the first history page). */
export const RECENT_INCIDENTS = 50;

export { snapshotWindows };

/**
 * Read everything the status page needs in three round trips, run side by side: state (components, monitors,
 * maintenance, 24 h of hourly rollups), 90 days of daily rollups (all monitors at once) and incidents.
 */
export async function buildSnapshot(sql: postgres.Sql, now: Date): Promise<StatusSnapshot> {
  const { daysSince, histSince, hoursSince } = snapshotWindows(now);
  const [state, daily, incidents] = await Promise.all([
    readState(sql, now, daysSince, hoursSince),
    readRollups(sql, daysSince, histSince),
    readIncidents(sql, daysSince, RECENT_INCIDENTS),
  ]);
  return assembleSnapshot(state, daily, incidents, now, 3);
}

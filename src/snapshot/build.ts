import type postgres from 'postgres';
import { componentFigures, finishSnapshot, snapshotWindows } from './assemble.js';
import { readIncidents, readRollups, readState } from './queries.js';
import type { StatusSnapshot } from './types.js';

/** How many of the newest incidents keep their full timeline in the snapshot (the first history page). */
export const RECENT_INCIDENTS = 50;

export { snapshotWindows };

/**
 * Read everything the status page needs in three round trips, run side by side: state (components, monitors,
 * maintenance, 24 h of hourly rollups), 90 days of daily rollups (all monitors at once) and incidents. The rollups
 * are summed up as soon as the first two are in, while the incidents are still on their way: Node's work overlaps
 * the database's instead of following it.
 */
export async function buildSnapshot(sql: postgres.Sql, now: Date): Promise<StatusSnapshot> {
  const { daysSince, histSince, hoursSince } = snapshotWindows(now);
  const stateRead = readState(sql, now, daysSince, hoursSince);
  const dailyRead = readRollups(sql, daysSince, histSince);
  const incidentsRead = readIncidents(sql, daysSince, RECENT_INCIDENTS);
  const [{ state, figures }, incidents] = await Promise.all([
    Promise.all([stateRead, dailyRead]).then(([state, daily]) => ({ state, figures: componentFigures(state, daily, now) })),
    incidentsRead,
  ]);
  return finishSnapshot(state, figures, incidents, now, 3);
}

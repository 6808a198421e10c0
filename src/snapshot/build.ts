import type postgres from 'postgres';
import { dayStart, hourStart } from '../core/time.js';
import { BAR_DAYS, assembleSnapshot, windowStarts } from './assemble.js';
import { readIncidents, readRollups, readState } from './queries.js';
import type { StatusSnapshot } from './types.js';

/** How many of the newest incidents keep their full timeline in the snapshot (the first history page). */
export const RECENT_INCIDENTS = 50;

/** How far back the reads go: daily rows for the bar and 90-day uptime, histograms for the 7-day chart, hours. */
export function snapshotWindows(now: Date): { daysSince: Date; histSince: Date; hoursSince: Date } {
  const starts = windowStarts(now);
  const barStart = dayStart(now).getTime() - (BAR_DAYS - 1) * 86400_000;
  return {
    daysSince: new Date(Math.min(barStart, starts['90d'])),
    histSince: new Date(dayStart(now).getTime() - 6 * 86400_000),
    hoursSince: new Date(Math.min(starts['24h'], hourStart(now).getTime() - 23 * 3600_000)),
  };
}

/**
 * Read everything the status page needs in three round trips, run side by side: state (components, monitors,
 * maintenance, 24 h of hourly rollups), 90 days of daily rollups (all monitors at once) and incidents.
 */
export async function buildSnapshot(sql: postgres.Sql, now: Date): Promise<StatusSnapshot> {
  const { daysSince, histSince, hoursSince } = snapshotWindows(now);
  const [state, rollups, incidents] = await Promise.all([
    readState(sql, now, daysSince, hoursSince),
    readRollups(sql, daysSince, histSince),
    readIncidents(sql, daysSince, RECENT_INCIDENTS),
  ]);
  return assembleSnapshot(state, [...rollups, ...state.hourly], incidents, now, 3);
}

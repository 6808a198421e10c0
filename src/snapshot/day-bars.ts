// The 90-day bar: one cell per UTC day, coloured by the worst thing that happened that day.
import { statusOfCounts, worseOf, type ComponentStatus } from '../core/service-status.js';
import { uptimeOf, type StatusCounts } from '../core/uptime.js';
import type { DayCell, DayLevel } from './types.js';

const DAY = 86400_000;

/**
 * A day's level from its checks and the incidents open that day: the checks' status (statusOfCounts); a day with
 * only maintenance checks is under_maintenance, one without checks no_data. An incident touching the component
 * that day raises the level to the status it gave the component (so imported history shows where Lookout has no
 * checks).
 */
export function dayLevel(c: StatusCounts, incidentStatuses: readonly ComponentStatus[]): DayLevel {
  const level = statusOfCounts(c) ?? (c.maintenance > 0 ? 'under_maintenance' : null);
  if (incidentStatuses.length === 0) return level ?? 'no_data';
  return incidentStatuses.reduce<ComponentStatus>(worseOf, level ?? 'operational');
}

/** An incident touching a component, and the status it gives it. */
export interface BarIncident {
  id: string;
  startedAt: number;
  resolvedAt: number | null;
  status: ComponentStatus;
}

/** Start of the first of the `days` UTC days ending with the one holding `now`. */
function barStart(days: number, now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY;
}

/** The `days` UTC days ending today, oldest first, from each day's check counts and the incidents open on it. */
export function buildDayBar(days: number, now: Date, countsOfDay: (day: number) => StatusCounts, incidents: readonly BarIncident[]): DayCell[] {
  const first = barStart(days, now);
  return Array.from({ length: days }, (_, i) => {
    const day = first + i * DAY;
    const touching = incidents.filter((inc) => inc.startedAt < day + DAY && (inc.resolvedAt ?? now.getTime()) >= day);
    const counts = countsOfDay(day);
    return { day, level: dayLevel(counts, touching.map((t) => t.status)), uptime: uptimeOf(counts), incidentIds: touching.map((t) => t.id) };
  });
}

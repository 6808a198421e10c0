// The 90-day bar: one cell per UTC day, coloured by the worst thing that happened that day.
import { worseOf, type ComponentStatus } from '../core/service-status.js';
import { ZERO_COUNTS, type StatusCounts } from '../core/uptime.js';
import type { DayCell, DayLevel } from './types.js';

const DAY = 86400_000;
const NONE: readonly ComponentStatus[] = [];
/** Shared by the cells of quiet days (most of them): 9,000 empty arrays per 100 components were pure garbage. */
const NO_INCIDENTS: string[] = [];

/**
 * A day's level from its checks and the incidents open that day:
 * every counted check down → major_outage; some down → partial_outage; any degraded → degraded_performance;
 * otherwise operational. A day with only maintenance checks is under_maintenance; a day without checks is
 * no_data. An incident touching the component that day raises the level to the status it gave the component
 * (so imported history shows even where Lookout has no checks).
 */
export function dayLevel(c: StatusCounts, incidentStatuses: readonly ComponentStatus[]): DayLevel {
  const counted = c.up + c.degraded + c.down;
  let level: ComponentStatus | null = null;
  if (counted > 0) {
    level = c.down === counted ? 'major_outage' : c.down > 0 ? 'partial_outage' : c.degraded > 0 ? 'degraded_performance' : 'operational';
  } else if (c.maintenance > 0) level = 'under_maintenance';
  if (incidentStatuses.length === 0) return level ?? 'no_data';
  return incidentStatuses.reduce<ComponentStatus>(worseOf, level ?? 'operational');
}

export interface DayIncident {
  id: string;
  startedAt: number;
  resolvedAt: number | null;
  /** What the incident says about this component. */
  status: ComponentStatus;
}

/**
 * The `days` UTC days ending with today (oldest first), with counts, incidents and level per day. `countsByDay`
 * may hand back the same object each time (its fields are copied at once).
 */
export function buildDayCells(days: number, now: Date, countsByDay: { get(day: number): StatusCounts | undefined }, incidents: readonly DayIncident[]): DayCell[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * DAY;
  // Each incident marks the days it overlaps: cost per incident, not per day x incident.
  const touching: Array<DayIncident[] | undefined> = new Array(days);
  for (const inc of incidents) {
    const end = inc.resolvedAt ?? now.getTime();
    const from = Math.max(0, Math.floor((inc.startedAt - first) / DAY));
    const to = Math.min(days - 1, Math.floor((end - first) / DAY));
    for (let i = from; i <= to; i++) (touching[i] ??= []).push(inc);
  }
  const cells: DayCell[] = [];
  for (let i = 0; i < days; i++) {
    const day = first + i * DAY;
    const c = countsByDay.get(day) ?? ZERO_COUNTS;
    const t = touching[i];
    // Most days have no incident: no per-day arrays to build for them.
    const level = t ? dayLevel(c, t.map((x) => x.status)) : dayLevel(c, NONE);
    cells.push({ day, up: c.up, degraded: c.degraded, down: c.down, maintenance: c.maintenance, level, incidentIds: t ? t.map((x) => x.id) : NO_INCIDENTS });
  }
  return cells;
}

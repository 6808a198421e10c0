// The 90-day bar: one cell per UTC day, coloured by the worst thing that happened that day.
import { worseOf, type ComponentStatus } from '../core/service-status.js';
import { ZERO_COUNTS, type StatusCounts } from '../core/uptime.js';
import type { DayBarData, DayCell, DayLevel } from './types.js';

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

/** An incident touching the component (the snapshot's own object, not a copy) and what it says about it. */
export interface DayIncident {
  incident: { id: string; startedAt: number; resolvedAt: number | null };
  status: ComponentStatus;
}

/**
 * The `days` UTC days ending with today (oldest first), with counts, incidents and level per day. `countsByDay`
 * may hand back the same object each time (its fields are copied at once).
 */
export function buildDayBar(days: number, now: Date, countsByDay: { get(day: number): StatusCounts | undefined }, incidents: readonly DayIncident[]): DayBarData {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * DAY;
  // Each incident marks the days it overlaps: cost per incident, not per day x incident.
  const touching: Array<DayIncident[] | undefined> = new Array(days);
  for (const inc of incidents) {
    const end = inc.incident.resolvedAt ?? now.getTime();
    const from = Math.max(0, Math.floor((inc.incident.startedAt - first) / DAY));
    const to = Math.min(days - 1, Math.floor((end - first) / DAY));
    for (let i = from; i <= to; i++) (touching[i] ??= []).push(inc);
  }
  const levels: DayLevel[] = new Array(days);
  const counts: number[] = new Array(days * 4);
  const incidentIds: string[][] = new Array(days);
  for (let i = 0; i < days; i++) {
    const c = countsByDay.get(first + i * DAY) ?? ZERO_COUNTS;
    const t = touching[i];
    // Most days have no incident: no per-day arrays to build for them.
    levels[i] = t ? dayLevel(c, t.map((x) => x.status)) : dayLevel(c, NONE);
    counts[4 * i] = c.up;
    counts[4 * i + 1] = c.degraded;
    counts[4 * i + 2] = c.down;
    counts[4 * i + 3] = c.maintenance;
    incidentIds[i] = t ? t.map((x) => x.incident.id) : NO_INCIDENTS;
  }
  return { first, levels, counts, incidentIds };
}

/** Day `i` of a bar as one object (for tooltips and tests; the page builds these only for days with trouble). */
export function dayCellAt(bar: DayBarData, i: number): DayCell {
  const c = bar.counts;
  return { day: bar.first + i * DAY, up: c[4 * i]!, degraded: c[4 * i + 1]!, down: c[4 * i + 2]!, maintenance: c[4 * i + 3]!, level: bar.levels[i]!, incidentIds: bar.incidentIds[i]! };
}

/** Every day of a bar as objects. */
export const dayCells = (bar: DayBarData): DayCell[] => bar.levels.map((_, i) => dayCellAt(bar, i));

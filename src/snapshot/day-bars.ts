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

/** The letter of each level in DayBarData.levels (the page uses the same letters as class names). */
export const DAY_LEVEL_CODE: Record<DayLevel, string> = {
  operational: 'o', degraded_performance: 'g', partial_outage: 'p', major_outage: 'm', under_maintenance: 'u', no_data: 'n',
};
const DAY_CODE_POINT = Object.fromEntries(Object.entries(DAY_LEVEL_CODE).map(([level, code]) => [level, code.charCodeAt(0)])) as Record<DayLevel, number>;
const LEVEL_OF_CODE = new Map(Object.entries(DAY_LEVEL_CODE).map(([level, code]) => [code, level as DayLevel]));

/** The level of a letter of DayBarData.levels. */
export function levelOfCode(code: string): DayLevel {
  const level = LEVEL_OF_CODE.get(code);
  if (!level) throw new Error(`unknown day level code ${JSON.stringify(code)}`);
  return level;
}

/** Every day's level, oldest first. */
export const dayLevels = (bar: DayBarData): DayLevel[] => [...bar.levels].map(levelOfCode);

/**
 * The `days` UTC days ending with today (oldest first): a level per day, and a note (counts, incidents) for each
 * day that is not quiet. `countsByDay` may hand back the same object each time (its fields are copied at once).
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
  const codes = new Array<number>(days);
  const notes: number[] = [];
  const noteIncidents: string[][] = [];
  for (let i = 0; i < days; i++) {
    const c = countsByDay.get(first + i * DAY) ?? ZERO_COUNTS;
    const t = touching[i];
    // Most days have no incident: no per-day arrays to build for them.
    const level = t ? dayLevel(c, t.map((x) => x.status)) : dayLevel(c, NONE);
    codes[i] = DAY_CODE_POINT[level];
    if (t || (level !== 'operational' && level !== 'no_data')) {
      notes.push(i, c.up, c.degraded, c.down, c.maintenance);
      noteIncidents.push(t ? t.map((x) => x.incident.id) : NO_INCIDENTS);
    }
  }
  return { first, levels: String.fromCharCode.apply(null, codes), notes, noteIncidents };
}

/** Day `i` of a bar as one object (tooltips of single days, tests). */
export function dayCellAt(bar: DayBarData, i: number): DayCell {
  const level = levelOfCode(bar.levels[i] ?? '');
  for (let k = 0; k < bar.noteIncidents.length; k++) {
    const n = bar.notes;
    if (n[5 * k] !== i) continue;
    return { day: bar.first + i * DAY, level, counts: { up: n[5 * k + 1]!, degraded: n[5 * k + 2]!, down: n[5 * k + 3]!, maintenance: n[5 * k + 4]! }, incidentIds: bar.noteIncidents[k]! };
  }
  return { day: bar.first + i * DAY, level, counts: null, incidentIds: NO_INCIDENTS };
}

/** Every day of a bar as objects. */
export const dayCells = (bar: DayBarData): DayCell[] => Array.from({ length: bar.levels.length }, (_, i) => dayCellAt(bar, i));

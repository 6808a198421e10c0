// The 90-day bar: one cell per UTC day, coloured by the worst thing that happened that day.
import { SEVERITY, worseOf, type ComponentStatus } from '../core/service-status.js';
import { ZERO_COUNTS, type StatusCounts } from '../core/uptime.js';
import type { DayBarData, DayCell, DayLevel } from './types.js';

const DAY = 86400_000;
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
  const level = countsLevel(c);
  if (incidentStatuses.length === 0) return level ?? 'no_data';
  return incidentStatuses.reduce<ComponentStatus>(worseOf, level ?? 'operational');
}

/** The level the checks alone give a day (dayLevel without incidents), null without any check. */
function countsLevel(c: StatusCounts): ComponentStatus | null {
  const counted = c.up + c.degraded + c.down;
  if (counted > 0) return c.down === counted ? 'major_outage' : c.down > 0 ? 'partial_outage' : c.degraded > 0 ? 'degraded_performance' : 'operational';
  return c.maintenance > 0 ? 'under_maintenance' : null;
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
/** Each level's letter as a character code. */
export const DAY_CODE_POINT = Object.fromEntries(Object.entries(DAY_LEVEL_CODE).map(([level, code]) => [level, code.charCodeAt(0)])) as Record<DayLevel, number>;
const LEVEL_AT_CODE_POINT: Array<DayLevel | undefined> = [];
for (const [level, code] of Object.entries(DAY_CODE_POINT)) LEVEL_AT_CODE_POINT[code] = level as DayLevel;

/** The level of a letter of DayBarData.levels, by its character code (levels.charCodeAt(i)). */
export function levelAtCodePoint(code: number): DayLevel {
  const level = LEVEL_AT_CODE_POINT[code];
  if (!level) throw new Error(`unknown day level code ${JSON.stringify(String.fromCharCode(code))}`);
  return level;
}

/** The level of a letter of DayBarData.levels. */
export function levelOfCode(code: string): DayLevel {
  const level = code.length === 1 ? LEVEL_AT_CODE_POINT[code.charCodeAt(0)] : undefined;
  if (!level) throw new Error(`unknown day level code ${JSON.stringify(code)}`);
  return level;
}

/** Every day's level, oldest first. */
export const dayLevels = (bar: DayBarData): DayLevel[] => [...bar.levels].map(levelOfCode);

/** Start of the first of the `days` UTC days ending with today. */
export function barStart(days: number, now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY;
}

/**
 * The `days` UTC days ending with today (oldest first): a level per day, and a note (counts, incidents) for each
 * day that is not quiet. `countsOfDay(i)` gives the counts of day i from barStart (by index: epoch milliseconds
 * are doubles, and passing one per day allocated); it may hand back the same object each time (its fields are
 * copied at once).
 */
export function buildDayBar(days: number, now: Date, countsOfDay: (i: number) => StatusCounts | undefined, incidents: readonly DayIncident[]): DayBarData {
  const first = barStart(days, now);
  // Levels as severities (NO_DATA below operational), from the checks first.
  const severity = scratchSeverity(days);
  let noted = 0;
  for (let i = 0; i < days; i++) {
    const level = countsLevel(countsOfDay(i) ?? ZERO_COUNTS);
    severity[i] = level === null ? NO_DATA : SEVERITY[level];
    if (severity[i]! > 0) noted++; // not operational, not no data: a note for its counts
  }
  // Then each incident raises the days it overlaps (from operational on a day without checks) and lists itself
  // there, in the incidents' order: work per day an incident spans, not per day times incidents (a hundred
  // components with a few dozen incidents each build these on every cold page). Lists only for days with one.
  let idsOfDay: Array<string[] | undefined> | null = null; // scratch (see scratchIds)
  for (let k = 0; k < incidents.length; k++) {
    const inc = incidents[k]!;
    const from = Math.max(0, Math.floor((inc.incident.startedAt - first) / DAY));
    const to = Math.min(days - 1, Math.floor(((inc.incident.resolvedAt ?? now.getTime()) - first) / DAY));
    if (from > to) continue;
    idsOfDay ??= scratchIds(days);
    const s = SEVERITY[inc.status];
    for (let i = from; i <= to; i++) {
      const ids = idsOfDay[i];
      if (ids === undefined) {
        idsOfDay[i] = [inc.incident.id]; // a literal: a first push would reserve room for 17
        if (severity[i]! <= 0) noted++; // the day had no note of its own
      } else ids.push(inc.incident.id);
      if (severity[i]! < s) severity[i] = s; // worseOf; from NO_DATA too, as s >= 0
    }
  }
  const notes: number[] = new Array(noted * 5);
  const noteIncidents: string[][] = new Array(noted);
  const codes = scratchCodes(days);
  for (let i = 0, n = 0; i < days; i++) {
    codes[i] = CODE_OF_SEVERITY[severity[i]! + 1]!;
    const ids = idsOfDay?.[i];
    if (ids === undefined && severity[i]! <= 0) continue; // quiet: operational or no data, no incident
    const c = countsOfDay(i) ?? ZERO_COUNTS;
    notes[5 * n] = i;
    notes[5 * n + 1] = c.up;
    notes[5 * n + 2] = c.degraded;
    notes[5 * n + 3] = c.down;
    notes[5 * n + 4] = c.maintenance;
    noteIncidents[n++] = ids ?? NO_INCIDENTS;
  }
  return { first, levels: ASCII.decode(codes), notes, noteIncidents };
}

/** The severity of a day without checks or incidents (SEVERITY has operational at 0). */
const NO_DATA = -1;
/** The letter of each severity, from NO_DATA up. */
const CODE_OF_SEVERITY = Uint8Array.from([DAY_CODE_POINT.no_data, ...(Object.keys(SEVERITY) as ComponentStatus[]).sort((a, b) => SEVERITY[a] - SEVERITY[b]).map((s) => DAY_CODE_POINT[s])]);
const ASCII = new TextDecoder();

// Scratch arrays reused by every bar (bars are built one at a time, synchronously): a hundred components built
// these on every cold page.
let severities = new Int8Array(0);
let codesScratch = new Uint8Array(0);
let idsScratch: Array<string[] | undefined> = [];
const scratchSeverity = (days: number): Int8Array => (severities.length >= days ? severities : (severities = new Int8Array(days)));
const scratchCodes = (days: number): Uint8Array => (codesScratch.length === days ? codesScratch : (codesScratch = new Uint8Array(days)));
/** Emptied when taken, not after use: a bar that throws half-way leaves nothing behind for the next. */
const scratchIds = (days: number): Array<string[] | undefined> => (idsScratch.length >= days ? idsScratch.fill(undefined, 0, days) : (idsScratch = new Array(days)));

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

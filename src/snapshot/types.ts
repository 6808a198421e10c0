// Everything the status page shows, read in one go and kept as plain JSON (times as epoch milliseconds), so the
// same object can live in Node's memory or in the Workers Cache API and be rendered without the database.
import type { ComponentStatus, Impact, Indicator } from '../core/service-status.js';
import type { Status } from '../core/types.js';
import type { StatusCounts } from '../core/uptime.js';
import type { WindowName } from '../core/time.js';
import type { IncidentSource, IncidentStatus, MaintenanceStatus } from '../db/incident-queries.js';

/** A day's colour on the 90-day bar: the worst thing that happened, or no data. */
export type DayLevel = ComponentStatus | 'no_data';

/**
 * A component's 90-day bar, oldest day first: a hundred components have 9,000 days, and objects or arrays per day
 * were the biggest part of a cold page's garbage. Most days are quiet (operational, so 100 %, or without data, and
 * no incident): a letter says all there is. The other days carry a note with their counts and incidents.
 * dayCellAt gives one day.
 */
export interface DayBarData {
  /** Start of the first UTC day, epoch ms; day i starts i days later. */
  first: number;
  /** One letter per day (DAY_LEVEL_CODE in src/snapshot/day-bars.ts). */
  levels: string;
  /** Five numbers per day with a note, in day order: day index, then its up, degraded, down, maintenance counts. */
  notes: number[];
  /** Per note, the incidents touching this component that were open at some point of that day. */
  noteIncidents: string[][];
}

/** One day of the bar (see dayCellAt). */
export interface DayCell {
  /** Start of the UTC day, epoch ms. */
  day: number;
  level: DayLevel;
  /** Check counts; null on quiet days, whose level says it all (100 % or no data). */
  counts: StatusCounts | null;
  /** Incidents touching this component that were open at some point of the day. */
  incidentIds: string[];
}

/**
 * Response time per step (hour or day), oldest first, as parallel arrays: step i starts at from + i * stepMs.
 * Null where a step had no latency data (the chart draws a gap).
 */
export interface LatencySeries {
  from: number;
  stepMs: number;
  p50: Array<number | null>;
  p95: Array<number | null>;
}

export interface SnapshotMonitor {
  id: string;
  name: string;
  status: Status;
  lastCheckAt: number | null;
  lastError: string | null;
}

export interface SnapshotComponent {
  id: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
  status: ComponentStatus;
  /** False while none of its monitors has reported: the page says "no data yet". */
  hasData: boolean;
  uptime: Record<WindowName, number | null>;
  /** 90 days, oldest first, the last one today (UTC). */
  days: DayBarData;
  /** Hourly p50/p95 over the last 24 hours and daily over the last 7 days, oldest first. */
  latency24h: LatencySeries;
  latency7d: LatencySeries;
  monitors: SnapshotMonitor[];
}

export interface SnapshotIncidentUpdate {
  id: string;
  status: IncidentStatus;
  body: string;
  at: number;
  approximate: boolean;
}

export interface SnapshotIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: Impact;
  origin: string;
  startedAt: number;
  startedApprox: boolean;
  resolvedAt: number | null;
  resolvedApprox: boolean;
  summary: string | null;
  sources: IncidentSource[];
  components: Array<{ id: string; name: string; status: ComponentStatus }>;
  /** Newest first. */
  updates: SnapshotIncidentUpdate[];
}

export interface SnapshotMaintenance {
  id: string;
  title: string;
  body: string;
  scheduledFor: number;
  scheduledUntil: number;
  componentIds: string[];
  status: MaintenanceStatus;
}

export interface StatusSnapshot {
  /** When the data was read from the database (epoch ms). */
  generatedAt: number;
  indicator: Indicator;
  components: SnapshotComponent[];
  /** Newest first, with their timelines: every open incident and the 50 newest (the first history page). */
  incidents: SnapshotIncident[];
  /**
   * Titles of the incidents the 90-day bars point to (open at some point in the last 90 days), for the days'
   * tooltips. Only titles: a thousand incidents as objects made the snapshot several times bigger.
   */
  incidentTitles: Record<string, string>;
  maintenances: SnapshotMaintenance[];
  /** Round trips it took to read (the page's budget is 3). */
  queries: number;
}

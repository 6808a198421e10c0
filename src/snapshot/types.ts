// What a refresh reads (StatusData: plain rows, times as epoch ms, JSON as it is) and what it makes of them
// (StatusSnapshot: everything the public pages, feeds, badges and APIs show). Both are plain JSON, so either can
// live in Node's memory or in the Workers Cache API.
import type { ComponentStatus, Impact, Indicator } from '../core/service-status.js';
import type { RollupNumbers } from '../core/series.js';
import type { WindowName } from '../core/time.js';
import type { ErrorClass, Status, Verdict } from '../core/types.js';
import type { StatusCounts } from '../core/uptime.js';
import type { IncidentSource, IncidentStatus, MaintenanceStatus } from '../db/incident-queries.js';
import type { MonitorType } from '../core/monitor.js';
import type { ReportData } from '../db/report-queries.js';
import type { ReportsSnapshot } from './reports.js';
import type { FailureSignature } from '../core/failure-signature.js';
import type { LocationHealth, LocationStanding } from '../core/quorum.js';
import type { ConfirmedStatus } from '../core/statuses.js';

export interface ComponentData {
  id: string;
  name: string;
  groupId: string | null;
  isGroup: boolean;
  position: number;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface MonitorData {
  id: string;
  name: string;
  componentId: string;
  intervalSeconds: number;
  status: Status;
  statusSince: number | null;
  lastCheckAt: number | null;
  lastVerdict: Verdict | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastErrorClass: ErrorClass | null;
  lastError: string | null;
  /** What the monitor probes ("http" for a spec stored before monitor types). */
  type: MonitorType;
  /** The TLS certificate's expiry as last seen (https and tls monitors). */
  certExpiresAt: number | null;
  /** Heartbeat monitors: when the latest beat arrived. */
  lastBeatAt: number | null;
  /** Monitors probed from several locations: the latest quorum's failure signature, and each location's report. */
  signature?: FailureSignature | null;
  locations?: MonitorLocationData[] | null;
}

/** One monitor × location's latest report, with the location's health (core/quorum.ts). */
interface MonitorLocationData {
  location: string;
  name: string;
  health: LocationHealth;
  impaired: boolean;
  healthSince: number | null;
  lastSeenAt: number | null;
  status: ConfirmedStatus;
  lastCheckAt: number | null;
  lastVerdict: Verdict | null;
  lastErrorClass: ErrorClass | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  firstFailureAt: number | null;
}

/** One rollup row (a monitor's hour or day). `hist` only where a chart needs it. */
export interface RollupData extends RollupNumbers {
  monitorId: string;
  bucket: number;
}

export interface IncidentUpdateData {
  id: string;
  status: IncidentStatus;
  body: string;
  displayAt: number;
  approximate: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface IncidentData {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: Impact;
  origin: string;
  startedAt: number;
  startedApprox: boolean;
  monitoringAt: number | null;
  resolvedAt: number | null;
  resolvedApprox: boolean;
  summary: string | null;
  sources: IncidentSource[];
  createdAt: number;
  updatedAt: number;
  /** Whether the timeline was read (open incidents and the newest ones); the others are only on the bars. */
  whole: boolean;
  /** Newest first; empty unless `whole`. */
  updates: IncidentUpdateData[];
  /** In component order; the name is the component's id when it no longer exists. */
  components: Array<{ id: string; name: string; status: ComponentStatus }>;
  /** Monitors probed from several locations: each down monitor's failure signature at the opening (absent in older snapshots). */
  signatures?: Array<{ monitorId: string; signature: FailureSignature }>;
}

export interface MaintenanceData {
  id: string;
  title: string;
  body: string;
  scheduledFor: number;
  scheduledUntil: number;
  componentIds: string[];
  createdAt: number;
  updatedAt: number;
}

/** Everything one refresh reads from the database. */
export interface StatusData {
  /** When it was read (epoch ms). */
  readAt: number;
  components: ComponentData[];
  monitors: MonitorData[];
  /** Daily rollups of the bar's 90 days (histograms for the 7-day chart only). */
  daily: RollupData[];
  /** Hourly rollups of the last 24 hours and the current one. */
  hourly: RollupData[];
  /** Open, newest and those open at some point of the bar's 90 days; newest first. */
  incidents: IncidentData[];
  /** Active, upcoming and the 50 newest; newest start first. */
  maintenances: MaintenanceData[];
  /** Visitor reports (absent in data stored before reports existed). */
  reports?: ReportData;
}

/** Uptime and response time over one named window. */
export interface WindowFigures {
  from: number;
  to: number;
  counts: StatusCounts;
  uptime: number | null;
  avgResponseMs: number | null;
}

/** One UTC day of a 90-day bar. */
export interface DayCell {
  /** Start of the UTC day, epoch ms. */
  day: number;
  level: DayLevel;
  /** Null without counted checks. */
  uptime: number | null;
  /** Incidents touching the component that were open at some point of the day. */
  incidentIds: string[];
}

/** A day's colour on the 90-day bar: the worst thing that happened, or no data. */
export type DayLevel = ComponentStatus | 'no_data';

/** Response time per step, oldest first: step i starts at from + i * stepMs. Null where a step had no data. */
export interface LatencySeries {
  from: number;
  stepMs: number;
  p50: Array<number | null>;
  p95: Array<number | null>;
}

export interface SnapshotMonitor {
  id: string;
  name: string;
  componentId: string;
  /** The confirmed status; 'unknown' once the newest check is older than two intervals (see `overdue`). */
  status: Status;
  statusSince: number | null;
  /** No check for more than two intervals: the data says nothing about now. */
  overdue: boolean;
  lastCheck: { at: number; verdict: Verdict; statusCode: number | null; latencyMs: number | null; errorClass: ErrorClass | null; error: string | null } | null;
  type: MonitorType;
  certExpiresAt: number | null;
  lastBeatAt: number | null;
  windows: Record<WindowName, WindowFigures>;
  /** Where it is probed from (empty: this process alone), each location's standing, and the failure signature. */
  locations: SnapshotMonitorLocation[];
  signature: FailureSignature | null;
}

/** One location's standing on one monitor: offline or impaired when it cannot vote, its confirmed status otherwise. */
export interface SnapshotMonitorLocation {
  id: string;
  name: string;
  status: LocationStanding;
  lastCheck: number | null;
  errorClass: ErrorClass | null;
  statusCode: number | null;
  latencyMs: number | null;
  since: number | null;
}

/** A probing location as the page and the APIs show it. */
export interface SnapshotLocation {
  id: string;
  name: string;
  health: LocationHealth;
  since: number | null;
  lastSeenAt: number | null;
}

export interface SnapshotComponent {
  id: string;
  name: string;
  isGroup: boolean;
  /** Null at the top level (also when its group is missing). */
  groupId: string | null;
  groupName: string | null;
  /** A group's children, in display order. */
  childIds: string[];
  position: number;
  description: string | null;
  createdAt: number;
  /** The latest change of the component, its monitors' statuses or (a group) its children. */
  updatedAt: number;
  status: ComponentStatus;
  /** False while none of its monitors has reported: "no data yet". */
  hasData: boolean;
  /** The newest check of its monitors (epoch ms): when it was last seen. */
  lastCheckAt: number | null;
  /** Its monitors (a group: its children's). */
  monitorIds: string[];
  windows: Record<WindowName, WindowFigures>;
  days: DayCell[];
  latency24h: LatencySeries;
  latency7d: LatencySeries;
}

export type SnapshotIncident = Omit<IncidentData, 'whole'>;

export interface SnapshotMaintenance extends MaintenanceData {
  status: MaintenanceStatus;
}

export interface StatusSnapshot {
  /** When the data was read (epoch ms). */
  generatedAt: number;
  /** The newest check's time: what "as of" means on the page; null before the first check. */
  dataAt: number | null;
  indicator: Indicator;
  /** Display order: top-level entries by position, each group followed by its children. */
  components: SnapshotComponent[];
  /** Display order. */
  monitors: SnapshotMonitor[];
  /** With their timelines, newest first: every open incident and the 50 newest. */
  incidents: SnapshotIncident[];
  /** Titles of every incident a day bar points to. */
  incidentTitles: Record<string, string>;
  /** Newest start first. */
  maintenances: SnapshotMaintenance[];
  /** Visitor reports: the 24-hour chart per service, notices, incident evidence and imported curves. */
  reports: ReportsSnapshot;
  /** The configured probing locations (empty without). */
  locations: SnapshotLocation[];
}

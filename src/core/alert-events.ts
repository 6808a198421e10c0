import type { ComponentStatus, Impact, IncidentStatus, Verdict } from './statuses.js';
import type { FailureSignature } from './failure-signature.js';
import type { ErrorClass } from './types.js';

/** Every event Lookout can send. Names are part of the public contract: never rename, only add. */
export const ALERT_EVENT_TYPES = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'monitor.down',
  'monitor.degraded',
  'monitor.recovered',
  'maintenance.started',
  'maintenance.completed',
  'certificate.expiring',
  'location.offline',
  'location.impaired',
  'location.recovered',
  'endpoint.test',
  'reports.spike',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];
/** The events about an incident (they all carry IncidentEventData). */
export type IncidentEventType = Extract<AlertEventType, `incident.${string}`>;

export interface IncidentEventData {
  incident: {
    id: string;
    title: string;
    status: IncidentStatus;
    impact: Impact;
    origin: string;
    serviceKey: string | null;
    startedAt: string;
    resolvedAt: string | null;
    components: Array<{ id: string; name: string; status: ComponentStatus }>;
    /** The latest update's text, when there is one. */
    latestUpdate: string | null;
  };
  /** True when this incident.updated only repeats that the incident is still open (reminder policy). */
  reminder?: boolean;
}

interface MonitorEventData {
  monitor: { id: string; name: string; componentId: string; component: string; serviceKey: string };
  status: Verdict;
  previousStatus: Verdict;
  reason: string | null;
  errorClass: ErrorClass | null;
  inMaintenance: boolean;
  /** Monitors probed from several locations: which fail, in which phase, since when (core/failure-signature.ts). */
  signature?: FailureSignature;
}

/** A monitor's TLS certificate has come within one of its thresholds: sent once per threshold and certificate. */
interface CertificateEventData {
  monitor: MonitorEventData['monitor'];
  /** "warn": within warnDays (the monitor is degraded); "down": within downDays (it is down). */
  threshold: 'warn' | 'down';
  expiresAt: string;
  daysLeft: number;
  inMaintenance: boolean;
}

/** Sent to one endpoint when an operator asks for a test (the console's "send test event"). */
interface EndpointTestData {
  endpoint: { id: string; name: string };
  /** The token (by name) that asked for it. */
  requestedBy: string;
}

/**
 * A probing location stopped reporting (offline), lost its own network (impaired) or is back: for on-call only,
 * never a service incident (a location that cannot vote never makes a monitor down).
 */
interface LocationEventData {
  location: { id: string; name: string };
  health: 'online' | 'offline' | 'impaired';
  previousHealth: 'online' | 'offline' | 'impaired';
  /** When it last reported anything. */
  lastSeenAt: string | null;
}

/**
 * Visitors report problems with a component while its probes say up: a notice from reports, not a confirmed outage
 * (a spike while the probes confirm one is attached to that incident instead, and sends no event of its own).
 */
interface ReportSpikeEventData {
  /** Always "reports": what this is based on, for receivers that show it. */
  source: 'reports';
  confirmed: false;
  component: { id: string; name: string; serviceKey: string };
  /** "Users are reporting problems with App (API)". */
  summary: string;
  startedAt: string;
  /** Distinct reporting networks in the last 15 minutes, the threshold they crossed, and the usual count then. */
  networks: number;
  threshold: number;
  usual: number;
  /** Reports in the last 15 minutes, in all and by category id. */
  reports: number;
  categories: Record<string, number>;
}

export interface MaintenanceEventData {
  maintenance: { id: string; title: string; body: string; scheduledFor: string; scheduledUntil: string; componentIds: string[] };
}

/** What each event carries. Indexed by `T extends AlertEventType` below, so a new event type without data fails to compile. */
export interface AlertEventDataByType {
  'incident.opened': IncidentEventData;
  'incident.updated': IncidentEventData;
  'incident.resolved': IncidentEventData;
  'monitor.down': MonitorEventData;
  'monitor.degraded': MonitorEventData;
  'monitor.recovered': MonitorEventData;
  'maintenance.started': MaintenanceEventData;
  'maintenance.completed': MaintenanceEventData;
  'certificate.expiring': CertificateEventData;
  'location.offline': LocationEventData;
  'location.impaired': LocationEventData;
  'location.recovered': LocationEventData;
  'endpoint.test': EndpointTestData;
  'reports.spike': ReportSpikeEventData;
}

/** The versioned envelope of one event type; `id` is stable (the webhook-id, the receiver's idempotency key). */
export interface AlertEventOf<T extends AlertEventType> {
  type: T;
  version: 1;
  id: string;
  timestamp: string;
  data: AlertEventDataByType[T];
}

/** Every event Lookout sends, discriminated by `type`: a switch on it narrows `data` with no cast. */
export type AlertEvent = { [T in AlertEventType]: AlertEventOf<T> }[AlertEventType];

/** Build an event envelope. */
export function alertEvent<T extends AlertEventType>(type: T, id: string, at: Date, data: AlertEventDataByType[T]): AlertEventOf<T> {
  return { type, version: 1, id, timestamp: at.toISOString(), data };
}


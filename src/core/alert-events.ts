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
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** The versioned envelope every channel starts from; `id` is stable (the webhook-id, the receiver's idempotency key). */
export interface AlertEvent<D = Record<string, unknown>> {
  type: AlertEventType;
  version: 1;
  id: string;
  timestamp: string;
  data: D;
}

export interface IncidentEventData {
  incident: {
    id: string;
    title: string;
    status: string;
    impact: string;
    origin: string;
    serviceKey: string | null;
    startedAt: string;
    resolvedAt: string | null;
    components: Array<{ id: string; name: string; status: string }>;
    /** The latest update's text, when there is one. */
    latestUpdate: string | null;
  };
  /** True when this incident.updated only repeats that the incident is still open (reminder policy). */
  reminder?: boolean;
}

export interface MonitorEventData {
  monitor: { id: string; name: string; componentId: string; component: string; serviceKey: string };
  status: 'up' | 'degraded' | 'down';
  previousStatus: 'up' | 'degraded' | 'down';
  reason: string | null;
  errorClass: string | null;
  inMaintenance: boolean;
}

export interface MaintenanceEventData {
  maintenance: { id: string; title: string; body: string; scheduledFor: string; scheduledUntil: string; componentIds: string[] };
}

/** Build an event envelope. */
export function alertEvent<D>(type: AlertEventType, id: string, at: Date, data: D): AlertEvent<D> {
  return { type, version: 1, id, timestamp: at.toISOString(), data };
}

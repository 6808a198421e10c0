import { groupBy } from './group-by.js';
import { componentStatus } from './service-status.js';
import type { ComponentStatus, ConfirmedStatus, Impact, Verdict } from './statuses.js';

/** What alerts may say about one monitor. */
type AnnouncedStatus = Verdict;

/** One monitor of a service as the tick sees it: confirmed status (core/confirm.ts) and whether maintenance covers it. */
export interface MonitorView {
  id: string;
  componentId: string;
  status: ConfirmedStatus;
  inMaintenance: boolean;
}

/** The memory of one service between ticks (stored as JSON, so times are ISO strings). */
export interface ServiceAlertState {
  /** Per monitor: the status last announced, and since when a better status has held (flap damping). */
  monitors: Record<string, { announced: AnnouncedStatus; betterSince: string | null }>;
  /** The open automatic incident, if any. */
  incident: { openedAt: string; impact: Impact; notifiedAt: string; components: Record<string, ComponentStatus> } | null;
  /** An operator closed the incident while monitors were still down: open no new one until the service is well. */
  suppressed: boolean;
}

export interface IncidentPolicy {
  /** Impact of an incident when a component is down, by component id; worst wins. */
  impactByComponent: Record<string, Impact>;
  /** Impact for a down component the rules do not name. */
  defaultImpact: Impact;
  /** How long a better status must hold before it is announced (recovery, incident resolution). */
  recoverAfterMs: number;
  /** Repeat incident.updated (reminder) this often while an incident stays open; null = never. */
  reminderIntervalMs: number | null;
}

/** What the step decided to announce; the store turns these into incident rows and outbox events. */
export type AlertIntent =
  | { type: 'monitor.down' | 'monitor.degraded' | 'monitor.recovered'; monitorId: string; from: AnnouncedStatus; to: AnnouncedStatus }
  | { type: 'incident.opened'; impact: Impact; components: Record<string, ComponentStatus> }
  | { type: 'incident.updated'; impact: Impact; components: Record<string, ComponentStatus>; reminder: boolean }
  | { type: 'incident.resolved' };

/** An intent about one monitor (rather than the service's incident). */
export type MonitorIntent = Extract<AlertIntent, { monitorId: string }>;

export const EMPTY_SERVICE_STATE: ServiceAlertState = { monitors: {}, incident: null, suppressed: false };

const RANK: Record<AnnouncedStatus, number> = { up: 0, degraded: 1, down: 2 };
const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

/**
 * One step of a service's alert state machine: worse news is announced at once, better news only once it has
 * held for `recoverAfterMs` — so a flapping target announces one outage, not one per flap.
 *
 * Per monitor (announced `a`, observed `s`; `s` is ignored while in maintenance or unknown):
 *
 * | observed vs announced       | betterSince        | emits                                      | announced |
 * |-----------------------------|--------------------|--------------------------------------------|-----------|
 * | s worse than a              | cleared            | monitor.down (s=down) / monitor.degraded   | s         |
 * | s equal to a                | cleared            | —                                          | a         |
 * | s better, held < recover    | set (kept if set)  | —                                          | a         |
 * | s better, held ≥ recover    | cleared            | monitor.recovered                          | s         |
 * | in maintenance / unknown    | unchanged          | —                                          | a         |
 *
 * Per service (down = monitors announced down), after the monitors:
 *
 * | incident | down set   | suppressed | emits                                         |
 * |----------|------------|------------|-----------------------------------------------|
 * | none     | empty      | any        | — (suppression lifted)                        |
 * | none     | non-empty  | no         | incident.opened (impact = worst rule)         |
 * | none     | non-empty  | yes        | —                                             |
 * | open     | empty      | —          | incident.resolved                             |
 * | open     | changed    | —          | incident.updated (impact or components moved) |
 * | open     | same       | —          | incident.updated reminder, if the interval passed since the last notice |
 */
export function stepService(state: ServiceAlertState, monitors: readonly MonitorView[], now: Date, policy: IncidentPolicy): { state: ServiceAlertState; events: AlertIntent[] } {
  const events: AlertIntent[] = [];
  const nextMonitors: ServiceAlertState['monitors'] = {};
  for (const m of monitors) {
    const prev = state.monitors[m.id] ?? { announced: 'up' as const, betterSince: null };
    const next = stepMonitor(prev, m, now, policy.recoverAfterMs);
    if (next.announced !== prev.announced) {
      const type = RANK[next.announced] > RANK[prev.announced] ? (next.announced === 'down' ? 'monitor.down' : 'monitor.degraded') : 'monitor.recovered';
      events.push({ type, monitorId: m.id, from: prev.announced, to: next.announced });
    }
    nextMonitors[m.id] = next;
  }

  const components = componentStatuses(monitors, nextMonitors);
  const downComponents = Object.entries(components).filter(([, s]) => s === 'major_outage' || s === 'partial_outage').map(([id]) => id);
  const iso = now.toISOString();
  let incident = state.incident;
  let suppressed = state.suppressed;

  if (!incident) {
    if (downComponents.length === 0) suppressed = false;
    else if (!suppressed) {
      const impact = impactOf(downComponents, policy);
      incident = { openedAt: iso, impact, notifiedAt: iso, components };
      events.push({ type: 'incident.opened', impact, components });
    }
  } else if (downComponents.length === 0) {
    incident = null;
    events.push({ type: 'incident.resolved' });
  } else {
    const impact = impactOf(downComponents, policy);
    const moved = impact !== incident.impact || !sameComponents(components, incident.components);
    const reminderDue = policy.reminderIntervalMs !== null && now.getTime() - Date.parse(incident.notifiedAt) >= policy.reminderIntervalMs;
    if (moved || reminderDue) {
      incident = { ...incident, impact, components, notifiedAt: iso };
      events.push({ type: 'incident.updated', impact, components, reminder: !moved });
    }
  }
  return { state: { monitors: nextMonitors, incident, suppressed }, events };
}

function stepMonitor(prev: ServiceAlertState['monitors'][string], m: MonitorView, now: Date, recoverAfterMs: number): ServiceAlertState['monitors'][string] {
  if (m.inMaintenance || m.status === 'unknown') return prev;
  const s: AnnouncedStatus = m.status;
  if (RANK[s] >= RANK[prev.announced]) return { announced: s, betterSince: null };
  const since = prev.betterSince ?? now.toISOString();
  if (now.getTime() - Date.parse(since) >= recoverAfterMs) return { announced: s, betterSince: null };
  return { announced: prev.announced, betterSince: since };
}

/** Component statuses from announced monitor statuses, by the one rule of core/service-status (all down → major). */
function componentStatuses(monitors: readonly MonitorView[], announced: ServiceAlertState['monitors']): Record<string, ComponentStatus> {
  const byComponent = groupBy(monitors, (m) => m.componentId);
  const out: Record<string, ComponentStatus> = {};
  for (const [id, members] of [...byComponent].sort(([a], [b]) => a.localeCompare(b))) {
    const statuses = members.map((m) => announced[m.id]!.announced);
    // Incidents and maintenance are what this machine decides, not inputs to it.
    out[id] = componentStatus({ monitorStatuses: statuses, incidentStatuses: [], inMaintenance: false }).status;
  }
  return out;
}

function impactOf(downComponents: readonly string[], policy: IncidentPolicy): Impact {
  return downComponents
    .map((id) => policy.impactByComponent[id] ?? policy.defaultImpact)
    .reduce<Impact>((a, b) => (IMPACT_RANK[b] > IMPACT_RANK[a] ? b : a), 'none');
}

function sameComponents(a: Record<string, ComponentStatus>, b: Record<string, ComponentStatus>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

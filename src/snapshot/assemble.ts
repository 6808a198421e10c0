// Turns the three reads into the snapshot: pure, so the page's numbers are tested without a database.
import { componentStatus, overallIndicator, type ComponentStatus } from '../core/service-status.js';
import { WINDOWS, WINDOW_NAMES, dayStart, hourStart, type WindowName } from '../core/time.js';
import { uptimeOf, type StatusCounts } from '../core/uptime.js';
import { maintenanceStatusAt } from '../db/incident-queries.js';
import { buildDayCells, type DayIncident } from './day-bars.js';
import { latencySeries, type HistBucket } from './latency-series.js';
import type { IncidentRead, RollupRead, StateRead } from './queries.js';
import type { SnapshotComponent, SnapshotIncident, SnapshotMaintenance, StatusSnapshot } from './types.js';

export const BAR_DAYS = 90;
const HOUR = 3600_000;
const DAY = 86400_000;

/** Where each window starts, as the uptime API computes it: 24 h from hourly rollups, the rest from whole days. */
export function windowStarts(now: Date): Record<WindowName, number> {
  const out = {} as Record<WindowName, number>;
  for (const w of WINDOW_NAMES) {
    const since = new Date(now.getTime() - WINDOWS[w]);
    out[w] = (w === '24h' ? hourStart(since) : dayStart(since)).getTime();
  }
  return out;
}

interface MonitorRollups {
  days: RollupRead[];
  hours: RollupRead[];
}

function groupRollups(rows: readonly RollupRead[]): Map<string, MonitorRollups> {
  const out = new Map<string, MonitorRollups>();
  for (const r of rows) {
    let m = out.get(r.monitor_id);
    if (!m) out.set(r.monitor_id, (m = { days: [], hours: [] }));
    (r.k === 'd' ? m.days : m.hours).push(r);
  }
  return out;
}

/**
 * One pass over a component's rollup rows: counts per day (for the bar) and per uptime window. Plain
 * accumulators: with 100 monitors x 90 days this loop is the hot path of a cold page.
 */
function sumComponentRollups(rolls: readonly MonitorRollups[], starts: Record<WindowName, number>) {
  const byDay = new Map<number, StatusCounts>();
  const win = WINDOW_NAMES.map(() => ({ up: 0, degraded: 0, down: 0, maintenance: 0, seen: false }));
  // Daily windows as (start, accumulator) pairs, fixed before the loop: no closure or lookup per row.
  const daily = WINDOW_NAMES.flatMap((w, i) => (w === '24h' ? [] : [{ start: starts[w], acc: win[i]! }]));
  const hourly = win[WINDOW_NAMES.indexOf('24h')]!;
  for (const m of rolls) {
    for (const r of m.days) {
      const day = byDay.get(r.at);
      if (day) add(day, r);
      else byDay.set(r.at, { up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance });
      for (const d of daily) if (r.at >= d.start) (add(d.acc, r), (d.acc.seen = true));
    }
    for (const r of m.hours) if (r.at >= starts['24h']) (add(hourly, r), (hourly.seen = true));
  }
  const uptime = {} as Record<WindowName, number | null>;
  WINDOW_NAMES.forEach((w, i) => (uptime[w] = win[i]!.seen ? uptimeOf(win[i]!) : null));
  return { byDay, uptime };
}

function add(acc: { up: number; degraded: number; down: number; maintenance: number }, r: RollupRead): void {
  acc.up += r.up;
  acc.degraded += r.degraded;
  acc.down += r.down;
  acc.maintenance += r.maintenance;
}

const histsOf = (rows: readonly RollupRead[]): HistBucket[] =>
  rows.filter((r) => r.hist && r.hist.length).map((r) => ({ at: r.at, hist: r.hist!, max: r.latency_max }));

function toIncident(r: IncidentRead): SnapshotIncident {
  return {
    id: r.id, title: r.title, status: r.status, impact: r.impact, origin: r.origin, startedAt: r.started_at, startedApprox: r.started_approx,
    resolvedAt: r.resolved_at, resolvedApprox: r.resolved_approx, summary: r.summary, sources: Array.isArray(r.sources) ? r.sources : [],
    components: r.components, updates: r.updates,
  };
}

const isOpen = (i: { resolvedAt: number | null; status: string }) => i.resolvedAt === null && i.status !== 'resolved' && i.status !== 'postmortem';

/** Build the snapshot the page renders from. `queries` is how many round trips the reads took. */
export function assembleSnapshot(state: StateRead, rollups: readonly RollupRead[], incidentRows: readonly IncidentRead[], now: Date, queries: number): StatusSnapshot {
  const t = now.getTime();
  const starts = windowStarts(now);
  const byMonitor = groupRollups(rollups);
  const incidents = incidentRows.map(toIncident);
  const open = incidents.filter(isOpen);
  const maintenances: SnapshotMaintenance[] = state.maintenances.map((m) => {
    const row = { id: m.id, title: m.title, body: m.body, scheduledFor: m.scheduled_for, scheduledUntil: m.scheduled_until, componentIds: Array.isArray(m.component_ids) ? m.component_ids : [] };
    return { ...row, status: maintenanceStatusAt({ scheduledFor: new Date(row.scheduledFor), scheduledUntil: new Date(row.scheduledUntil) }, now) };
  });
  const inMaintenance = new Set(maintenances.filter((m) => m.status === 'in_progress').flatMap((m) => m.componentIds));
  const groups = new Map(state.components.filter((c) => c.is_group).map((c) => [c.id, c.name]));
  const hour0 = hourStart(now).getTime() - 23 * HOUR;
  const day0 = dayStart(now).getTime() - 6 * DAY;

  // Index once: per component its monitors, the incidents touching it and what they say about it.
  const monitorsOf = new Map<string, StateRead['monitors']>();
  for (const m of state.monitors) {
    const list = monitorsOf.get(m.component_id);
    if (list) list.push(m);
    else monitorsOf.set(m.component_id, [m]);
  }
  const incidentsOf = new Map<string, Array<{ incident: SnapshotIncident; status: ComponentStatus }>>();
  for (const i of incidents) {
    for (const ic of i.components) {
      const list = incidentsOf.get(ic.id);
      if (list) list.push({ incident: i, status: ic.status });
      else incidentsOf.set(ic.id, [{ incident: i, status: ic.status }]);
    }
  }

  const components: SnapshotComponent[] = state.components
    .filter((c) => !c.is_group)
    .map((c) => {
      const monitors = monitorsOf.get(c.id) ?? [];
      const rolls = monitors.map((m) => byMonitor.get(m.id)).filter((r): r is MonitorRollups => r !== undefined);
      const touching = incidentsOf.get(c.id) ?? [];
      const openStatuses = touching.filter((x) => isOpen(x.incident)).map((x) => x.status);
      const { status, hasData } = componentStatus({ monitorStatuses: monitors.map((m) => m.status), incidentStatuses: openStatuses, inMaintenance: inMaintenance.has(c.id) });
      const { byDay, uptime } = sumComponentRollups(rolls, starts);
      const dayIncidents: DayIncident[] = touching.map((x) => ({ id: x.incident.id, startedAt: x.incident.startedAt, resolvedAt: x.incident.resolvedAt, status: x.status }));
      return {
        id: c.id, name: c.name, groupId: c.group_id, groupName: c.group_id ? (groups.get(c.group_id) ?? null) : null, status, hasData, uptime,
        days: buildDayCells(BAR_DAYS, now, byDay, dayIncidents),
        latency24h: latencySeries(rolls.flatMap((r) => histsOf(r.hours)), hour0, HOUR, 24),
        latency7d: latencySeries(rolls.flatMap((r) => histsOf(r.days)), day0, DAY, 7),
        monitors: monitors.map((m) => ({ id: m.id, name: m.name, status: m.status, lastCheckAt: m.last_check_at, lastError: m.last_error })),
      };
    });

  return {
    generatedAt: t,
    indicator: overallIndicator(components.map((c) => c.status), open.map((i) => i.impact)),
    components,
    incidents,
    maintenances,
    queries,
  };
}

export { isOpen as isOpenIncident };

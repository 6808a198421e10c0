// Turns what a refresh read into the snapshot every public read is served from: pure, so the page's and the APIs'
// numbers are tested without a database.
import { groupBy } from '../core/group-by.js';
import { quantileFromHist } from '../core/latency.js';
import { averageMs, sumRollups, sumWindow, type RollupPoint } from '../core/series.js';
import { overallIndicator } from '../core/service-status.js';
import { resolveComponents } from '../core/statuspage.js';
import { WINDOW_NAMES, WINDOWS, dayStart, hourStart, type WindowName } from '../core/time.js';
import { resolveWindow, windowEndingAt } from '../core/uptime-window.js';
import { uptimeOf } from '../core/uptime.js';
import { maintenanceStatusAt } from '../db/incident-queries.js';
import { buildDayBar } from './day-bars.js';
import { monitorLocationsOf, signatureOf, snapshotLocations } from './locations.js';
import { BAR_DAYS } from './read.js';
import { assembleReports } from './reports.js';
import type {
  LatencySeries, MonitorData, RollupData, SnapshotComponent, SnapshotMaintenance, SnapshotMonitor, StatusData, StatusSnapshot, WindowFigures,
} from './types.js';

const HOUR = 3600_000;
const DAY = 86400_000;

/** A monitor whose newest check is older than this many intervals is "no data": it says nothing about now. */
const OVERDUE_INTERVALS = 2;

export const isOpenIncident = (i: { resolvedAt: number | null; status: string }) => i.resolvedAt === null && i.status !== 'resolved' && i.status !== 'postmortem';

/** The rollup rows of some monitors, by kind. */
interface Rows {
  daily: RollupData[];
  hourly: RollupData[];
}

/** Uptime and response time per named window, each window as the API resolves it (windowEndingAt). */
function windowFigures(rows: Rows, now: Date): Record<WindowName, WindowFigures> {
  const out = {} as Record<WindowName, WindowFigures>;
  for (const name of WINDOW_NAMES) {
    const w = windowEndingAt(now, WINDOWS[name]);
    const sum = sumWindow(rows.daily, rows.hourly, w);
    const counts = { up: sum.up, degraded: sum.degraded, down: sum.down, maintenance: sum.maintenance };
    const bounds = resolveWindow(w.from, now);
    out[name] = { from: bounds.from.getTime(), to: bounds.to.getTime(), counts, uptime: uptimeOf(counts), avgResponseMs: averageMs(sum) };
  }
  return out;
}

/** p50/p95 per step over `steps` steps of `stepMs` from `from`, from the rows' histograms. */
function latencySeries(rows: readonly RollupPoint[], from: number, stepMs: number, steps: number): LatencySeries {
  const out: LatencySeries = { from, stepMs, p50: [], p95: [] };
  for (let i = 0; i < steps; i++) {
    const start = from + i * stepMs;
    const sum = sumRollups(rows.filter((r) => r.bucket === start));
    out.p50.push(quantileFromHist(sum.hist, 0.5, sum.latencyMax));
    out.p95.push(quantileFromHist(sum.hist, 0.95, sum.latencyMax));
  }
  return out;
}

function toMonitor(m: MonitorData, rows: Rows, now: Date, locations: SnapshotMonitor['locations']): SnapshotMonitor {
  const overdue = m.lastCheckAt === null || now.getTime() - m.lastCheckAt > OVERDUE_INTERVALS * m.intervalSeconds * 1000;
  return {
    id: m.id, name: m.name, componentId: m.componentId,
    status: overdue && m.status !== 'maintenance' ? 'unknown' : m.status,
    statusSince: m.statusSince, overdue,
    lastCheck: m.lastCheckAt === null || !m.lastVerdict ? null : {
      at: m.lastCheckAt, verdict: m.lastVerdict, statusCode: m.lastStatusCode, latencyMs: m.lastLatencyMs, errorClass: m.lastErrorClass, error: m.lastError,
    },
    type: m.type, certExpiresAt: m.certExpiresAt, lastBeatAt: m.lastBeatAt,
    windows: windowFigures(rows, now),
    locations, signature: signatureOf(m),
  };
}


/**
 * The snapshot of `data` as of `now`. Components come in display order with their status (resolveComponents); a
 * group counts its children's monitors, checks and incidents too.
 */
export function assembleSnapshot(data: StatusData, now: Date): StatusSnapshot {
  const t = now.getTime();
  const daily = groupBy(data.daily, (r) => r.monitorId);
  const hourly = groupBy(data.hourly, (r) => r.monitorId);
  const rowsOf = (ids: readonly string[]): Rows => ({ daily: ids.flatMap((id) => daily.get(id) ?? []), hourly: ids.flatMap((id) => hourly.get(id) ?? []) });
  const monitors = data.monitors.map((m) => toMonitor(m, rowsOf([m.id]), now, monitorLocationsOf(m, now)));

  const maintenances: SnapshotMaintenance[] = data.maintenances.map((m) => ({
    ...m, status: maintenanceStatusAt({ scheduledFor: new Date(m.scheduledFor), scheduledUntil: new Date(m.scheduledUntil) }, now),
  }));
  const inMaintenance = new Set(maintenances.filter((m) => m.status === 'in_progress').flatMap((m) => m.componentIds));
  const open = data.incidents.filter(isOpenIncident);

  // What touches each component: its monitors, and the incidents naming it with the status they give it.
  const monitorsOf = groupBy(monitors, (m) => m.componentId);
  const touching = data.incidents.flatMap((i) => i.components.map((c) => ({ componentId: c.id, bar: { id: i.id, startedAt: i.startedAt, resolvedAt: i.resolvedAt, status: c.status } })));
  const incidentsOf = new Map([...groupBy(touching, (t) => t.componentId)].map(([id, list]) => [id, list.map((t) => t.bar)]));
  const openIds = new Set(open.map((i) => i.id));
  const resolved = resolveComponents(data.components.map((c) => {
    const own = monitorsOf.get(c.id) ?? [];
    const changed = Math.max(...own.map((m) => m.statusSince ?? 0), 0);
    return {
      ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt),
      monitorStatuses: own.map((m) => m.status), monitorsChangedAt: changed ? new Date(changed) : null,
      incidentStatuses: (incidentsOf.get(c.id) ?? []).filter((i) => openIds.has(i.id)).map((i) => i.status),
      inMaintenance: inMaintenance.has(c.id),
    };
  }));

  const names = new Map(data.components.map((c) => [c.id, c.name]));
  const chartHour = hourStart(now).getTime() - 23 * HOUR;
  const chartDay = dayStart(now).getTime() - 6 * DAY;
  const components: SnapshotComponent[] = resolved.map((c) => {
    const members = [c.id, ...c.childIds];
    const monitorIds = members.flatMap((id) => (monitorsOf.get(id) ?? []).map((m) => m.id));
    const rows = rowsOf(monitorIds);
    const days = groupBy(rows.daily, (r) => r.bucket);
    const lastChecks = members.flatMap((id) => (monitorsOf.get(id) ?? []).flatMap((m) => (m.lastCheck ? [m.lastCheck.at] : [])));
    return {
      id: c.id, name: c.name, isGroup: c.isGroup, groupId: c.groupId, groupName: c.groupId ? (names.get(c.groupId) ?? null) : null,
      childIds: c.childIds, position: c.position, description: c.description, createdAt: c.createdAt.getTime(),
      updatedAt: Math.max(c.updatedAt.getTime(), c.monitorsChangedAt?.getTime() ?? 0),
      status: c.status, hasData: c.hasData, lastCheckAt: lastChecks.length ? Math.max(...lastChecks) : null,
      monitorIds,
      windows: windowFigures(rows, now),
      days: buildDayBar(BAR_DAYS, now, (day) => sumRollups(days.get(day) ?? []), members.flatMap((id) => incidentsOf.get(id) ?? [])),
      latency24h: latencySeries(rows.hourly, chartHour, HOUR, 24),
      latency7d: latencySeries(rows.daily, chartDay, DAY, 7),
    };
  });

  const incidentTitles: Record<string, string> = {};
  for (const i of data.incidents) incidentTitles[i.id] = i.title;
  const newestCheck = data.monitors.reduce<number | null>((a, m) => (m.lastCheckAt !== null && (a === null || m.lastCheckAt > a) ? m.lastCheckAt : a), null);
  return {
    generatedAt: t,
    dataAt: newestCheck,
    indicator: overallIndicator(components.filter((c) => !c.isGroup).map((c) => c.status), open.map((i) => i.impact)),
    components,
    monitors,
    incidents: data.incidents.filter((i) => i.whole).map(({ whole: _, ...i }) => i),
    incidentTitles,
    maintenances,
    reports: assembleReports(data.reports, components, now),
    locations: snapshotLocations(data.monitors),
  };
}


// Turns the three reads into the snapshot: pure, so the page's numbers are tested without a database.
import { componentStatus, overallIndicator, type ComponentStatus } from '../core/service-status.js';
import { WINDOWS, WINDOW_NAMES, dayStart, hourStart, type WindowName } from '../core/time.js';
import { uptimeOf } from '../core/uptime.js';
import { maintenanceStatusAt } from '../db/incident-queries.js';
import { barStart, buildDayBar } from './day-bars.js';
import type { IncidentHeadline, IncidentsRead, StateRead } from './queries.js';
import { addRollupText, ArrayArena, ComponentSeries, type SeriesFrame } from './series.js';
import type { LatencySeries, SnapshotComponent, SnapshotMaintenance, StatusSnapshot } from './types.js';

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

/**
 * How far back the reads go: daily rows for the bar and the 90-day uptime, histograms for the 7-day chart, hours
 * for the 24-hour uptime and chart.
 */
export function snapshotWindows(now: Date): { daysSince: Date; histSince: Date; hoursSince: Date } {
  const starts = windowStarts(now);
  const barStart = dayStart(now).getTime() - (BAR_DAYS - 1) * DAY;
  return {
    daysSince: new Date(Math.min(barStart, starts['90d'])),
    histSince: new Date(dayStart(now).getTime() - 6 * DAY),
    hoursSince: new Date(Math.min(starts['24h'], hourStart(now).getTime() - 23 * HOUR)),
  };
}

/** Slots from the start of each read window through the current day / hour; histograms for the charts' slots. */
function seriesFrame(now: Date): SeriesFrame {
  const w = snapshotWindows(now);
  const day0 = w.daysSince.getTime(), hour0 = w.hoursSince.getTime();
  const chart = chartStarts(now);
  return {
    day0, days: (dayStart(now).getTime() - day0) / DAY + 1, dayHistFrom: (chart.day - day0) / DAY,
    hour0, hours: (hourStart(now).getTime() - hour0) / HOUR + 1, hourHistFrom: (chart.hour - hour0) / HOUR,
  };
}

/** First slot of the response-time charts: 24 hours through the current one, 7 days through today. */
const chartStarts = (now: Date) => ({ hour: hourStart(now).getTime() - 23 * HOUR, day: dayStart(now).getTime() - 6 * DAY });

/** Uptime per window: 24 h from the hours, the rest from whole days. */
function windowUptimes(series: ComponentSeries, frame: SeriesFrame, starts: Record<WindowName, number>): Record<WindowName, number | null> {
  const uptime = {} as Record<WindowName, number | null>;
  for (const w of WINDOW_NAMES) {
    const sum = w === '24h' ? series.hours.sumFrom((starts[w] - frame.hour0) / HOUR) : series.days.sumFrom((starts[w] - frame.day0) / DAY);
    uptime[w] = sum.seen ? uptimeOf(sum) : null;
  }
  return uptime;
}

const isOpen = (i: { resolvedAt: number | null; status: string }) => i.resolvedAt === null && i.status !== 'resolved' && i.status !== 'postmortem';

/** What the rollups say about each component: computed as soon as the state and daily reads are in (see
 * buildSnapshot), while the incidents are still being read. */
export interface ComponentFigures {
  series: ComponentSeries;
  uptime: Record<WindowName, number | null>;
  latency24h: LatencySeries;
  latency7d: LatencySeries;
}

/** Per component (by id): its monitors' rollups summed into slots, uptime per window and response-time series. */
export function componentFigures(state: StateRead, daily: readonly Uint8Array[], now: Date): Map<string, ComponentFigures> {
  const starts = windowStarts(now);
  const frame = seriesFrame(now);
  const { hour: hour0, day: day0 } = chartStarts(now);
  const seriesOf = new Map<string, ComponentSeries>();
  const parts = state.components.filter((c) => !c.is_group);
  const arena = new ArrayArena(ComponentSeries.bytes(frame) * parts.length); // one buffer for every component's arrays
  for (const c of parts) seriesOf.set(c.id, new ComponentSeries(frame, arena));
  const seriesOfMonitor = new Map<string, ComponentSeries>();
  for (const m of state.monitors) {
    const series = seriesOf.get(m.component_id);
    if (series) seriesOfMonitor.set(m.id, series);
  }
  for (const text of daily) addRollupText(text, 'd', seriesOfMonitor);
  for (const text of state.hourly) addRollupText(text, 'h', seriesOfMonitor);
  const out = new Map<string, ComponentFigures>();
  for (const [id, series] of seriesOf) {
    out.set(id, {
      series,
      uptime: windowUptimes(series, frame, starts),
      latency24h: series.hours.latency((hour0 - frame.hour0) / HOUR, 24),
      latency7d: series.days.latency((day0 - frame.day0) / DAY, 7),
    });
  }
  return out;
}

/** Build the snapshot the page renders from. `queries` is how many round trips the reads took. */
export function assembleSnapshot(state: StateRead, daily: readonly Uint8Array[], incidents: IncidentsRead, now: Date, queries: number): StatusSnapshot {
  return finishSnapshot(state, componentFigures(state, daily, now), incidents, now, queries);
}

/** The snapshot from the state read, the rollup figures computed from it (componentFigures) and the incidents. */
export function finishSnapshot(state: StateRead, figures: ReadonlyMap<string, ComponentFigures>, incidents: IncidentsRead, now: Date, queries: number): StatusSnapshot {
  const t = now.getTime();
  const frame = seriesFrame(now);
  const open = incidents.whole.filter(isOpen);
  const maintenances: SnapshotMaintenance[] = state.maintenances.map((m) => {
    const row = { id: m.id, title: m.title, body: m.body, scheduledFor: m.scheduled_for, scheduledUntil: m.scheduled_until, componentIds: Array.isArray(m.component_ids) ? m.component_ids : [] };
    return { ...row, status: maintenanceStatusAt({ scheduledFor: new Date(row.scheduledFor), scheduledUntil: new Date(row.scheduledUntil) }, now) };
  });
  const inMaintenance = new Set(maintenances.filter((m) => m.status === 'in_progress').flatMap((m) => m.componentIds));
  const groups = new Map(state.components.filter((c) => c.is_group).map((c) => [c.id, c.name]));
  const scratch = { up: 0, degraded: 0, down: 0, maintenance: 0 }; // reused: buildDayBar copies the counts at once
  const barSlot0 = (barStart(BAR_DAYS, now) - frame.day0) / DAY; // the day slot of the bar's first day

  // Index once: per component its monitors, the incidents touching it and what they say about it.
  const monitorsOf = new Map<string, StateRead['monitors']>();
  for (const m of state.monitors) {
    const list = monitorsOf.get(m.component_id);
    if (list) list.push(m);
    else monitorsOf.set(m.component_id, [m]);
  }
  const incidentsOf = new Map<string, Array<{ incident: IncidentHeadline; status: ComponentStatus }>>();
  const incidentTitles: Record<string, string> = {};
  for (const i of incidents.headlines) {
    incidentTitles[i.id] = i.title;
    for (let j = 0; j < i.components.length; j += 2) {
      const id = i.components[j]!, status = i.components[j + 1] as ComponentStatus;
      const list = incidentsOf.get(id);
      if (list) list.push({ incident: i, status });
      else incidentsOf.set(id, [{ incident: i, status }]);
    }
  }

  const components: SnapshotComponent[] = state.components
    .filter((c) => !c.is_group)
    .map((c) => {
      const monitors = monitorsOf.get(c.id) ?? [];
      const figure = figures.get(c.id);
      if (!figure) throw new Error(`no rollup figures for component ${c.id}: figures and state come from different reads`);
      const touching = incidentsOf.get(c.id) ?? [];
      const openStatuses = touching.filter((x) => isOpen(x.incident)).map((x) => x.status);
      const { status, hasData } = componentStatus({ monitorStatuses: monitors.map((m) => m.status), incidentStatuses: openStatuses, inMaintenance: inMaintenance.has(c.id) });
      return {
        id: c.id, name: c.name, groupId: c.group_id, groupName: c.group_id ? (groups.get(c.group_id) ?? null) : null, status, hasData,
        uptime: figure.uptime,
        days: buildDayBar(BAR_DAYS, now, (i) => figure.series.days.countsAt(i + barSlot0, scratch), touching),
        latency24h: figure.latency24h,
        latency7d: figure.latency7d,
        monitors: monitors.map((m) => ({ id: m.id, name: m.name, status: m.status, lastCheckAt: m.last_check_at, lastError: m.last_error })),
      };
    });

  return {
    generatedAt: t,
    indicator: overallIndicator(components.map((c) => c.status), open.map((i) => i.impact)),
    components,
    incidents: incidents.whole,
    incidentTitles,
    maintenances,
    queries,
  };
}

export { isOpen as isOpenIncident };

// Reads shared by the native API and the badges: the database queries composed with the core rules, so a
// badge and the API can never disagree about a status or an uptime figure.
import type postgres from 'postgres';
import { averageMs, sumRollups } from '../core/series.js';
import { resolveComponents, type ResolvedComponent } from '../core/statuspage.js';
import { WINDOW_NAMES, WINDOWS, type WindowName } from '../core/time.js';
import { uptimeOf, type StatusCounts } from '../core/uptime.js';
import { OPEN_END, resolveWindow, windowEndingAt } from '../core/uptime-window.js';
import { loadComponentFacts } from '../db/component-facts.js';
import { listMonitorStatus, type MonitorStatusRow } from '../db/status-queries.js';
import { countWindows, type WindowCounts } from '../db/uptime-queries.js';

export interface WindowSpec {
  name: WindowName | null;
  from: Date;
  to: Date;
  now: Date;
}

/** A named window ending now, or an explicit range; the default is the last 24 hours. */
export function windowOf(q: { window?: string; from?: string; to?: string }, now: Date): WindowSpec {
  if (q.from) return { name: null, from: new Date(q.from), to: q.to ? new Date(q.to) : OPEN_END, now };
  const name = (q.window ?? '24h') as WindowName;
  return { name, ...windowEndingAt(now, WINDOWS[name]), now };
}

export interface WindowStats {
  window: WindowName | null;
  from: Date;
  to: Date;
  counts: StatusCounts;
  uptime: number | null;
  avgResponseMs: number | null;
}

function statsOf(w: WindowSpec, parts: readonly WindowCounts[]): WindowStats {
  const sum = sumRollups(parts);
  const counts = { up: sum.up, degraded: sum.degraded, down: sum.down, maintenance: sum.maintenance };
  return { window: w.name, ...reportedBounds(w), counts, uptime: uptimeOf(counts), avgResponseMs: averageMs(sum) };
}

/** The bounds a window counted, as the API states them: an open end is reported as the end of the current hour. */
export function reportedBounds(w: WindowSpec): { from: Date; to: Date } {
  const { from, to } = resolveWindow(w.from, w.to.getTime() === OPEN_END.getTime() ? w.now : w.to);
  return { from, to };
}

/** Uptime and response time of a set of monitors (one monitor, or all of a component's) over a window. */
export async function readWindowStats(sql: postgres.Sql, monitorIds: readonly string[], w: WindowSpec): Promise<WindowStats> {
  const counts = await countWindows(sql, monitorIds, [{ key: 'w', from: w.from, to: w.to }]);
  return statsOf(w, monitorIds.map((id) => counts.get(id)?.get('w')).filter((c): c is WindowCounts => !!c));
}

export interface ComponentView extends ResolvedComponent {
  monitorIds: string[];
  uptime: Record<WindowName, number | null>;
}

/**
 * Every component with its status (the service-status rule), the monitors reporting into it (a group: its
 * children's) and its uptime windows, counted over all those monitors' checks.
 */
export async function readComponents(sql: postgres.Sql, now: Date): Promise<{ components: ComponentView[]; monitors: MonitorStatusRow[] }> {
  const [facts, monitors] = await Promise.all([loadComponentFacts(sql, now), listMonitorStatus(sql, now)]);
  const resolved = resolveComponents(facts.components);
  const direct = new Map<string, string[]>();
  for (const m of monitors) direct.set(m.componentId, [...(direct.get(m.componentId) ?? []), m.id]);
  const monitorIdsOf = (c: ResolvedComponent) => [...(direct.get(c.id) ?? []), ...c.childIds.flatMap((k) => direct.get(k) ?? [])];
  const counts = await countWindows(sql, monitors.map((m) => m.id), WINDOW_NAMES.map((w) => ({ key: w, ...windowEndingAt(now, WINDOWS[w]) })));
  const components = resolved.map((c) => {
    const ids = monitorIdsOf(c);
    const uptime = Object.fromEntries(
      WINDOW_NAMES.map((w) => {
        const parts = ids.map((id) => counts.get(id)?.get(w)).filter((x): x is WindowCounts => !!x);
        return [w, parts.length ? uptimeOf(sumRollups(parts)) : null];
      }),
    ) as Record<WindowName, number | null>;
    return { ...c, monitorIds: ids, uptime };
  });
  return { components, monitors };
}

import type postgres from 'postgres';
import type { Status, Verdict } from '../core/statuses.js';
import type { ErrorClass } from '../core/types.js';
import { uptimeOf } from '../core/uptime.js';
import { WINDOW_NAMES, WINDOWS, type WindowName } from '../core/time.js';
import { windowEndingAt } from '../core/uptime-window.js';
import { countWindows } from './uptime-queries.js';

export interface MonitorStatusRow {
  id: string;
  name: string;
  component: string;
  componentId: string;
  groupName: string | null;
  status: Status;
  statusSince: Date | null;
  firstFailureAt: Date | null;
  lastCheck: { at: Date; ok: boolean; verdict: Verdict; statusCode: number | null; latencyMs: number | null; errorClass: ErrorClass | null; error: string | null } | null;
  uptime: Record<WindowName, number | null>;
}

/**
 * Current status and uptime windows for every active monitor, from monitor_state and the rollups only
 * (countWindows: whole days from daily rollups, the hours at either end from hourly ones).
 * Two queries whatever the number of monitors.
 */
export async function listMonitorStatus(sql: postgres.Sql, now: Date): Promise<MonitorStatusRow[]> {
  const monitors = await sql<{ id: string; name: string; component: string; component_id: string; group_name: string | null; status: Status; status_since: Date | null; first_failure_at: Date | null; last_check_at: Date | null; last_verdict: Verdict | null; last_status_code: number | null; last_latency_ms: number | null; last_error_class: ErrorClass | null; last_error: string | null }[]>`
      select m.id, m.name, c.name as component, c.id as component_id, g.name as group_name, s.status, s.status_since,
        s.first_failure_at, s.last_check_at, s.last_verdict, s.last_status_code, s.last_latency_ms, s.last_error_class, s.last_error
      from monitors m join monitor_state s on s.monitor_id = m.id
      left join components c on c.id = m.component_id left join components g on g.id = c.group_id
      where m.removed_at is null order by c.position, m.position, m.id`;
  const byMonitor = await countWindows(sql, monitors.map((m) => m.id), WINDOW_NAMES.map((w) => ({ key: w, ...windowEndingAt(now, WINDOWS[w]) })));
  return monitors.map((m) => {
    const windows = byMonitor.get(m.id);
    const uptime = (w: WindowName) => {
      const counts = windows?.get(w);
      return counts ? uptimeOf(counts) : null;
    };
    return {
      id: m.id,
      name: m.name,
      component: m.component,
      componentId: m.component_id,
      groupName: m.group_name,
      status: m.status,
      statusSince: m.status_since,
      firstFailureAt: m.first_failure_at,
      lastCheck: m.last_check_at
        ? { at: m.last_check_at, ok: m.last_verdict !== 'down', verdict: m.last_verdict!, statusCode: m.last_status_code, latencyMs: m.last_latency_ms, errorClass: m.last_error_class, error: m.last_error }
        : null,
      uptime: { '24h': uptime('24h'), '7d': uptime('7d'), '30d': uptime('30d'), '90d': uptime('90d') },
    };
  });
}

import type postgres from 'postgres';
import { uptimeOf, type StatusCounts } from '../core/uptime.js';
import { WINDOWS, type WindowName } from '../core/time.js';

export interface MonitorStatusRow {
  id: string;
  name: string;
  component: string;
  componentId: string;
  groupName: string | null;
  status: string;
  statusSince: Date | null;
  firstFailureAt: Date | null;
  lastCheck: { at: Date; ok: boolean; verdict: string; statusCode: number | null; latencyMs: number | null; errorClass: string | null; error: string | null } | null;
  uptime: Record<WindowName, number | null>;
}

/**
 * Current status and uptime windows for every active monitor, from monitor_state and the rollups only:
 * 24 h from hourly rollups, longer windows from daily rollups (whole UTC days plus today so far).
 * Two queries whatever the number of monitors.
 */
export async function listMonitorStatus(sql: postgres.Sql, now: Date): Promise<MonitorStatusRow[]> {
  const since = (w: WindowName) => new Date(now.getTime() - WINDOWS[w]);
  const [monitors, counts] = await Promise.all([
    sql<{ id: string; name: string; component: string; component_id: string; group_name: string | null; status: string; status_since: Date | null; first_failure_at: Date | null; last_check_at: Date | null; last_verdict: string | null; last_status_code: number | null; last_latency_ms: number | null; last_error_class: string | null; last_error: string | null }[]>`
      select m.id, m.name, c.name as component, c.id as component_id, g.name as group_name, s.status, s.status_since,
        s.first_failure_at, s.last_check_at, s.last_verdict, s.last_status_code, s.last_latency_ms, s.last_error_class, s.last_error
      from monitors m join monitor_state s on s.monitor_id = m.id
      left join components c on c.id = m.component_id left join components g on g.id = c.group_id
      where m.removed_at is null order by c.position, m.position, m.id`,
    sql<{ monitor_id: string; w: WindowName; up: number; degraded: number; down: number; maintenance: number }[]>`
      select monitor_id, '24h' as w, sum(up)::int as up, sum(degraded)::int as degraded, sum(down)::int as down, sum(maintenance)::int as maintenance
        from rollups_hourly where bucket >= date_trunc('hour', ${since('24h').toISOString()}::timestamptz) group by monitor_id
      union all
      select monitor_id, w, sum(up)::int, sum(degraded)::int, sum(down)::int, sum(maintenance)::int
        from rollups_daily, lateral (values ('7d', ${since('7d').toISOString()}::timestamptz), ('30d', ${since('30d').toISOString()}::timestamptz), ('90d', ${since('90d').toISOString()}::timestamptz)) as win(w, since)
        where bucket >= date_trunc('day', win.since) group by monitor_id, w`,
  ]);
  const byMonitor = new Map<string, Partial<Record<WindowName, StatusCounts>>>();
  for (const c of counts) {
    const m = byMonitor.get(c.monitor_id) ?? {};
    m[c.w] = c;
    byMonitor.set(c.monitor_id, m);
  }
  return monitors.map((m) => {
    const windows = byMonitor.get(m.id) ?? {};
    const uptime = (w: WindowName) => (windows[w] ? uptimeOf(windows[w]!) : null);
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

import type postgres from 'postgres';

export interface MonitorMetricsRow {
  id: string;
  component: string;
  status: string;
  lastLatencyMs: number | null;
  lastCheckAt: Date | null;
  checksTotal: number;
  failuresTotal: number;
  latencySum: number;
  latencyCount: number;
  /** Per-bucket latency counts over all daily rollups (core/latency.ts buckets). */
  hist: number[];
}

export interface EndpointMetricsRow {
  id: string;
  name: string;
  kind: string;
  disabled: boolean;
  /** Deliveries per state (pending, delivered, failed, disabled). */
  deliveries: Record<string, number>;
  /** Attempts that did not deliver: every attempt of an undelivered row, all but the last of a delivered one. */
  failedAttempts: number;
}

/**
 * What /metrics exposes, in three statements: monitor state and counters, the all-time latency histogram summed
 * from the daily rollups (so it only grows, as a Prometheus histogram must), and delivery outcomes per endpoint.
 */
export async function readMetrics(sql: postgres.Sql): Promise<{ monitors: MonitorMetricsRow[]; endpoints: EndpointMetricsRow[] }> {
  const [monitors, hists, endpoints] = await Promise.all([
    sql<{ id: string; component: string; status: string; last_latency_ms: number | null; last_check_at: Date | null; checks_total: number; failures_total: number }[]>`
      select m.id, m.component_id as component, s.status, s.last_latency_ms, s.last_check_at, s.checks_total, s.failures_total
      from monitors m join monitor_state s on s.monitor_id = m.id where m.removed_at is null order by m.position, m.id`,
    sql<{ monitor_id: string; latency_sum: number; latency_count: number; hist: number[] }[]>`
      with active as (select id from monitors where removed_at is null),
      sums as (
        select r.monitor_id, sum(r.latency_sum)::float8 as latency_sum, sum(r.latency_count)::float8 as latency_count
        from rollups_daily r join active a on a.id = r.monitor_id group by r.monitor_id
      ),
      buckets as (
        select r.monitor_id, u.i, sum(u.v)::float8 as n
        from rollups_daily r join active a on a.id = r.monitor_id, unnest(r.hist) with ordinality as u(v, i)
        group by r.monitor_id, u.i
      )
      select s.monitor_id, s.latency_sum, s.latency_count,
        coalesce((select json_agg(b.n order by b.i) from buckets b where b.monitor_id = s.monitor_id), '[]'::json) as hist
      from sums s`,
    sql<{ id: string; name: string; kind: string; disabled: boolean; states: Record<string, number> | null; failed_attempts: number }[]>`
      select e.id, e.name, e.kind, e.disabled_at is not null as disabled,
        (select json_object_agg(state, n) from (select state, count(*)::int as n from alert_deliveries d where d.endpoint_id = e.id group by state) x) as states,
        coalesce((select sum(greatest(d.attempts - (d.state = 'delivered')::int, 0)) from alert_deliveries d where d.endpoint_id = e.id), 0)::float8 as failed_attempts
      from alert_endpoints e order by e.id`,
  ]);
  const byMonitor = new Map(hists.map((h) => [h.monitor_id, h]));
  return {
    monitors: monitors.map((m) => {
      const h = byMonitor.get(m.id);
      return {
        id: m.id, component: m.component, status: m.status, lastLatencyMs: m.last_latency_ms, lastCheckAt: m.last_check_at,
        checksTotal: m.checks_total, failuresTotal: m.failures_total, latencySum: h?.latency_sum ?? 0, latencyCount: h?.latency_count ?? 0, hist: h?.hist ?? [],
      };
    }),
    endpoints: endpoints.map((e) => ({ id: e.id, name: e.name, kind: e.kind, disabled: e.disabled, deliveries: e.states ?? {}, failedAttempts: e.failed_attempts })),
  };
}

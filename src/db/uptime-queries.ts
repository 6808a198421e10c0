import type postgres from 'postgres';
import type { StatusCounts } from '../core/uptime.js';
import { rollupSegments } from '../core/uptime-window.js';

/** Counts and response-time sums of one monitor over one window, straight from the rollups. */
export interface WindowCounts extends StatusCounts {
  latencySum: number;
  latencyCount: number;
}

export const EMPTY_WINDOW: WindowCounts = { up: 0, degraded: 0, down: 0, maintenance: 0, latencySum: 0, latencyCount: 0 };

/**
 * Counts per monitor for any number of named windows, in one statement: each window is split into daily and
 * hourly rollup segments (core/uptime-window.ts), and each segment is one range read on the rollup primary key
 * (monitor_id, bucket), pre-summed per monitor. Raw checks are never read, so 90 days for 100 monitors costs about
 * what one day does. The statement is spelled out per segment (not joined against a list of segments) so the
 * planner sees small, exact ranges — a lateral join over a parameter list made it estimate a costly plan and
 * JIT-compile it, which alone took longer than the query. Monitors without rows in a window are absent from its
 * map ("no data").
 */
export async function countWindows(
  sql: postgres.Sql,
  monitorIds: readonly string[],
  windows: ReadonlyArray<{ key: string; from: Date; to: Date }>,
): Promise<Map<string, Map<string, WindowCounts>>> {
  const out = new Map<string, Map<string, WindowCounts>>();
  if (!monitorIds.length || !windows.length) return out;
  const ids = JSON.stringify(monitorIds);
  const parts = windows.flatMap((w) =>
    rollupSegments(w).map(
      (s) => sql`
        select ${w.key}::text as key, monitor_id, sum(up) as up, sum(degraded) as degraded, sum(down) as down, sum(maintenance) as maintenance,
          sum(latency_sum) as latency_sum, sum(latency_count) as latency_count
        from ${sql(s.table === 'daily' ? 'rollups_daily' : 'rollups_hourly')}
        where monitor_id in (select jsonb_array_elements_text(${ids}::text::jsonb))
          and bucket >= ${s.from.toISOString()}::timestamptz and bucket < ${s.to.toISOString()}::timestamptz
        group by monitor_id`,
    ),
  );
  const union = parts.slice(1).reduce((acc, p) => sql`${acc} union all ${p}`, parts[0]!);
  const rows = await sql<{ key: string; monitor_id: string; up: number; degraded: number; down: number; maintenance: number; latency_sum: number; latency_count: number }[]>`
    select key, monitor_id, sum(up)::int as up, sum(degraded)::int as degraded, sum(down)::int as down, sum(maintenance)::int as maintenance,
      sum(latency_sum)::float8 as latency_sum, sum(latency_count)::int as latency_count
    from (${union}) r group by key, monitor_id`;
  for (const r of rows) {
    const m = out.get(r.monitor_id) ?? new Map<string, WindowCounts>();
    m.set(r.key, { up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance, latencySum: r.latency_sum, latencyCount: r.latency_count });
    out.set(r.monitor_id, m);
  }
  return out;
}

/** One monitor's day: counts, latency and the histogram p50/p95 come from. */
export interface DailyRollup extends WindowCounts {
  monitorId: string;
  day: Date;
  latencyMax: number | null;
  hist: number[];
}

/**
 * Daily rollup rows for the given monitors in [from, to) (days), oldest first; days without checks are absent.
 * Lists travel as JSON (ids in, histogram out): on Workers the client does not fetch array types.
 */
export async function listDailyRollups(sql: postgres.Sql, monitorIds: readonly string[], from: Date, to: Date): Promise<DailyRollup[]> {
  if (!monitorIds.length) return [];
  const rows = await sql<{ monitor_id: string; bucket: Date; up: number; degraded: number; down: number; maintenance: number; latency_sum: number; latency_count: number; latency_max: number | null; hist: number[] }[]>`
    select monitor_id, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_max, array_to_json(hist) as hist
    from rollups_daily where monitor_id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb))
      and bucket >= ${from.toISOString()}::timestamptz and bucket < ${to.toISOString()}::timestamptz
    order by bucket, monitor_id`;
  return rows.map((r) => ({
    monitorId: r.monitor_id, day: r.bucket, up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance,
    latencySum: r.latency_sum, latencyCount: r.latency_count, latencyMax: r.latency_max, hist: r.hist,
  }));
}

/** Ids of the monitors in the config now, in display order. */
export async function listActiveMonitorIds(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select id from monitors where removed_at is null order by position, id`;
  return rows.map((r) => r.id);
}

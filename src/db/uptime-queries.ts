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
 * hourly rollup segments (core/uptime-window.ts) and every segment is an index range on the rollup primary key
 * (monitor_id, bucket). Raw checks are never read, so 90 days for 100 monitors costs the same as one day.
 * Monitors without rows in a window are absent from its map ("no data").
 */
export async function countWindows(
  sql: postgres.Sql,
  monitorIds: readonly string[],
  windows: ReadonlyArray<{ key: string; from: Date; to: Date }>,
): Promise<Map<string, Map<string, WindowCounts>>> {
  const out = new Map<string, Map<string, WindowCounts>>();
  if (!monitorIds.length || !windows.length) return out;
  const segments = windows.flatMap((w) => rollupSegments(w).map((s) => ({ key: w.key, daily: s.table === 'daily', from_ts: s.from.toISOString(), to_ts: s.to.toISOString() })));
  const rows = await sql<{ key: string; monitor_id: string; up: number; degraded: number; down: number; maintenance: number; latency_sum: number; latency_count: number }[]>`
    with seg as (
      select * from jsonb_to_recordset(${JSON.stringify(segments)}::text::jsonb) as s(key text, daily boolean, from_ts timestamptz, to_ts timestamptz)
    ), ids as (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb) as id)
    select s.key, r.monitor_id, sum(r.up)::int as up, sum(r.degraded)::int as degraded, sum(r.down)::int as down,
      sum(r.maintenance)::int as maintenance, sum(r.latency_sum)::float8 as latency_sum, sum(r.latency_count)::int as latency_count
    from seg s cross join lateral (
      select d.monitor_id, d.up, d.degraded, d.down, d.maintenance, d.latency_sum, d.latency_count
        from rollups_daily d where s.daily and d.monitor_id in (select id from ids) and d.bucket >= s.from_ts and d.bucket < s.to_ts
      union all
      select h.monitor_id, h.up, h.degraded, h.down, h.maintenance, h.latency_sum, h.latency_count
        from rollups_hourly h where not s.daily and h.monitor_id in (select id from ids) and h.bucket >= s.from_ts and h.bucket < s.to_ts
    ) r
    group by s.key, r.monitor_id`;
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

// Uptime over an explicit range, read from the rollups: what the snapshot cannot hold (any from/to). Named windows
// are answered from the snapshot, which counts them by the same segments (core/series sumWindow).
import type postgres from 'postgres';
import { averageMs, sumRollups } from '../core/series.js';
import { uptimeOf, type StatusCounts } from '../core/uptime.js';
import { OPEN_END, resolveWindow } from '../core/uptime-window.js';
import { countWindows, type WindowCounts } from '../db/uptime-queries.js';

export interface RangeStats {
  from: number;
  to: number;
  counts: StatusCounts;
  uptime: number | null;
  avgResponseMs: number | null;
}

/** Uptime and response time of a set of monitors over [from, to) (to: open, as far as checks go, when absent). */
export async function readRangeStats(sql: postgres.Sql, monitorIds: readonly string[], range: { from: Date; to?: Date }, now: Date): Promise<RangeStats> {
  const to = range.to ?? OPEN_END;
  const found = await countWindows(sql, monitorIds, [{ key: 'w', from: range.from, to }]);
  const sum = sumRollups(monitorIds.map((id) => found.get(id)?.get('w')).filter((c): c is WindowCounts => !!c));
  const counts = { up: sum.up, degraded: sum.degraded, down: sum.down, maintenance: sum.maintenance };
  // An open end is reported as the end of the current hour: the bounds the rollups counted.
  const bounds = resolveWindow(range.from, range.to ?? now);
  return { from: bounds.from.getTime(), to: bounds.to.getTime(), counts, uptime: uptimeOf(counts), avgResponseMs: averageMs(sum) };
}

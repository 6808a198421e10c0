import { groupBy } from './group-by.js';
import { addHist, emptyHist, quantileFromHist } from './latency.js';
import { rollupSegments } from './uptime-window.js';
import { uptimeOf, type StatusCounts } from './uptime.js';

/** One rollup row's worth of numbers: what a day (or window) of one or more monitors adds up to. */
export interface RollupNumbers extends StatusCounts {
  latencySum: number;
  latencyCount: number;
  latencyMax?: number | null;
  hist?: readonly number[];
}

/** A point of a chart: one UTC day of one monitor or of all monitors of a component. */
export interface SeriesPoint {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  counts: StatusCounts;
  /** Null when the day has no counted checks ("no data", never 100 %). */
  uptime: number | null;
  /** Mean response time of answered checks, ms. */
  avgMs: number | null;
  /** Percentiles from the latency histogram (upper bound of the bucket: never lower than measured), ms. */
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * Add up rollup rows (several monitors, or several buckets): counts and sums add, histograms add bucket-wise,
 * the maximum is the largest. A component's uptime is therefore checks up ÷ checks counted over all its
 * monitors — the same rule as one monitor's, with each check weighing the same.
 */
export function sumRollups(rows: readonly RollupNumbers[]): Required<RollupNumbers> {
  let hist = emptyHist();
  const out = { up: 0, degraded: 0, down: 0, maintenance: 0, latencySum: 0, latencyCount: 0, latencyMax: null as number | null, hist };
  for (const r of rows) {
    out.up += r.up;
    out.degraded += r.degraded;
    out.down += r.down;
    out.maintenance += r.maintenance;
    out.latencySum += r.latencySum;
    out.latencyCount += r.latencyCount;
    if (r.latencyMax != null) out.latencyMax = out.latencyMax === null ? r.latencyMax : Math.max(out.latencyMax, r.latencyMax);
    if (r.hist) hist = addHist(hist, r.hist);
  }
  out.hist = hist;
  return out;
}

/** Mean response time from sums; null without answered checks. */
export function averageMs(n: { latencySum: number; latencyCount: number }): number | null {
  return n.latencyCount > 0 ? n.latencySum / n.latencyCount : null;
}

/**
 * A daily series over `days` (UTC day starts, oldest first) from rollup rows keyed by day: every day appears,
 * days without rows as "no data".
 */
export function dailySeries(days: readonly Date[], rows: ReadonlyArray<RollupNumbers & { day: Date }>): SeriesPoint[] {
  const byDay = groupBy(rows, (r) => r.day.getTime());
  return days.map((day) => {
    const sum = sumRollups(byDay.get(day.getTime()) ?? []);
    const counts = { up: sum.up, degraded: sum.degraded, down: sum.down, maintenance: sum.maintenance };
    return {
      date: day.toISOString().slice(0, 10),
      counts,
      uptime: uptimeOf(counts),
      avgMs: averageMs(sum),
      p50Ms: quantileFromHist(sum.hist, 0.5, sum.latencyMax),
      p95Ms: quantileFromHist(sum.hist, 0.95, sum.latencyMax),
    };
  });
}

/** A rollup row placed in time: its bucket's start, epoch ms. */
export interface RollupPoint extends RollupNumbers {
  bucket: number;
}

/**
 * The sum of the rows a window counts, chosen as the database reads them for the API (rollupSegments): daily rows
 * for the whole UTC days inside it, hourly rows for the ragged hours at either end. The page and the API therefore
 * count the same checks for the same window.
 */
export function sumWindow(daily: readonly RollupPoint[], hourly: readonly RollupPoint[], window: { from: Date; to: Date }): Required<RollupNumbers> {
  const picked = rollupSegments(window).flatMap((s) =>
    (s.table === 'daily' ? daily : hourly).filter((r) => r.bucket >= s.from.getTime() && r.bucket < s.to.getTime()),
  );
  return sumRollups(picked);
}

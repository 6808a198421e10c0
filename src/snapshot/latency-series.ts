// Response-time series for the charts, from rollup histograms (never raw checks).
import { emptyHist, quantileFromHist } from '../core/latency.js';
import type { LatencyPoint } from './types.js';

export interface HistBucket {
  at: number;
  hist: readonly number[];
  max: number | null;
}

/**
 * One point per step from `from` (inclusive) for `count` steps: p50 and p95 of the histograms of all buckets
 * starting at that step (several monitors of one component add up). Steps without data have null values,
 * so the chart shows a gap rather than inventing a line.
 */
export function latencySeries(buckets: readonly HistBucket[], from: number, stepMs: number, count: number): LatencyPoint[] {
  const byStep = new Map<number, { hist: number[]; max: number | null }>();
  for (const b of buckets) {
    const idx = Math.floor((b.at - from) / stepMs);
    if (idx < 0 || idx >= count) continue;
    let cur = byStep.get(idx);
    if (!cur) byStep.set(idx, (cur = { hist: emptyHist(), max: null }));
    // Summed in place: one array per step, not one per bucket.
    for (let i = 0; i < cur.hist.length; i++) cur.hist[i]! += b.hist[i] ?? 0;
    if (b.max !== null) cur.max = cur.max === null ? b.max : Math.max(cur.max, b.max);
  }
  const points: LatencyPoint[] = [];
  for (let i = 0; i < count; i++) {
    const s = byStep.get(i);
    points.push({ at: from + i * stepMs, p50: s ? quantileFromHist(s.hist, 0.5, s.max) : null, p95: s ? quantileFromHist(s.hist, 0.95, s.max) : null });
  }
  return points;
}

import { bucketIndex, emptyHist } from './latency.js';
import type { Verdict } from './types.js';

/** The part of a check a rollup counts. */
export interface CountableCheck {
  monitorId: string;
  at: Date;
  verdict: Verdict;
  inMaintenance: boolean;
  latencyMs: number;
}

/** Counters for one monitor in one time bucket; added onto the stored row by an upsert. */
export interface RollupDelta {
  monitorId: string;
  bucket: Date;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latencySum: number;
  latencyCount: number;
  latencyMin: number | null;
  latencyMax: number | null;
  hist: number[];
}

/**
 * Group checks into per-bucket deltas. Latency is only counted for checks that got an answer (up or
 * degraded): a timeout's 10 s is not a response time, and would drown p95 in failures.
 */
export function rollupChecks(checks: readonly CountableCheck[], bucketOf: (d: Date) => Date): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const c of checks) {
    const bucket = bucketOf(c.at);
    const key = `${c.monitorId}\u0000${bucket.getTime()}`;
    let r = byKey.get(key);
    if (!r) {
      r = { monitorId: c.monitorId, bucket, up: 0, degraded: 0, down: 0, maintenance: 0, latencySum: 0, latencyCount: 0, latencyMin: null, latencyMax: null, hist: emptyHist() };
      byKey.set(key, r);
    }
    if (c.inMaintenance) r.maintenance++;
    else r[c.verdict]++;
    if (c.verdict !== 'down') {
      r.latencySum += c.latencyMs;
      r.latencyCount++;
      r.latencyMin = r.latencyMin === null ? c.latencyMs : Math.min(r.latencyMin, c.latencyMs);
      r.latencyMax = r.latencyMax === null ? c.latencyMs : Math.max(r.latencyMax, c.latencyMs);
      r.hist[bucketIndex(c.latencyMs)]!++;
    }
  }
  return [...byKey.values()];
}

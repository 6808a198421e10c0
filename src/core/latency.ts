/**
 * Latency histogram with fixed bucket upper bounds (ms). Rollups store counts per bucket so p50/p95 over any
 * window are a sum of small arrays, never a scan of raw checks. The last bucket is unbounded.
 */
export const LATENCY_BOUNDS_MS = [10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10000, 20000] as const;
export const HIST_SIZE = LATENCY_BOUNDS_MS.length + 1;

export function bucketIndex(ms: number): number {
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) if (ms <= LATENCY_BOUNDS_MS[i]!) return i;
  return LATENCY_BOUNDS_MS.length;
}

export function emptyHist(): number[] {
  return new Array<number>(HIST_SIZE).fill(0);
}

export function addHist(a: readonly number[], b: readonly number[]): number[] {
  const out = emptyHist();
  for (let i = 0; i < HIST_SIZE; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0..1) from a histogram, as the upper bound of the bucket holding it (a conservative
 * estimate: never reports a latency lower than measured). Null when the histogram is empty.
 */
export function quantileFromHist(hist: readonly number[], q: number, maxSeen: number | null = null): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= rank) {
      const bound = LATENCY_BOUNDS_MS[i] ?? maxSeen ?? LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
      return maxSeen !== null ? Math.min(bound, maxSeen) : bound;
    }
  }
  return maxSeen;
}


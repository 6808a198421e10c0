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
 * estimate: never reports a latency lower than measured). Null when the histogram is empty. The histogram is
 * HIST_SIZE counts at `offset` of `hist` (several histograms may share one array).
 */
export function quantileFromHist(hist: ArrayLike<number>, q: number, maxSeen: number | null = null, offset = 0): number | null {
  const size = Math.min(HIST_SIZE, hist.length - offset);
  let total = 0;
  for (let i = 0; i < size; i++) total += hist[offset + i]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < size; i++) {
    seen += hist[offset + i]!;
    if (seen >= rank) {
      const bound = LATENCY_BOUNDS_MS[i] ?? maxSeen ?? LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
      return maxSeen !== null ? Math.min(bound, maxSeen) : bound;
    }
  }
  return maxSeen;
}

/**
 * p50 and p95 (quantileFromHist's answers) of the histogram at `offset` of `hist`, found in one pass and written
 * to p50[k] and p95[k]: the page takes both for 3,100 slots (100 components x 31) on every cold render.
 */
export function medianAndP95Into(hist: Int32Array, offset: number, maxSeen: number | null, p50: Array<number | null>, p95: Array<number | null>, k: number): void {
  let total = 0;
  for (let i = 0; i < HIST_SIZE; i++) total += hist[offset + i]!;
  if (total === 0) {
    p50[k] = p95[k] = null;
    return;
  }
  const rank50 = Math.max(1, Math.ceil(0.5 * total));
  const rank95 = Math.max(1, Math.ceil(0.95 * total));
  let seen = 0;
  let i = 0;
  for (; i < HIST_SIZE; i++) if ((seen += hist[offset + i]!) >= rank50) break;
  p50[k] = boundOf(i, maxSeen);
  for (; seen < rank95 && i < HIST_SIZE - 1; ) seen += hist[offset + ++i]!;
  p95[k] = boundOf(i, maxSeen);
}

/** The upper bound of bucket i as quantileFromHist reports it: capped by the highest latency seen. */
function boundOf(i: number, maxSeen: number | null): number | null {
  const bound = LATENCY_BOUNDS_MS[i] ?? maxSeen ?? LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1]!;
  return maxSeen !== null ? Math.min(bound, maxSeen) : bound;
}

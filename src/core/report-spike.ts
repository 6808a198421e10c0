// Is a component's report rate a spike? A robust baseline — the median and the median absolute deviation (MAD) of
// the same window at the same time of day on earlier days — against the current count of distinct reporting
// networks, with a minimum absolute count. The median and MAD ignore one odd day (a past outage) where a mean and
// standard deviation would be dragged by it; comparing like hours keeps the daily rhythm (busy noon, quiet night)
// from looking like spikes, or hiding one at night.

/** How sensitive the detector is. */
export interface SpikePolicy {
  /** Fewer distinct reporting networks than this in a window is never a spike, whatever the baseline. */
  minCount: number;
  /** How many (scaled) MADs above the median a window must be. */
  k: number;
}

export const DEFAULT_SPIKE_POLICY: SpikePolicy = { minCount: 10, k: 5 };

/** The median of `xs` (0 for none). */
export function median(xs: readonly number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The median absolute deviation of `xs` around `center`. */
export function medianAbsoluteDeviation(xs: readonly number[], center: number): number {
  return median(xs.map((x) => Math.abs(x - center)));
}

/** 1.4826 × MAD estimates the standard deviation of normally distributed data. */
const MAD_TO_SD = 1.4826;

/**
 * The count at or above which a window is a spike. The spread is at least √median: counts of independent reporters
 * vary like a Poisson count, so a flat baseline (MAD 0) must not make every extra reporter a spike.
 */
export function spikeThreshold(baseline: readonly number[], policy: SpikePolicy = DEFAULT_SPIKE_POLICY): number {
  const m = median(baseline);
  const spread = Math.max(MAD_TO_SD * medianAbsoluteDeviation(baseline, m), Math.sqrt(m), 1);
  return Math.max(policy.minCount, Math.ceil(m + policy.k * spread));
}

export interface SpikeJudgement {
  spiking: boolean;
  /** The count that starts a spike. */
  threshold: number;
  /** The baseline's median. */
  usual: number;
}

/**
 * Judge the current window. A spike starts at the threshold and ends once the count falls below halfway between the
 * usual count and the threshold (hysteresis): a count hovering at the threshold does not start and end a notice
 * every minute.
 */
export function judgeSpike(current: number, baseline: readonly number[], wasSpiking: boolean, policy: SpikePolicy = DEFAULT_SPIKE_POLICY): SpikeJudgement {
  const threshold = spikeThreshold(baseline, policy);
  const usual = median(baseline);
  const spiking = wasSpiking ? current >= usual + (threshold - usual) / 2 : current >= threshold;
  return { spiking, threshold, usual };
}

/**
 * The windows to compare with the one ending at `end`: the same span of time at the same time of day on each of the
 * `days` earlier days, as [from, to) epoch ms, newest first.
 */
export function comparableWindows(end: number, windowMs: number, days: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let d = 1; d <= days; d++) out.push([end - d * 86400_000 - windowMs, end - d * 86400_000]);
  return out;
}

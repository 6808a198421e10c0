import { describe, expect, it } from 'vitest';
import { comparableWindows, DEFAULT_SPIKE_POLICY, judgeSpike, median, medianAbsoluteDeviation, spikeThreshold } from '../../src/core/report-spike.js';
import { categoriesFor, categoryId, DEFAULT_REPORT_CATEGORIES, reportBucket, REPORT_WINDOW_MS } from '../../src/core/reports.js';

const MIN = 60_000;
const DAY = 86400_000;

/** Distinct reporting networks per minute from a rate function (per minute), deterministic "noise" included. */
function minuteSeries(days: number, rate: (minuteOfDay: number, day: number) => number): number[] {
  const out: number[] = [];
  for (let d = 0; d < days; d++) {
    for (let m = 0; m < 1440; m++) {
      const noise = ((d * 1440 + m) * 2654435761) % 7; // 0..6, fixed
      out.push(Math.max(0, Math.round(rate(m, d) + (noise - 3) * 0.1 * rate(m, d))));
    }
  }
  return out;
}

/** Sum of minutes [from, to) of a series starting at t0. */
const windowSum = (series: readonly number[], t0: number, from: number, to: number) => {
  let s = 0;
  for (let t = from; t < to; t += MIN) s += series[(t - t0) / MIN] ?? 0;
  return s;
};

/** Walk the series window by window (every 15 min) from `startDay`, returning the start of each spike episode. */
function scan(series: readonly number[], t0: number, startDay: number): { starts: number[]; spikingAt: Set<number> } {
  const starts: number[] = [];
  const spikingAt = new Set<number>();
  let was = false;
  for (let end = t0 + startDay * DAY + REPORT_WINDOW_MS; end <= t0 + series.length * MIN; end += REPORT_WINDOW_MS) {
    const current = windowSum(series, t0, end - REPORT_WINDOW_MS, end);
    const baseline = comparableWindows(end, REPORT_WINDOW_MS, 7).map(([f, t]) => windowSum(series, t0, f, t));
    const j = judgeSpike(current, baseline, was);
    if (j.spiking && !was) starts.push(end);
    if (j.spiking) spikingAt.add(end);
    was = j.spiking;
  }
  return { starts, spikingAt };
}

describe('robust statistics', () => {
  it('median and MAD ignore one odd value', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const xs = [10, 11, 9, 10, 12, 10, 500];
    expect(median(xs)).toBe(10);
    expect(medianAbsoluteDeviation(xs, 10)).toBe(1);
  });

  it('the threshold never drops below the minimum count, and grows with the baseline and its spread', () => {
    expect(spikeThreshold([])).toBe(DEFAULT_SPIKE_POLICY.minCount);
    expect(spikeThreshold([0, 0, 0, 1])).toBe(DEFAULT_SPIKE_POLICY.minCount);
    // Flat at 100: spread √100 = 10, so 100 + 5 × 10.
    expect(spikeThreshold([100, 100, 100, 100, 100, 100, 100])).toBe(150);
    // A past outage day (5,000) among quiet days does not lift the threshold much.
    expect(spikeThreshold([100, 100, 100, 100, 100, 100, 5000])).toBe(150);
    expect(spikeThreshold([80, 120, 90, 110, 100, 100, 95])).toBeGreaterThan(150);
  });

  it('a spike ends only once the count falls below halfway between the usual count and the threshold', () => {
    const baseline = [0, 0, 0];
    expect(judgeSpike(9, baseline, false).spiking).toBe(false);
    expect(judgeSpike(10, baseline, false).spiking).toBe(true);
    expect(judgeSpike(6, baseline, true).spiking).toBe(true);
    expect(judgeSpike(4, baseline, true).spiking).toBe(false);
    // Usual 100, threshold 150: on above 150, off below 125.
    const busy = [100, 100, 100, 100, 100];
    expect(judgeSpike(149, busy, false).spiking).toBe(false);
    expect(judgeSpike(126, busy, true).spiking).toBe(true);
    expect(judgeSpike(124, busy, true).spiking).toBe(false);
  });

  it('comparable windows are the same time of day on earlier days', () => {
    const end = Date.UTC(2025, 2, 10, 14, 0);
    const w = comparableWindows(end, REPORT_WINDOW_MS, 2);
    expect(w).toEqual([[end - DAY - REPORT_WINDOW_MS, end - DAY], [end - 2 * DAY - REPORT_WINDOW_MS, end - 2 * DAY]]);
  });
});

describe('spike detection on synthetic series', () => {
  const t0 = Date.UTC(2025, 2, 2);

  it('a daily rhythm (busy noon, quiet night) is no spike, but a night-time burst smaller than a normal noon is', () => {
    // Per minute: 0.2 reporters at night up to 4 at noon, every day the same.
    const rhythm = (m: number) => 0.2 + 3.8 * Math.max(0, Math.sin(((m - 360) / 1440) * 2 * Math.PI));
    const quiet = minuteSeries(8, rhythm);
    expect(scan(quiet, t0, 7).starts).toEqual([]);

    // Day 8, 03:00–03:30: 2 per minute (30 per window): far below a normal noon window (~57), far above 3 a.m.'s.
    const burst = minuteSeries(8, (m, d) => rhythm(m) + (d === 7 && m >= 180 && m < 210 ? 2 : 0));
    const { starts } = scan(burst, t0, 7);
    expect(starts.length).toBe(1);
    expect(new Date(starts[0]!).toISOString()).toBe('2025-03-09T03:15:00.000Z');
  });

  it('the seeds’ two-spike shape (X, 10 March 2025) is caught at the first spike and held through the second', () => {
    // Scaled from Downdetector's curve (sources: history/x.json): ~21,000 at 10:00 UTC, more than 40,000 at 14:00,
    // low thousands in the afternoon, ~1,500 by 21:00; a quiet baseline of a few reports a minute before.
    const peaks: Array<[number, number]> = [[9 * 60 + 30, 2], [10 * 60, 2100], [11 * 60, 600], [12 * 60, 800], [14 * 60, 4000], [15 * 60, 2500], [16 * 60, 3000], [17 * 60, 1200], [19 * 60, 400], [21 * 60, 150], [23 * 60, 3]];
    const outageDay = 7;
    const curve = (m: number, d: number) => {
      if (d !== outageDay || m < peaks[0]![0] || m >= peaks[peaks.length - 1]![0]) return 2;
      const i = peaks.findIndex(([at], n) => at <= m && (peaks[n + 1]?.[0] ?? Infinity) > m);
      const [a, va] = peaks[i]!;
      const [b, vb] = peaks[i + 1]!;
      return va + ((vb - va) * (m - a)) / (b - a);
    };
    const series = minuteSeries(8, curve);
    const { starts, spikingAt } = scan(series, t0, 7);
    expect(starts.length).toBe(1);
    const start = new Date(starts[0]!);
    // Caught on the way up to the first spike, within 15 minutes of the rise.
    expect(start.toISOString() >= '2025-03-09T09:30:00.000Z' && start.toISOString() <= '2025-03-09T09:45:00.000Z').toBe(true);
    // Still a spike at the second peak and through the afternoon's thousands; over once it is back to normal.
    expect(spikingAt.has(Date.UTC(2025, 2, 9, 14, 0))).toBe(true);
    expect(spikingAt.has(Date.UTC(2025, 2, 9, 20, 0))).toBe(true);
    expect(spikingAt.has(Date.UTC(2025, 2, 9, 23, 30))).toBe(false);
  });
});

describe('report categories', () => {
  it('uses the configured labels by component name or id, else the defaults', () => {
    expect(categoryId("Won't load")).toBe('won-t-load');
    expect(categoriesFor({}, { id: 'website', name: 'Website' }).map((c) => c.label)).toEqual([...DEFAULT_REPORT_CATEGORIES]);
    expect(categoriesFor({ Website: ['Slow', 'Other'] }, { id: 'website', name: 'Website' })).toEqual([{ id: 'slow', label: 'Slow' }, { id: 'other', label: 'Other' }]);
    expect(categoriesFor({ 'app-api': ['Timeouts'] }, { id: 'app-api', name: 'App (API)' })).toEqual([{ id: 'timeouts', label: 'Timeouts' }]);
    expect(reportBucket(Date.UTC(2025, 2, 10, 14, 3, 27, 5))).toBe(Date.UTC(2025, 2, 10, 14, 3));
  });
});

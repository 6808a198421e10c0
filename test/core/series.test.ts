import { describe, expect, it } from 'vitest';
import { bucketIndex, emptyHist } from '../../src/core/latency.js';
import { dailySeries, sumRollups } from '../../src/core/series.js';
import { groupBy } from '../../src/core/group-by.js';

const hist = (...ms: number[]) => {
  const h = emptyHist();
  for (const m of ms) h[bucketIndex(m)]!++;
  return h;
};

describe('sumRollups', () => {
  it('adds counts, sums, histograms and keeps the largest maximum', () => {
    const s = sumRollups([
      { up: 2, degraded: 0, down: 1, maintenance: 0, latencySum: 30, latencyCount: 2, latencyMax: 20, hist: hist(10, 20) },
      { up: 1, degraded: 1, down: 0, maintenance: 3, latencySum: 300, latencyCount: 2, latencyMax: 200, hist: hist(100, 200) },
    ]);
    expect(s).toMatchObject({ up: 3, degraded: 1, down: 1, maintenance: 3, latencySum: 330, latencyCount: 4, latencyMax: 200 });
    expect(s.hist.reduce((a, b) => a + b, 0)).toBe(4);
  });
});

describe('dailySeries', () => {
  it('has a point for every day, no data where nothing was counted, and percentiles from the histogram', () => {
    const days = [new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z')];
    const pts = dailySeries(days, [{ day: days[1]!, up: 3, degraded: 0, down: 1, maintenance: 0, latencySum: 60, latencyCount: 3, latencyMax: 40, hist: hist(10, 10, 40) }]);
    expect(pts[0]).toEqual({ date: '2026-03-08', counts: { up: 0, degraded: 0, down: 0, maintenance: 0 }, uptime: null, avgMs: null, p50Ms: null, p95Ms: null });
    expect(pts[1]).toEqual({ date: '2026-03-09', counts: { up: 3, degraded: 0, down: 1, maintenance: 0 }, uptime: 0.75, avgMs: 20, p50Ms: 10, p95Ms: 40 });
  });
});

describe('groupBy', () => {
  it('groups items by key, keeping their order', () => {
    const out = groupBy([{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }], (x) => x.k);
    expect([...out.keys()]).toEqual(['a', 'b']);
    expect(out.get('a')!.map((x) => x.n)).toEqual([1, 3]);
    expect(groupBy([], (x) => x).size).toBe(0);
  });
});

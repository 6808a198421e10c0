import { describe, expect, it } from 'vitest';
import { bucketIndex, emptyHist, quantileFromHist } from '../../src/core/latency.js';
import { rollupChecks } from '../../src/core/rollup.js';
import { hourStart } from '../../src/core/time.js';
import { formatUptime, uptimeOf } from '../../src/core/uptime.js';

describe('uptime', () => {
  it('is null without data, never 100 %', () => {
    expect(uptimeOf({ up: 0, degraded: 0, down: 0, maintenance: 12 })).toBeNull();
    expect(formatUptime(null)).toBe('no data');
  });
  it('counts degraded as up and leaves maintenance out', () => {
    expect(uptimeOf({ up: 2, degraded: 1, down: 1, maintenance: 100 })).toBe(0.75);
  });
  it('never rounds a failure up to 100 %', () => {
    expect(formatUptime(0.999999)).toBe('99.99 %');
    // Memoised by hundredths of a percent: the same text as computed afresh, first time and every time after.
    for (let k = 0; k <= 10000; k += 7) {
      const u = k / 10000 + 0.000001;
      const fresh = u < 1 && u >= 0.99995 ? '99.99 %' : `${(Math.floor(u * 10000) / 100).toFixed(2)} %`;
      expect([formatUptime(u), formatUptime(u)]).toEqual([fresh, fresh]);
    }
    expect(formatUptime(1)).toBe('100.00 %');
    expect(formatUptime(0.5)).toBe('50.00 %');
  });
});

describe('latency histogram', () => {
  it('finds p50 and p95 as bucket upper bounds', () => {
    const h = emptyHist();
    for (let i = 0; i < 90; i++) h[bucketIndex(40)]!++;
    for (let i = 0; i < 10; i++) h[bucketIndex(900)]!++;
    expect(quantileFromHist(h, 0.5)).toBe(50);
    expect(quantileFromHist(h, 0.95)).toBe(1000);
    expect(quantileFromHist(emptyHist(), 0.5)).toBeNull();
  });

});

describe('rollupChecks', () => {
  it('groups by monitor and bucket and keeps failures out of latency', () => {
    const at = new Date('2026-01-01T10:20:00Z');
    const deltas = rollupChecks(
      [
        { monitorId: 'a', at, verdict: 'up', inMaintenance: false, latencyMs: 100 },
        { monitorId: 'a', at, verdict: 'down', inMaintenance: false, latencyMs: 10_000 },
        { monitorId: 'a', at, verdict: 'down', inMaintenance: true, latencyMs: 5 },
        { monitorId: 'b', at: new Date('2026-01-01T11:00:00Z'), verdict: 'degraded', inMaintenance: false, latencyMs: 3000 },
      ],
      hourStart,
    );
    expect(deltas).toHaveLength(2);
    const a = deltas.find((d) => d.monitorId === 'a')!;
    expect(a).toMatchObject({ up: 1, down: 1, maintenance: 1, latencyCount: 1, latencySum: 100, latencyMax: 100 });
    expect(a.bucket.toISOString()).toBe('2026-01-01T10:00:00.000Z');
  });
});

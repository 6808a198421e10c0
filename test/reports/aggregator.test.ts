import { describe, expect, it } from 'vitest';
import { REPORT_LIMITS, ReportAggregator } from '../../src/reports/aggregator.js';
import { networkPrefix, VisitorKeys } from '../../src/reports/visitor.js';

const T = Date.UTC(2025, 2, 10, 14, 0, 0);

describe('network prefixes and visitor digests', () => {
  it('cuts IPv4 to /24 and IPv6 to /48; mapped IPv4 is IPv4; anything else is not an address', () => {
    expect(networkPrefix('192.0.2.77')).toBe('192.0.2');
    expect(networkPrefix('::ffff:192.0.2.77')).toBe('192.0.2');
    expect(networkPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd');
    expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0');
    expect(networkPrefix('::1')).toBe('0:0:0');
    for (const bad of ['', 'localhost', '300.1.1.1', '1.2.3', '2001:db8::1::2', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(networkPrefix(bad)).toBeNull();
  });

  it('digests the address without keeping it; the same address gives another digest the next day', () => {
    const keys = new VisitorKeys(new Uint8Array(32).fill(7));
    const a = keys.identify('192.0.2.77', T)!;
    expect(a.visitor).not.toContain('192');
    expect(keys.identify('192.0.2.77', T + 3600_000)).toEqual(a);
    expect(keys.identify('192.0.2.78', T)!.network).toBe(a.network);
    expect(keys.identify('192.0.3.78', T)!.network).not.toBe(a.network);
    const tomorrow = keys.identify('192.0.2.77', T + 86400_000)!;
    expect(tomorrow.visitor).not.toBe(a.visitor);
    expect(tomorrow.network).not.toBe(a.network);
    // Another secret (another process), other digests.
    expect(new VisitorKeys(new Uint8Array(32).fill(8)).identify('192.0.2.77', T)!.visitor).not.toBe(a.visitor);
    expect(keys.identify('not-an-ip', T)).toBeNull();
  });
});

describe('the aggregator', () => {
  const keys = new VisitorKeys();
  const who = (address: string, at = T) => keys.identify(address, at)!;

  it('counts one report per visitor per component in 15 minutes, a network once as a source', () => {
    const agg = new ReportAggregator();
    expect(agg.record(who('192.0.2.1'), 'website', 'won-t-load', T)).toBe('counted');
    expect(agg.record(who('192.0.2.1'), 'website', 'other', T + 60_000)).toBe('repeat');
    expect(agg.record(who('192.0.2.1'), 'app-api', 'other', T + 60_000)).toBe('counted');
    expect(agg.record(who('192.0.2.2'), 'website', 'won-t-load', T + 1000)).toBe('counted');
    // 15 minutes later the first visitor counts again, and its network is a new source.
    expect(agg.record(who('192.0.2.1', T + 15 * 60_000), 'website', 'won-t-load', T + 15 * 60_000)).toBe('counted');
    const rows = agg.drain().sort((a, b) => a.minute - b.minute || a.componentId.localeCompare(b.componentId));
    expect(rows).toEqual([
      { componentId: 'website', category: 'won-t-load', minute: T, reports: 2, sources: 1 },
      { componentId: 'app-api', category: 'other', minute: T + 60_000, reports: 1, sources: 1 },
      { componentId: 'website', category: 'won-t-load', minute: T + 15 * 60_000, reports: 1, sources: 1 },
    ]);
    expect(agg.drain()).toEqual([]);
  });

  it('caps what one network prefix and everyone together can add', () => {
    const agg = new ReportAggregator();
    const outcomes = Array.from({ length: 200 }, (_, i) => agg.record(who(`198.51.100.${i}`), 'website', 'other', T + i));
    expect(outcomes.filter((o) => o === 'counted').length).toBe(REPORT_LIMITS.perNetwork);
    expect(outcomes.filter((o) => o === 'capped').length).toBe(200 - REPORT_LIMITS.perNetwork);
    const [row] = agg.drain();
    expect(row).toMatchObject({ reports: REPORT_LIMITS.perNetwork, sources: 1 });

    const global = new ReportAggregator();
    let counted = 0;
    for (let i = 0; i < REPORT_LIMITS.perMinute + 50; i++) {
      const address = `10.${(i >> 8) & 255}.${i & 255}.1`;
      if (global.record(who(address), 'website', 'other', T) === 'counted') counted++;
    }
    expect(counted).toBe(REPORT_LIMITS.perMinute);
    // The next minute has room again.
    expect(global.record(who('203.0.113.9'), 'website', 'other', T + 60_000)).toBe('counted');
  });

  it('adds counts kept elsewhere (a Durable Object\'s storage) to the new ones', () => {
    const agg = new ReportAggregator();
    agg.record(who('192.0.2.1'), 'website', 'other', T);
    const taken = agg.drain();
    agg.record(who('192.0.2.2'), 'website', 'other', T + 5);
    agg.restore(taken);
    expect(agg.drain()).toEqual([{ componentId: 'website', category: 'other', minute: T, reports: 2, sources: 1 }]);
  });
});

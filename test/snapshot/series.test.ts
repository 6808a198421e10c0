// Rollup text parsed straight into a component's day and hour slots (src/snapshot/series.ts).
import { describe, expect, it } from 'vitest';
import { bucketIndex } from '../../src/core/latency.js';
import { addRollupText, ArrayArena, ComponentSeries, readNumber, type SeriesFrame } from '../../src/snapshot/series.js';

const DAY = 86400_000;
const HOUR = 3600_000;
const day0 = Date.UTC(2026, 0, 1);
const hour0 = Date.UTC(2026, 2, 1, 0);
// 10 day slots (histograms from slot 7) and 5 hour slots (histograms from slot 1).
const frame: SeriesFrame = { day0, days: 10, dayHistFrom: 7, hour0, hours: 5, hourHistFrom: 1 };
const dayN = (ms: number) => Math.floor(ms / DAY);
const hourN = (ms: number) => Math.floor(ms / HOUR);
/** One monitor's part of rollup text: `monitor;row;row`. */
const part = (monitor: string, ...rows: string[]) => new TextEncoder().encode([monitor, ...rows].join(';'));
const hist = (...pairs: Array<[ms: number, n: number]>) => pairs.map(([ms, n]) => `${bucketIndex(ms)}:${n}`).join(' ');

describe('addRollupText', () => {
  it('sums the rows of all monitors of a component per slot, and skips unknown monitors and rows before slot 0', () => {
    const api = new ComponentSeries(frame);
    const web = new ComponentSeries(frame);
    const seriesOf = new Map([['a', api], ['b', api], ['w', web]]);
    for (const text of [
      part('a', `${dayN(day0)},100,2,3,4`, `${dayN(day0 + DAY)},10`),
      part('b', `${dayN(day0)},1,1,1,1,,`),
      part('ghost', `${dayN(day0)},999`),
      part('w', `${dayN(day0 - DAY)},7`, `${dayN(day0 + 9 * DAY)},5,0,5`),
    ]) addRollupText(text, 'd', seriesOf);
    expect(api.days.countsAt(0)).toEqual({ up: 101, degraded: 3, down: 4, maintenance: 5 });
    expect(api.days.countsAt(1)).toEqual({ up: 10, degraded: 0, down: 0, maintenance: 0 });
    expect(api.days.countsAt(2)).toBeUndefined();
    expect(web.days.countsAt(0)).toBeUndefined();
    expect(web.days.countsAt(9)).toEqual({ up: 5, degraded: 0, down: 5, maintenance: 0 });
    expect(api.days.sumFrom(0)).toEqual({ up: 111, degraded: 3, down: 4, maintenance: 5, seen: true });
    expect(api.days.sumFrom(1)).toMatchObject({ up: 10, seen: true });
    expect(api.days.sumFrom(5)).toMatchObject({ up: 0, seen: false });
  });

  it('reads dense histograms (live rows: counts from bucket 0) as it reads sparse ones (digests)', () => {
    const dense = (...pairs: Array<[ms: number, n: number]>) => {
      const counts = new Array<number>(20).fill(0);
      for (const [ms, n] of pairs) counts[bucketIndex(ms)]! += n;
      return counts.join(' ');
    };
    const rows = (h: typeof hist) => [
      `${hourN(hour0 + HOUR)},90,0,0,0,90,${h([80, 90], [900, 3])}`,
      `${hourN(hour0 + 3 * HOUR)},5,0,0,0,20,${h([20, 5])}`,
      `${hourN(hour0 + 4 * HOUR)},0,0,6,0,,${h()}`, // no latency at all: all zeros, or nothing
    ];
    const fromSparse = new ComponentSeries(frame), fromDense = new ComponentSeries(frame), mixed = new ComponentSeries(frame);
    addRollupText(part('a', ...rows(hist)), 'h', new Map([['a', fromSparse]]));
    addRollupText(part('a', ...rows(dense)), 'h', new Map([['a', fromDense]]));
    // A digest's sparse rows followed by a live dense one, as the page reads them.
    addRollupText(part('a', ...rows(hist).slice(0, 2)), 'h', new Map([['a', mixed]]));
    addRollupText(part('a', ...rows(dense).slice(2)), 'h', new Map([['a', mixed]]));
    for (const s of [fromDense, mixed]) {
      expect(s.hours.latency(0, 5)).toEqual(fromSparse.hours.latency(0, 5));
      expect([...s.hours.hist]).toEqual([...fromSparse.hours.hist]);
      expect([...s.hours.max]).toEqual([...fromSparse.hours.max]);
    }
    expect(fromSparse.hours.latency(0, 5).p95).toEqual([null, 90, null, 20, null]);
    expect(Number.isNaN(fromDense.hours.max[3])).toBe(true); // zeros only: no latency seen that hour
  });

  it('counts rows after the last slot towards every window, but not in any slot', () => {
    const api = new ComponentSeries(frame);
    addRollupText(part('a', `${hourN(hour0 + 7 * HOUR)},3,0,1,0,900,${hist([120, 4])}`), 'h', new Map([['a', api]]));
    expect(api.hours.sumFrom(0)).toEqual({ up: 3, degraded: 0, down: 1, maintenance: 0, seen: true });
    expect(api.hours.sumFrom(4)).toMatchObject({ up: 3, seen: true });
    expect(api.hours.latency(0, 5).p50.every((v) => v === null)).toBe(true);
  });

  it('adds sparse histograms of several monitors and takes p50/p95 capped by the highest latency seen', () => {
    const api = new ComponentSeries(frame);
    const seriesOf = new Map([['a', api], ['b', api]]);
    for (const text of [
      part('a', `${hourN(hour0 + HOUR)},90,0,0,0,90,${hist([80, 90])}`, `${hourN(hour0 + 3 * HOUR)},5,0,0,0,20,${hist([20, 5])}`, `${hourN(hour0 + 4 * HOUR)},0,0,6`,
        // Before the histogram slots: counted, no chart point.
        `${hourN(hour0)},5,0,0,0,20,${hist([20, 5])}`),
      part('b', `${hourN(hour0 + HOUR)},10,0,0,0,950,${hist([900, 10])}`),
    ]) addRollupText(text, 'h', seriesOf);
    expect(api.hours.latency(0, 5)).toEqual({ from: hour0, stepMs: HOUR, p50: [null, 100, null, 20, null], p95: [null, 950, null, 20, null] });
    expect(api.hours.latency(2, 2)).toEqual({ from: hour0 + 2 * HOUR, stepMs: HOUR, p50: [null, 20], p95: [null, 20] });
    expect(api.hours.sumFrom(0)).toEqual({ up: 110, degraded: 0, down: 6, maintenance: 0, seen: true });
  });

  it('reads large latencies written in exponent form and rows without the trailing fields', () => {
    const api = new ComponentSeries(frame);
    addRollupText(part('a', `${dayN(day0 + 8 * DAY)},1,0,0,0,2.5e+04,${hist([25_000, 1])}`, `${dayN(day0 + 9 * DAY)},2`, `${dayN(day0 + 7 * DAY)}`), 'd', new Map([['a', api]]));
    expect(api.days.latency(8, 1)).toEqual({ from: day0 + 8 * DAY, stepMs: DAY, p50: [25_000], p95: [25_000] });
    expect(api.days.countsAt(9)).toEqual({ up: 2, degraded: 0, down: 0, maintenance: 0 });
    // A row of zeros is all trimmed away but still marks its day as having data.
    expect(api.days.countsAt(7)).toEqual({ up: 0, degraded: 0, down: 0, maintenance: 0 });
  });

  it('takes a row without a day number for the day after the previous row, even an empty one', () => {
    const api = new ComponentSeries(frame);
    addRollupText(part('a', `${dayN(day0 + 2 * DAY)},5`, ',6,0,1', '', ',8', `${dayN(day0 + 8 * DAY)},9`, ',10'), 'd', new Map([['a', api]]));
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((d) => api.days.countsAt(d)?.up)).toEqual([5, 6, 0, 8, undefined, undefined, 9, 10]);
    expect(api.days.countsAt(3)).toEqual({ up: 6, degraded: 0, down: 1, maintenance: 0 });
  });
});

describe('ArrayArena', () => {
  it('carves zeroed, separate, aligned arrays out of one buffer, and says when it runs out', () => {
    const arena = new ArrayArena(64);
    const a = arena.int32(3);
    const b = arena.uint8(5);
    const c = arena.float64(2);
    a.fill(-1);
    b.fill(255);
    expect([...c]).toEqual([0, 0]);
    c.fill(1.5);
    expect([...a]).toEqual([-1, -1, -1]);
    expect([...b]).toEqual([255, 255, 255, 255, 255]);
    expect([a.byteOffset, b.byteOffset, c.byteOffset]).toEqual([0, 16, 24]);
    expect(() => arena.int32(7)).toThrow('28 bytes asked, 24 left');
    expect(arena.int32(6)).toHaveLength(6); // exactly what is left
  });

  it('sizes a component exactly: as many components as ComponentSeries.bytes allows, and not one more', () => {
    const arena = new ArrayArena(ComponentSeries.bytes(frame) * 2);
    const one = new ComponentSeries(frame, arena);
    const two = new ComponentSeries(frame, arena);
    expect(() => new ComponentSeries(frame, arena)).toThrow(/ArrayArena/);
    one.days.counts.fill(7);
    expect(two.days.counts.every((v) => v === 0) && two.hours.max.every((v) => Number.isNaN(v))).toBe(true);
  });
});

describe('readNumber', () => {
  it('reads numbers as Postgres writes float8, exactly as Number() does', () => {
    const texts = ['0', '7', '-2', '123.5', '900', '0.001', '1.5e+06', '2.5e+04', '1e-05', '-3.25e-07', '12345678.901', '1.7976931348623157e+308', '5e-324', '123456789012345678'];
    let seed = 1;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31; // deterministic: latencies from 0.001 ms to 100 s
      const v = (seed / 2 ** 31) * 10 ** ((k % 9) - 3);
      texts.push(String(v), v.toExponential(), String(Math.round(v * 1000) / 1000));
    }
    for (const t of texts) {
      const b = new TextEncoder().encode(`x${t};`);
      expect([t, readNumber(b, 1, b.length - 1)]).toEqual([t, Number(t)]);
    }
  });
});

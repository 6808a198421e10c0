import { describe, expect, it } from 'vitest';
import { daysBetween, lastDays, resolveWindow, rollupSegments, windowEndingAt } from '../../src/core/uptime-window.js';

const d = (s: string) => new Date(s);
const seg = (s: ReturnType<typeof rollupSegments>) => s.map((x) => `${x.table} ${x.from.toISOString().slice(0, 16)}..${x.to.toISOString().slice(0, 16)}`);

describe('resolveWindow', () => {
  it('widens to the whole hours the window touches', () => {
    expect(resolveWindow(d('2026-03-10T10:20:00Z'), d('2026-03-10T12:05:00Z'))).toEqual({ from: d('2026-03-10T10:00:00Z'), to: d('2026-03-10T13:00:00Z') });
    expect(resolveWindow(d('2026-03-10T10:00:00Z'), d('2026-03-10T12:00:00Z'))).toEqual({ from: d('2026-03-10T10:00:00Z'), to: d('2026-03-10T12:00:00Z') });
    expect(resolveWindow(d('2026-03-10T10:00:00Z'), d('2026-03-10T10:00:00Z'))).toEqual({ from: d('2026-03-10T10:00:00Z'), to: d('2026-03-10T11:00:00Z') });
  });
});

describe('rollupSegments', () => {
  it('reads hourly rollups only within a day', () => {
    expect(seg(rollupSegments({ from: d('2026-03-10T10:20:00Z'), to: d('2026-03-10T12:05:00Z') }))).toEqual(['hourly 2026-03-10T10:00..2026-03-10T13:00']);
  });
  it('reads whole days from daily rollups and the ragged ends from hourly ones', () => {
    expect(seg(rollupSegments({ from: d('2025-12-10T15:30:00Z'), to: d('2026-03-10T15:30:00Z') }))).toEqual([
      'hourly 2025-12-10T15:00..2025-12-11T00:00', 'daily 2025-12-11T00:00..2026-03-10T00:00', 'hourly 2026-03-10T00:00..2026-03-10T16:00',
    ]);
  });
  it('has no hourly segment when the window is made of whole days', () => {
    expect(seg(rollupSegments({ from: d('2026-03-01T00:00:00Z'), to: d('2026-03-03T00:00:00Z') }))).toEqual(['daily 2026-03-01T00:00..2026-03-03T00:00']);
  });
  it('covers a 24-hour window spanning midnight with hourly rollups', () => {
    expect(seg(rollupSegments({ from: d('2026-03-09T15:30:00Z'), to: d('2026-03-10T15:30:00Z') }))).toEqual([
      'hourly 2026-03-09T15:00..2026-03-10T16:00',
    ]);
  });
});

it('daysBetween lists the UTC days of a range', () => {
  expect(daysBetween(d('2026-03-08T12:00:00Z'), d('2026-03-10T00:00:01Z')).map((x) => x.toISOString().slice(0, 10))).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
});

it('a window ending now has no upper bound; longer than a day, it starts at midnight and reads daily rollups only', () => {
  expect(seg(rollupSegments(windowEndingAt(d('2026-03-10T15:20:00Z'), 90 * 86400_000)))).toEqual(['daily 2025-12-10T00:00..9999-12-31T00:00']);
  expect(seg(rollupSegments(windowEndingAt(d('2026-03-10T15:20:00Z'), 86400_000)))).toEqual(['hourly 2026-03-09T15:00..2026-03-10T00:00', 'daily 2026-03-10T00:00..9999-12-31T00:00']);
});

describe('lastDays', () => {
  it('gives the last n UTC days, today included, with the range that reads them', () => {
    const { days, from, to } = lastDays(3, new Date('2026-03-10T15:00:00Z'));
    expect(days.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(from.toISOString()).toBe('2026-03-08T00:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });
});

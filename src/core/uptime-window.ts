import { dayStart, hourStart } from './time.js';

const HOUR = 3600_000;
const DAY = 86400_000;

/** A half-open time range [from, to) read from one rollup table. */
export interface RollupSegment {
  table: 'hourly' | 'daily';
  from: Date;
  to: Date;
}

/**
 * The window a request for [from, to) actually covers: rollups count whole hours, so the window is widened to
 * the hours it touches (from rounded down, to rounded up). Uptime for "the last 24 hours" therefore covers 24
 * to 25 whole hours; the API reports the resolved bounds so anyone can recompute the figure.
 */
export function resolveWindow(from: Date, to: Date): { from: Date; to: Date } {
  const start = hourStart(from);
  const end = hourStart(to).getTime() === to.getTime() ? to : new Date(hourStart(to).getTime() + HOUR);
  return { from: start, to: end.getTime() > start.getTime() ? end : new Date(start.getTime() + HOUR) };
}

/**
 * Which rollups to read for a resolved window: daily buckets for the whole UTC days inside it, hourly buckets
 * for the ragged hours at either end. A 90-day window is thus ~90 daily rows plus at most 46 hourly rows per
 * monitor, never a scan of raw checks; the sum is exactly what the raw checks in the window would give.
 */
export function rollupSegments(window: { from: Date; to: Date }): RollupSegment[] {
  const { from, to } = resolveWindow(window.from, window.to);
  const firstDay = dayStart(from).getTime() === from.getTime() ? from : new Date(dayStart(from).getTime() + DAY);
  const lastDay = dayStart(to);
  if (firstDay.getTime() >= lastDay.getTime()) return [{ table: 'hourly', from, to }];
  const out: RollupSegment[] = [];
  if (from < firstDay) out.push({ table: 'hourly', from, to: firstDay });
  out.push({ table: 'daily', from: firstDay, to: lastDay });
  if (lastDay < to) out.push({ table: 'hourly', from: lastDay, to });
  return out;
}

/** The UTC days [from, to) covers, as day starts, oldest first: the x-axis of a daily series. */
export function daysBetween(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = dayStart(from).getTime(); t < to.getTime(); t += DAY) out.push(new Date(t));
  return out;
}

/** The last `n` UTC days, today included (today's rollup holds the day so far), and their day starts. */
export function lastDays(n: number, now: Date): { days: Date[]; from: Date; to: Date } {
  const to = new Date(dayStart(now).getTime() + DAY);
  const from = new Date(to.getTime() - n * DAY);
  return { days: daysBetween(from, to), from, to };
}

/** The end of a window that runs up to now: everything recorded from its start on. */
export const OPEN_END = new Date('9999-12-31T00:00:00Z');

/**
 * A window of `lengthMs` ending now. It has no upper bound: a check stamped at this very millisecond, or a few
 * seconds ahead by a prober whose clock runs fast, still counts. A window longer than a day starts at the UTC
 * midnight before `now - lengthMs` ("the last 90 days" = 90 whole days plus today so far), so it is read from
 * daily rollups alone: one range per monitor instead of a hundred small hourly ones, which keeps 90 days for
 * 100 monitors in single-digit milliseconds. The last 24 hours stay hour-precise.
 */
export function windowEndingAt(now: Date, lengthMs: number): { from: Date; to: Date } {
  const from = new Date(now.getTime() - lengthMs);
  return { from: lengthMs > DAY ? dayStart(from) : from, to: OPEN_END };
}

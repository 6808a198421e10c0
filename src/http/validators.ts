// What Postgres can hold, said once for every request schema (admin bodies, /api/v1 parameters, cursors):
// text without NUL bytes (a text column refuses U+0000 and the insert would be a 500), and instants between
// 1970 and 9999 (year 0 does not exist in Postgres; past 9999 `toISOString()` writes "+010000-…", which it cannot
// parse). Failing either is a 400 naming the field, before anything touches the database.
import { z } from 'zod';

export const MIN_TIME_MS = Date.UTC(1970, 0, 1);
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const TIME_RANGE_MESSAGE = 'must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

/** Whether a string is free of NUL bytes. */
export const hasNoNul = (s: string): boolean => !s.includes('\u0000');

/** Whether an instant (epoch milliseconds) lies in the range the API accepts. */
const isInTimeRange = (ms: number): boolean => Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS;

/** Refuse NUL bytes in any string schema. */
export const noNul = <S extends z.ZodString>(s: S) => s.refine(hasNoNul, 'must not contain NUL bytes');

/** An ISO 8601 instant with an offset, between 1970 and 9999, still a string (for query parameters). */
export const IsoInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => isInTimeRange(Date.parse(s)), TIME_RANGE_MESSAGE);

/** An ISO 8601 instant with an offset, between 1970 and 9999, as a Date (for bodies). */
export const Timestamp = IsoInstant.transform((s) => new Date(s));

/** An id in a path or body: 1–200 characters, no NUL bytes. */
export const Id = noNul(z.string().min(1).max(200));

/** A decoded cursor's time: an ISO string in range; null when it is not one. */
export function cursorTime(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return isInTimeRange(ms) ? new Date(ms) : null;
}

/** A decoded cursor's text key: a bounded string without NUL bytes; null when it is not one. */
export function cursorText(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= 200 && hasNoNul(v) ? v : null;
}

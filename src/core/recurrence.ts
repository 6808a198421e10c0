// Recurring maintenance windows: an iCalendar rule (RFC 5545 RRULE, weekly or monthly) at a local wall time in a
// named IANA zone, expanded into UTC windows. Pure: no I/O, no clock (callers pass the range). The rule's dates come
// from `rrule`, evaluated in "floating" local time (its own TZID support returns shifted Date objects that are easy to
// misread); each local date and time is then placed in the zone by `luxon`, so "Sunday 02:00 America/New_York" stays
// at 02:00 local across daylight-saving changes. A local time that does not exist (the spring-forward gap) is moved
// forward by the gap (02:30 → 03:30), never skipped; one that exists twice (fall back) is its first instance
// (RFC 5545, 3.3.5).
import { DateTime } from 'luxon';
import * as rrulePackage from 'rrule';

// Plain Node loads rrule's CommonJS build (the package has no "exports" map), whose named exports Node cannot see;
// bundlers (wrangler, vite) load its ES module. Take RRule from whichever arrived.
const { RRule } = 'RRule' in rrulePackage ? rrulePackage : (rrulePackage as unknown as { default: typeof rrulePackage }).default;

export interface Recurrence {
  /** The rule's body without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=SU` or `FREQ=MONTHLY;BYDAY=1SA`. */
  rule: string;
  timeZone: string;
  /** The first local day of the series (YYYY-MM-DD). */
  startsOn: string;
  /** The local start time (HH:MM, 24 h). */
  localTime: string;
  durationMinutes: number;
}

export interface Occurrence {
  start: Date;
  end: Date;
  /** The occurrence's local start as written in the zone (`2026-11-01T02:00`), for ids and display. */
  local: string;
}

/** Rule parts the series takes from its own fields (start day, local time, zone), so a rule may not set them. */
const FORBIDDEN_PARTS = ['DTSTART', 'TZID', 'BYHOUR', 'BYMINUTE', 'BYSECOND'];
const MAX_OCCURRENCES = 1000;

/** What is wrong with a recurrence, field by field (empty when it can be expanded). */
export function recurrenceProblems(r: Recurrence): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!DateTime.local().setZone(r.timeZone).isValid) problems.push({ field: 'timeZone', message: 'must be an IANA time zone such as "America/New_York"' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.startsOn) || !DateTime.fromISO(r.startsOn).isValid) problems.push({ field: 'startsOn', message: 'must be a date YYYY-MM-DD' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(r.localTime)) problems.push({ field: 'localTime', message: 'must be a time HH:MM (24 h)' });
  if (!Number.isInteger(r.durationMinutes) || r.durationMinutes < 1 || r.durationMinutes > 7 * 1440) problems.push({ field: 'durationMinutes', message: 'must be 1 to 10080 minutes' });
  const parts = r.rule.toUpperCase().split(';').map((p) => p.split('=')[0]!.trim());
  const forbidden = parts.filter((p) => FORBIDDEN_PARTS.includes(p));
  if (forbidden.length) problems.push({ field: 'rule', message: `must not set ${forbidden.join(', ')} (the start day, local time and zone are their own fields)` });
  else {
    try {
      const freq = RRule.parseString(r.rule).freq;
      if (freq !== RRule.WEEKLY && freq !== RRule.MONTHLY) problems.push({ field: 'rule', message: 'must be weekly (FREQ=WEEKLY) or monthly (FREQ=MONTHLY)' });
    } catch {
      problems.push({ field: 'rule', message: 'is not an RFC 5545 RRULE (e.g. FREQ=WEEKLY;BYDAY=SU)' });
    }
  }
  return problems;
}

/** The wall-clock fields of a floating date (rrule's dates carry local time in their UTC fields). */
function wallOf(d: Date) {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * The instant of a local wall time in a zone, as RFC 5545 (3.3.5) reads DATE-TIME with TZID: a time in a gap takes
 * the offset before the gap (02:30 → 03:30 EDT, as luxon does); a time that occurs twice is the first occurrence
 * (luxon picks the later one, so the earlier candidate is tried: same wall time at the offset before the change).
 */
function placeInZone(wall: ReturnType<typeof wallOf>, zone: string): Date {
  const placed = DateTime.fromObject(wall, { zone });
  const before = placed.minus({ hours: 24 }).offset;
  if (before > placed.offset) {
    const earlier = placed.minus({ minutes: before - placed.offset });
    if (earlier.hour === wall.hour && earlier.minute === wall.minute && earlier.day === wall.day) return earlier.toJSDate();
  }
  return placed.toJSDate();
}

/**
 * The windows of a valid recurrence that overlap [from, to), oldest first (at most 1000). Throws on an invalid one:
 * check recurrenceProblems first.
 */
export function expandRecurrence(r: Recurrence, from: Date, to: Date): Occurrence[] {
  const problems = recurrenceProblems(r);
  if (problems.length) throw new Error(`invalid recurrence: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  const [y, mo, d] = r.startsOn.split('-').map(Number) as [number, number, number];
  const [h, mi] = r.localTime.split(':').map(Number) as [number, number];
  const rule = new RRule({ ...RRule.parseString(r.rule), dtstart: new Date(Date.UTC(y, mo - 1, d, h, mi)) });
  // Search in floating time with a margin of a day and the duration either side: zone offsets are under 15 h.
  const margin = 86400_000 + r.durationMinutes * 60_000;
  const out: Occurrence[] = [];
  for (const floating of rule.between(new Date(from.getTime() - margin), new Date(to.getTime() + margin), true)) {
    const start = placeInZone(wallOf(floating), r.timeZone);
    const end = new Date(start.getTime() + r.durationMinutes * 60_000);
    if (end > from && start < to) out.push({ start, end, local: DateTime.fromJSDate(floating, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm") });
    if (out.length >= MAX_OCCURRENCES) break;
  }
  return out;
}

/** A local date and time (`2026-11-01T02:00`, as a datetime-local field gives it) in a zone, as an instant; null when malformed. */
export function localToInstant(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !DateTime.local().setZone(zone).isValid) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!DateTime.fromObject({ year, month, day, hour, minute }, { zone: 'UTC' }).isValid) return null;
  return placeInZone({ year, month, day, hour, minute }, zone);
}

/** An instant as a local `YYYY-MM-DDTHH:MM` in a zone (to prefill a datetime-local field). */
export function instantToLocal(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * The rule the console's form describes: weekly on some weekdays, or monthly on a day of the month or on the nth
 * (or last) weekday; every `interval` weeks or months.
 */
export function ruleOf(f: { freq: 'weekly' | 'monthly'; interval: number; weekdays: readonly string[]; monthDay?: number; nth?: number; nthWeekday?: string }): string {
  const parts = [`FREQ=${f.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`];
  if (f.interval > 1) parts.push(`INTERVAL=${f.interval}`);
  if (f.freq === 'weekly' && f.weekdays.length) parts.push(`BYDAY=${f.weekdays.join(',')}`);
  if (f.freq === 'monthly' && f.nth && f.nthWeekday) parts.push(`BYDAY=${f.nth}${f.nthWeekday}`);
  else if (f.freq === 'monthly' && f.monthDay) parts.push(`BYMONTHDAY=${f.monthDay}`);
  return parts.join(';');
}

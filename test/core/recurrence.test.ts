// Recurring maintenance expansion across daylight-saving changes, in two zones with different change dates
// (America/New_York: second Sunday of March, first Sunday of November; Europe/Berlin: last Sundays of March and
// October), plus the spring-forward gap, the repeated hour, monthly rules and validation.
import { describe, expect, it } from 'vitest';
import { expandRecurrence, instantToLocal, localToInstant, recurrenceProblems, ruleOf, type Recurrence } from '../../src/core/recurrence.js';

const iso = (d: Date) => d.toISOString().slice(0, 16);
const weekly = (over: Partial<Recurrence>): Recurrence => ({ rule: 'FREQ=WEEKLY;BYDAY=SU', timeZone: 'America/New_York', startsOn: '2026-10-01', localTime: '02:00', durationMinutes: 60, ...over });

describe('expandRecurrence', () => {
  it('keeps Sunday 02:00 New York at 02:00 local across the November change (EDT → EST)', () => {
    const got = expandRecurrence(weekly({}), new Date('2026-10-20T00:00Z'), new Date('2026-11-16T00:00Z'));
    expect(got.map((o) => [o.local, iso(o.start), iso(o.end)])).toEqual([
      ['2026-10-25T02:00', '2026-10-25T06:00', '2026-10-25T07:00'],
      ['2026-11-01T02:00', '2026-11-01T07:00', '2026-11-01T08:00'],
      ['2026-11-08T02:00', '2026-11-08T07:00', '2026-11-08T08:00'],
      ['2026-11-15T02:00', '2026-11-15T07:00', '2026-11-15T08:00'],
    ]);
  });

  it('moves a time in the spring-forward gap forward by the gap instead of skipping it (New York, 8 March 2026)', () => {
    const got = expandRecurrence(weekly({ startsOn: '2026-03-01', localTime: '02:30' }), new Date('2026-03-01T00:00Z'), new Date('2026-03-16T00:00Z'));
    expect(got.map((o) => iso(o.start))).toEqual(['2026-03-01T07:30', '2026-03-08T07:30', '2026-03-15T06:30']);
  });

  it('takes the first of a repeated local time (01:30 on 1 November 2026 is 05:30 UTC, EDT)', () => {
    const got = expandRecurrence(weekly({ localTime: '01:30' }), new Date('2026-10-31T00:00Z'), new Date('2026-11-09T00:00Z'));
    expect(got.map((o) => iso(o.start))).toEqual(['2026-11-01T05:30', '2026-11-08T06:30']);
  });

  it('keeps Saturday 23:00 Berlin at 23:00 local across both changes (CET → CEST → CET)', () => {
    const r: Recurrence = { rule: 'FREQ=WEEKLY;BYDAY=SA', timeZone: 'Europe/Berlin', startsOn: '2026-03-01', localTime: '23:00', durationMinutes: 120 };
    expect(expandRecurrence(r, new Date('2026-03-20T00:00Z'), new Date('2026-04-05T00:00Z')).map((o) => iso(o.start))).toEqual(['2026-03-21T22:00', '2026-03-28T22:00', '2026-04-04T21:00']);
    expect(expandRecurrence(r, new Date('2026-10-20T00:00Z'), new Date('2026-11-05T00:00Z')).map((o) => iso(o.start))).toEqual(['2026-10-24T21:00', '2026-10-31T22:00']);
  });

  it('puts the Berlin 02:30 window of the March change (a gap there too) at 03:30 CEST', () => {
    const r: Recurrence = { rule: 'FREQ=WEEKLY;BYDAY=SU', timeZone: 'Europe/Berlin', startsOn: '2026-03-01', localTime: '02:30', durationMinutes: 30 };
    expect(expandRecurrence(r, new Date('2026-03-22T00:00Z'), new Date('2026-04-01T00:00Z')).map((o) => iso(o.start))).toEqual(['2026-03-22T01:30', '2026-03-29T01:30']);
  });

  it('expands monthly rules (first Saturday; the 31st skips shorter months) and includes a window already under way', () => {
    const first = { rule: ruleOf({ freq: 'monthly', interval: 1, weekdays: [], nth: 1, nthWeekday: 'SA' }), timeZone: 'America/New_York', startsOn: '2026-01-01', localTime: '22:00', durationMinutes: 240 };
    expect(first.rule).toBe('FREQ=MONTHLY;BYDAY=1SA');
    expect(expandRecurrence(first, new Date('2026-02-01T00:00Z'), new Date('2026-04-30T00:00Z')).map((o) => iso(o.start))).toEqual(['2026-02-08T03:00', '2026-03-08T03:00', '2026-04-05T02:00']);
    const last = { ...first, rule: 'FREQ=MONTHLY;BYMONTHDAY=31', localTime: '12:00', durationMinutes: 60 };
    expect(expandRecurrence(last, new Date('2026-01-01T00:00Z'), new Date('2026-06-01T00:00Z')).map((o) => o.local.slice(0, 10))).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    // 30 minutes into the 03:00Z window of 8 February: it overlaps the range, so it is returned.
    expect(expandRecurrence(first, new Date('2026-02-08T03:30Z'), new Date('2026-02-09T00:00Z'))).toHaveLength(1);
  });

  it('starts no earlier than the series start day', () => {
    expect(expandRecurrence(weekly({ startsOn: '2026-11-08' }), new Date('2026-10-01T00:00Z'), new Date('2026-11-10T00:00Z')).map((o) => o.local)).toEqual(['2026-11-08T02:00']);
  });
});

describe('recurrenceProblems', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ startsOn: '2026-02-30' }, 'startsOn'],
    [{ localTime: '24:00' }, 'localTime'],
    [{ durationMinutes: 0 }, 'durationMinutes'],
    [{ rule: 'FREQ=DAILY' }, 'rule'],
    [{ rule: 'FREQ=WEEKLY;BYHOUR=3' }, 'rule'],
    [{ rule: 'nonsense' }, 'rule'],
  ] as Array<[Partial<Recurrence>, string]>)('refuses %o naming %s', (over, fieldName) => {
    expect(recurrenceProblems(weekly(over)).map((p) => p.field)).toEqual([fieldName]);
    expect(() => expandRecurrence(weekly(over), new Date(0), new Date(1))).toThrow(fieldName);
  });

  it('accepts a weekly rule on several days every two weeks', () => {
    const rule = ruleOf({ freq: 'weekly', interval: 2, weekdays: ['TU', 'TH'] });
    expect(rule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH');
    expect(recurrenceProblems(weekly({ rule }))).toEqual([]);
  });
});

describe('localToInstant', () => {
  it('reads a datetime-local value in a zone, by the same rules as the series', () => {
    expect(localToInstant('2026-11-01T01:30', 'America/New_York')?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(localToInstant('2026-03-08T02:30', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localToInstant('2026-07-01T12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(instantToLocal(new Date('2026-07-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01T12:00');
    expect(localToInstant('2026-02-30T12:00', 'UTC')).toBeNull();
    expect(localToInstant('tomorrow', 'UTC')).toBeNull();
    expect(localToInstant('2026-07-01T12:00', 'Nowhere/Else')).toBeNull();
  });
});

// The body of a recurring maintenance window (API and console). The rule itself is checked by core/recurrence.ts.
import { z } from 'zod';
import { noNul } from '../validators.js';

export const CreateSchedule = z
  .object({
    title: noNul(z.string().trim().min(1).max(200)),
    body: noNul(z.string().trim().max(10_000)).default(''),
    componentIds: z.array(noNul(z.string().min(1).max(100))).max(50).default([]),
    rule: noNul(z.string().trim().min(1).max(300)).describe('RFC 5545 RRULE without DTSTART, weekly or monthly, e.g. FREQ=WEEKLY;BYDAY=SU'),
    timeZone: noNul(z.string().min(1).max(64)).describe('IANA time zone, e.g. America/New_York'),
    startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    localTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h)'),
    durationMinutes: z.number().int().min(1).max(10_080),
  })
  .strict();

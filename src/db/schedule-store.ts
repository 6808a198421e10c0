// Recurring maintenance: the series (maintenance_schedules) and their expansion into maintenances rows, each
// occurrence once (id from the series and its local start). The tick expands the coming weeks; the pure rule is
// core/recurrence.ts.
import type postgres from 'postgres';
import { expandRecurrence, recurrenceProblems, type Recurrence } from '../core/recurrence.js';
import { InvalidChangeError, NotFoundError } from './admin-errors.js';
import { requireComponents } from './incident-admin-store.js';

/** How far ahead occurrences exist as maintenances rows (the page shows upcoming windows; monthly ones need a month). */
const EXPANSION_HORIZON_DAYS = 35;
const DAY_MS = 86400_000;

export interface ScheduleFields extends Recurrence {
  title: string;
  body: string;
  componentIds: string[];
}

export interface ScheduleRow extends ScheduleFields {
  id: string;
  createdAt: Date;
  cancelledAt: Date | null;
  expandedUntil: Date | null;
}

const COLUMNS = `id, title, body, component_ids as "componentIds", rule, time_zone as "timeZone", starts_on as "startsOn", local_time as "localTime",
  duration_minutes as "durationMinutes", created_at as "createdAt", cancelled_at as "cancelledAt", expanded_until as "expandedUntil"`;

/** Create a series and expand its first occurrences at once (the console shows them straight away). */
export async function createSchedule(sql: postgres.Sql, id: string, s: ScheduleFields, now: Date): Promise<void> {
  const problems = recurrenceProblems(s);
  if (problems.length) throw new InvalidChangeError(problems);
  await sql.begin(async (tx) => {
    await requireComponents(tx, s.componentIds.map((c) => ({ id: c })), 'componentIds', '');
    await tx`insert into maintenance_schedules (id, title, body, component_ids, rule, time_zone, starts_on, local_time, duration_minutes, created_at, updated_at)
      values (${id}, ${s.title}, ${s.body}, ${JSON.stringify(s.componentIds)}::text::jsonb, ${s.rule}, ${s.timeZone}, ${s.startsOn}, ${s.localTime},
        ${s.durationMinutes}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`;
  });
  await expandSchedules(sql, now, id);
}

export async function listSchedules(sql: postgres.Sql): Promise<ScheduleRow[]> {
  return sql.unsafe<ScheduleRow[]>(`select ${COLUMNS} from maintenance_schedules order by cancelled_at nulls first, created_at desc`);
}

/** Cancel a series: no further occurrences, and those not yet started are removed (past ones stay in the history). */
export async function cancelSchedule(sql: postgres.Sql, id: string, now: Date): Promise<void> {
  await sql.begin(async (tx) => {
    const rows = await tx`update maintenance_schedules set cancelled_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      where id = ${id} and cancelled_at is null returning id`;
    if (!rows.length) throw new NotFoundError('active maintenance schedule', id);
    await tx`delete from maintenances where schedule_id = ${id} and scheduled_for > ${now.toISOString()}::timestamptz`;
  });
}

/**
 * Write the occurrences of every active series (or one) up to the horizon as maintenances rows. A series is
 * expanded about once a day (when less than a day of its horizon is left); an occurrence is written once, so one
 * cancelled by hand stays cancelled. Returns the number of windows written.
 */
export async function expandSchedules(sql: postgres.Sql, now: Date, only?: string): Promise<number> {
  const until = new Date(now.getTime() + EXPANSION_HORIZON_DAYS * DAY_MS);
  return sql.begin(async (tx) => {
    const due = await tx.unsafe<ScheduleRow[]>(
      `select ${COLUMNS} from maintenance_schedules where cancelled_at is null and ($1::text is null or id = $1)
       and (expanded_until is null or expanded_until < $2::timestamptz) for update skip locked`,
      [only ?? null, new Date(until.getTime() - DAY_MS).toISOString()],
    );
    let written = 0;
    for (const s of due) {
      const from = s.expandedUntil ?? now;
      const windows = expandRecurrence(s, from, until).filter((o) => !s.expandedUntil || o.start >= s.expandedUntil);
      if (windows.length) {
        const rows = windows.map((o) => ({
          id: `${s.id}_${o.local.replace(/[-:]/g, '')}`, title: s.title, body: s.body, scheduled_for: o.start.toISOString(), scheduled_until: o.end.toISOString(), component_ids: s.componentIds,
        }));
        const inserted = await tx`insert into maintenances (id, title, body, scheduled_for, scheduled_until, component_ids, origin, schedule_id, created_at, updated_at)
          select id, title, body, scheduled_for, scheduled_until, component_ids, 'recurring', ${s.id}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(id text, title text, body text, scheduled_for timestamptz, scheduled_until timestamptz, component_ids jsonb)
          on conflict (id) do nothing`;
        written += inserted.count;
      }
      await tx`update maintenance_schedules set expanded_until = ${until.toISOString()}::timestamptz where id = ${s.id}`;
    }
    return written;
  }) as Promise<number>;
}

// Operator writes to maintenance windows (admin API). Their status is derived from the clock
// (incident-queries.ts maintenanceStatusAt); the tick announces crossing a boundary (maintenance-events.ts).
import type postgres from 'postgres';
import { InvalidChangeError, NotFoundError } from './admin-errors.js';
import { requireComponents } from './incident-admin-store.js';

export interface MaintenanceFields {
  title: string;
  body: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  componentIds: string[];
}

export async function createMaintenance(sql: postgres.Sql, id: string, m: MaintenanceFields, now: Date): Promise<void> {
  await sql.begin(async (tx) => {
    await checkWindow(tx, m);
    await tx`insert into maintenances (id, title, body, scheduled_for, scheduled_until, component_ids, origin, created_at, updated_at)
      values (${id}, ${m.title}, ${m.body}, ${m.scheduledFor.toISOString()}::timestamptz, ${m.scheduledUntil.toISOString()}::timestamptz,
        ${JSON.stringify(m.componentIds)}::text::jsonb, 'manual', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`;
  });
}

/** Change some fields; the merged window is validated as a whole, so nothing changes when it is invalid. */
export async function editMaintenance(sql: postgres.Sql, id: string, patch: Partial<MaintenanceFields>, now: Date): Promise<void> {
  await sql.begin(async (tx) => {
    const [row] = await tx<{ title: string; body: string; scheduled_for: Date; scheduled_until: Date; component_ids: string[] }[]>`
      select title, body, scheduled_for, scheduled_until, component_ids from maintenances where id = ${id} for update`;
    if (!row) throw new NotFoundError('maintenance', id);
    const m: MaintenanceFields = {
      title: patch.title ?? row.title, body: patch.body ?? row.body, scheduledFor: patch.scheduledFor ?? row.scheduled_for,
      scheduledUntil: patch.scheduledUntil ?? row.scheduled_until, componentIds: patch.componentIds ?? row.component_ids,
    };
    await checkWindow(tx, m);
    await tx`update maintenances set title = ${m.title}, body = ${m.body}, scheduled_for = ${m.scheduledFor.toISOString()}::timestamptz,
      scheduled_until = ${m.scheduledUntil.toISOString()}::timestamptz, component_ids = ${JSON.stringify(m.componentIds)}::text::jsonb,
      updated_at = ${now.toISOString()}::timestamptz where id = ${id}`;
  });
}

export async function deleteMaintenance(sql: postgres.Sql, id: string): Promise<void> {
  const rows = await sql`delete from maintenances where id = ${id} returning id`;
  if (!rows.length) throw new NotFoundError('maintenance', id);
}

async function checkWindow(tx: postgres.TransactionSql, m: MaintenanceFields): Promise<void> {
  if (m.scheduledUntil <= m.scheduledFor) throw new InvalidChangeError([{ field: 'scheduledUntil', message: 'must be after scheduledFor' }]);
  await requireComponents(tx, m.componentIds.map((id) => ({ id })), 'componentIds', '');
}

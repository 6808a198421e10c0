import type postgres from 'postgres';
import { alertEvent, type MaintenanceEventData } from '../core/alert-events.js';
import { insertOutboxEvents } from './alert-store.js';

/**
 * Queue maintenance.started / maintenance.completed for windows whose boundary the clock has crossed. The event
 * id is derived from the maintenance and the boundary time, so running this every tick (on any number of
 * schedulers) queues each event once; moving a window gives its new boundaries new events. Windows entered in
 * the past (backfill) and ones that ended more than a day ago announce nothing.
 */
export async function queueMaintenanceBoundaries(sql: postgres.Sql, now: Date): Promise<number> {
  const at = now.toISOString();
  const rows = await sql<{ id: string; title: string; body: string; scheduled_for: Date; scheduled_until: Date; component_ids: string[] }[]>`
    select id, title, body, scheduled_for, scheduled_until, component_ids from maintenances
    where created_at < scheduled_until and scheduled_for <= ${at}::timestamptz
      and scheduled_until > ${at}::timestamptz - interval '1 day'`;
  const events = rows.map((r) => {
    const data: MaintenanceEventData = {
      maintenance: { id: r.id, title: r.title, body: r.body, scheduledFor: r.scheduled_for.toISOString(), scheduledUntil: r.scheduled_until.toISOString(), componentIds: r.component_ids },
    };
    const ended = r.scheduled_until.getTime() <= now.getTime();
    const id = ended ? `evt_mnt_${r.id}_completed_${r.scheduled_until.getTime()}` : `evt_mnt_${r.id}_started_${r.scheduled_for.getTime()}`;
    return alertEvent(ended ? 'maintenance.completed' : 'maintenance.started', id, now, data);
  });
  if (!events.length) return 0;
  const known = await sql<{ id: string }[]>`select id from alert_outbox where id in (select jsonb_array_elements_text(${JSON.stringify(events.map((e) => e.id))}::text::jsonb))`;
  const fresh = events.filter((e) => !known.some((k) => k.id === e.id));
  await insertOutboxEvents(sql, fresh);
  return fresh.length;
}

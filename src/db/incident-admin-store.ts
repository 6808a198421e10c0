// Operator writes to incidents (admin API). Each verb is one transaction; an event is queued in the same one.
import type postgres from 'postgres';
import { alertEvent, type IncidentEventType } from '../core/alert-events.js';
import { canMoveIncident, isOpenIncidentStatus, type IncidentStatusName } from '../core/incident-status.js';
import type { ComponentStatus, Impact } from '../core/service-status.js';
import { InvalidChangeError, NotFoundError } from './admin-errors.js';
import { insertOutboxEvents } from './alert-store.js';
import { incidentEventData } from './incident-store.js';

type Tx = postgres.TransactionSql;
interface ComponentChange { id: string; status: ComponentStatus }

export interface NewIncident {
  title: string;
  status: IncidentStatusName;
  impact: Impact;
  body: string;
  /** In the past for a backfilled outage; now when absent. */
  startedAt?: Date;
  resolvedAt?: Date;
  components: ComponentChange[];
  notify: boolean;
  /** The token (by name) that wrote it; operators see it, the public page does not. */
  author?: string;
}

export interface NewIncidentUpdate {
  status: IncidentStatusName;
  body: string;
  displayAt?: Date;
  components?: ComponentChange[];
  notify: boolean;
  /** The token (by name) that wrote it; operators see it, the public page does not. */
  author?: string;
}

type NewId = (prefix: string) => string;

export async function createIncident(sql: postgres.Sql, i: NewIncident, now: Date, newId: NewId): Promise<string> {
  const id = newId('inc');
  await sql.begin(async (tx) => {
    await requireComponents(tx, i.components, 'components');
    const started = i.startedAt ?? now;
    const resolved = isOpenIncidentStatus(i.status) ? null : i.resolvedAt ?? now;
    if (resolved && resolved < started) throw new InvalidChangeError([{ field: 'resolvedAt', message: 'must not be before startedAt' }]);
    await tx`
      insert into incidents (id, title, status, impact, origin, started_at, monitoring_at, resolved_at, created_at, updated_at)
      values (${id}, ${i.title}, ${i.status}, ${i.impact}, 'manual', ${started.toISOString()}::timestamptz,
        ${i.status === 'monitoring' ? now.toISOString() : null}::timestamptz, ${resolved?.toISOString() ?? null}::timestamptz,
        ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)`;
    await insertUpdate(tx, newId('upd'), id, i.status, i.body, started, now, i.author);
    await upsertComponents(tx, id, i.components);
    if (i.notify && isOpenIncidentStatus(i.status)) await queueIncidentEvent(tx, 'incident.opened', id, now, newId);
  });
  return id;
}

/** Post an update: move the status (core/incident-status.ts decides what is allowed), set component statuses. */
export async function addIncidentUpdate(sql: postgres.Sql, id: string, u: NewIncidentUpdate, now: Date, newId: NewId): Promise<string> {
  const updateId = newId('upd');
  await sql.begin(async (tx) => {
    const [row] = await tx<{ status: IncidentStatusName }[]>`select status from incidents where id = ${id} for update`;
    if (!row) throw new NotFoundError('incident', id);
    if (!canMoveIncident(row.status, u.status)) {
      throw new InvalidChangeError([{ field: 'status', message: `an incident cannot move from ${row.status} to ${u.status}` }]);
    }
    await requireComponents(tx, u.components ?? [], 'components');
    const at = now.toISOString();
    await tx`update incidents set status = ${u.status}, updated_at = ${at}::timestamptz,
        monitoring_at = case when ${u.status} = 'monitoring' and monitoring_at is null then ${at}::timestamptz else monitoring_at end,
        resolved_at = case when ${u.status} = 'resolved' then ${at}::timestamptz else resolved_at end
      where id = ${id}`;
    await insertUpdate(tx, updateId, id, u.status, u.body, u.displayAt ?? now, now, u.author);
    await upsertComponents(tx, id, u.components ?? []);
    if (u.notify) await queueIncidentEvent(tx, u.status === 'resolved' ? 'incident.resolved' : 'incident.updated', id, now, newId);
  });
  return updateId;
}

/** Reword an incident (automatic ones too): title, impact, summary. No notification. */
export async function editIncident(sql: postgres.Sql, id: string, e: { title?: string; impact?: Impact; summary?: string | null }, now: Date): Promise<void> {
  const rows = await sql`update incidents set title = coalesce(${e.title ?? null}, title), impact = coalesce(${e.impact ?? null}, impact),
      summary = case when ${e.summary !== undefined} then ${e.summary ?? null} else summary end, updated_at = ${now.toISOString()}::timestamptz
    where id = ${id} returning id`;
  if (!rows.length) throw new NotFoundError('incident', id);
}

export async function editIncidentUpdate(sql: postgres.Sql, id: string, updateId: string, body: string, now: Date): Promise<void> {
  const rows = await sql`update incident_updates set body = ${body}, updated_at = ${now.toISOString()}::timestamptz
    where id = ${updateId} and incident_id = ${id} returning id`;
  if (!rows.length) throw new NotFoundError('incident update', updateId);
}

export async function deleteIncident(sql: postgres.Sql, id: string): Promise<void> {
  const rows = await sql`delete from incidents where id = ${id} returning id`;
  if (!rows.length) throw new NotFoundError('incident', id);
}

/** Every named component must exist: an update naming a typo would otherwise colour nothing, silently. */
export async function requireComponents(tx: Tx, components: ReadonlyArray<{ id: string }>, field: string, suffix = '.id'): Promise<void> {
  if (!components.length) return;
  const ids = components.map((c) => c.id);
  const known = await tx<{ id: string }[]>`select id from components where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`;
  const errors = ids.flatMap((cid, i) => (known.some((k) => k.id === cid) ? [] : [{ field: `${field}.${i}${suffix}`, message: `no component "${cid}"` }]));
  if (errors.length) throw new InvalidChangeError(errors);
}

async function insertUpdate(tx: Tx, id: string, incidentId: string, status: string, body: string, displayAt: Date, now: Date, author?: string): Promise<void> {
  await tx`insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at, author)
    values (${id}, ${incidentId}, ${status}, ${body}, ${displayAt.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${author ?? null})`;
}

async function upsertComponents(tx: Tx, id: string, components: readonly ComponentChange[]): Promise<void> {
  if (!components.length) return;
  await tx`insert into incident_components (incident_id, component_id, status)
    select ${id}, id, status from jsonb_to_recordset(${JSON.stringify(components)}::text::jsonb) as t(id text, status text)
    on conflict (incident_id, component_id) do update set status = excluded.status`;
}

async function queueIncidentEvent(tx: Tx, type: IncidentEventType, id: string, now: Date, newId: NewId): Promise<void> {
  const incident = await incidentEventData(tx, id);
  if (incident) await insertOutboxEvents(tx, [alertEvent(type, newId('evt'), now, { incident })]);
}

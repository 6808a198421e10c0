import type { FailureSignature } from '../core/failure-signature.js';
import type postgres from 'postgres';
import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from '../core/statuses.js';

import type { incidents, incidentUpdates, maintenances } from './schema.js';

export type { IncidentStatus, MaintenanceStatus } from '../core/statuses.js';

/**
 * An incident_updates row (`approximate`: the time is known only roughly, e.g. imported history: show it as
 * "about"), its status typed as core declares it.
 */
type IncidentUpdateRow = Omit<typeof incidentUpdates.$inferSelect, 'incidentId' | 'status' | 'author'> & { status: IncidentStatus };

interface IncidentComponentRow {
  id: string;
  /** The component's current name, or its id when the component no longer exists. */
  name: string;
  /** The status the incident gives this component. */
  status: ComponentStatus;
}

export interface IncidentSource {
  title: string;
  url: string;
}

/** An incidents row as the page and the APIs read it (the tick's service key and evidence aside), with its updates and components. */
export type IncidentRow = Omit<typeof incidents.$inferSelect, 'status' | 'impact' | 'sources' | 'serviceKey' | 'evidence'> & {
  status: IncidentStatus;
  impact: Impact;
  sources: IncidentSource[];
  /** Newest first. */
  updates: IncidentUpdateRow[];
  /** In component order. */
  components: IncidentComponentRow[];
  /** Automatic incidents of monitors probed from several locations: each down monitor's failure signature at the opening. */
  signatures: IncidentSignature[];
};

interface IncidentSignature {
  monitorId: string;
  signature: FailureSignature;
}

/** A maintenances row, with its status derived from the window and `now` (maintenanceStatusAt). */
export type MaintenanceRow = Omit<typeof maintenances.$inferSelect, 'origin' | 'componentIds' | 'scheduleId'> & {
  componentIds: string[];
  status: MaintenanceStatus;
};

interface RawIncident {
  id: string; title: string; status: IncidentStatus; impact: Impact; origin: string; started_at: Date; started_approx: boolean;
  monitoring_at: Date | null; resolved_at: Date | null; resolved_approx: boolean; summary: string | null; sources: IncidentSource[];
  created_at: Date; updated_at: Date;
  updates: Array<{ id: string; status: IncidentStatus; body: string; display_at: string; approximate: boolean; created_at: string; updated_at: string }>;
  components: IncidentComponentRow[];
  signatures: IncidentSignature[] | null;
}

// Updates and components come back as json arrays built in the same statement: one round trip per list,
// whatever the number of incidents (json_build_object turns timestamps into ISO strings; toIncident parses them).
function selectIncidents(sql: postgres.Sql, where: postgres.PendingQuery<postgres.Row[]>, limit: number) {
  return sql<RawIncident[]>`
    select i.id, i.title, i.status, i.impact, i.origin, i.started_at, i.started_approx, i.monitoring_at, i.resolved_at,
      i.resolved_approx, i.summary, i.sources, i.created_at, i.updated_at,
      coalesce((select json_agg(json_build_object('id', u.id, 'status', u.status, 'body', u.body, 'display_at', u.display_at,
          'approximate', u.approximate, 'created_at', u.created_at, 'updated_at', u.updated_at) order by u.display_at desc, u.created_at desc, u.id desc)
        from incident_updates u where u.incident_id = i.id), '[]'::json) as updates,
      coalesce((select json_agg(json_build_object('id', ic.component_id, 'name', coalesce(c.name, ic.component_id), 'status', ic.status)
          order by c.position nulls last, ic.component_id)
        from incident_components ic left join components c on c.id = ic.component_id where ic.incident_id = i.id), '[]'::json) as components,
      (select json_agg(json_build_object('monitorId', e->>'id', 'signature', e->'signature'))
        from jsonb_array_elements(case when jsonb_typeof(i.evidence->'monitors') = 'array' then i.evidence->'monitors' else '[]'::jsonb end) e
        where e ? 'signature') as signatures
    from incidents i where ${where}
    order by i.started_at desc, i.id desc limit ${limit}`;
}

function toIncident(r: RawIncident): IncidentRow {
  return {
    id: r.id, title: r.title, status: r.status, impact: r.impact, origin: r.origin,
    startedAt: r.started_at, startedApprox: r.started_approx, monitoringAt: r.monitoring_at,
    resolvedAt: r.resolved_at, resolvedApprox: r.resolved_approx, summary: r.summary,
    sources: Array.isArray(r.sources) ? r.sources : [], createdAt: r.created_at, updatedAt: r.updated_at,
    updates: r.updates.map((u) => ({
      id: u.id, status: u.status, body: u.body, displayAt: new Date(u.display_at), approximate: u.approximate,
      createdAt: new Date(u.created_at), updatedAt: new Date(u.updated_at),
    })),
    components: r.components,
    signatures: r.signatures ?? [],
  };
}

/**
 * Incidents newest first (by start), each with its updates (newest first) and affected components.
 * `before` pages back: only incidents that started strictly before it.
 */
export async function listIncidents(sql: postgres.Sql, opts: { limit: number; before?: Date; beforeId?: string }): Promise<IncidentRow[]> {
  // With `beforeId`, the key is (started_at, id) as the list is ordered: incidents that started at the same
  // instant are neither skipped nor repeated across pages.
  const where = !opts.before
    ? sql`true`
    : opts.beforeId !== undefined
      ? sql`(i.started_at, i.id) < (${opts.before.toISOString()}::timestamptz, ${opts.beforeId})`
      : sql`i.started_at < ${opts.before.toISOString()}::timestamptz`;
  return (await selectIncidents(sql, where, opts.limit)).map(toIncident);
}

/**
 * What the status page shows: incidents open or resolved since `since` (the day bars) and the `recent` newest
 * whatever their age (the first history page, feeds, incidents.json), newest first.
 */
export async function listPageIncidents(sql: postgres.Sql, since: Date, recent: number): Promise<IncidentRow[]> {
  const where = sql`i.resolved_at is null or i.resolved_at >= ${since.toISOString()}::timestamptz
    or i.id in (select id from incidents order by started_at desc, id desc limit ${recent})`;
  return (await selectIncidents(sql, where, 100_000)).map(toIncident);
}

/** One incident with its updates and components, or null. */
export async function getIncident(sql: postgres.Sql, id: string): Promise<IncidentRow | null> {
  const rows = await selectIncidents(sql, sql`i.id = ${id}`, 1);
  return rows[0] ? toIncident(rows[0]) : null;
}


interface RawMaintenance {
  id: string; title: string; body: string; scheduled_for: Date; scheduled_until: Date; component_ids: string[]; created_at: Date; updated_at: Date;
}

/** Maintenance status from its window: the table keeps the window, and time alone moves it along. */
export function maintenanceStatusAt(m: { scheduledFor: Date; scheduledUntil: Date }, now: Date): MaintenanceStatus {
  if (now < m.scheduledFor) return 'scheduled';
  if (now < m.scheduledUntil) return 'in_progress';
  return 'completed';
}

function toMaintenance(r: RawMaintenance, now: Date): MaintenanceRow {
  const row = {
    id: r.id, title: r.title, body: r.body, scheduledFor: r.scheduled_for, scheduledUntil: r.scheduled_until,
    componentIds: Array.isArray(r.component_ids) ? r.component_ids : [], createdAt: r.created_at, updatedAt: r.updated_at,
  };
  return { ...row, status: maintenanceStatusAt(row, now) };
}

/** One maintenance window by id, or null. */
export async function getMaintenance(sql: postgres.Sql, id: string, now: Date): Promise<MaintenanceRow | null> {
  const [row] = await sql<RawMaintenance[]>`select * from maintenances where id = ${id}`;
  return row ? toMaintenance(row, now) : null;
}

/** Maintenance windows, newest start first (completed included), with their status at `now`. */
export async function listMaintenances(sql: postgres.Sql, now: Date, opts: { limit: number }): Promise<MaintenanceRow[]> {
  const rows = await sql<RawMaintenance[]>`select * from maintenances order by scheduled_for desc, id desc limit ${opts.limit}`;
  return rows.map((r) => toMaintenance(r, now));
}

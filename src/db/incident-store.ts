// Writes for automatic incidents and the per-service alert memory, all inside the tick's transaction.
// (Reads for the page and APIs live in incident-queries.ts.)
import type { FailureSignature } from '../core/failure-signature.js';
import type postgres from 'postgres';
import type { IncidentEventData } from '../core/alert-events.js';
import { EMPTY_SERVICE_STATE, type ServiceAlertState } from '../core/incident.js';
import type { ComponentStatus, ConfirmedStatus, Impact, IncidentStatus } from '../core/statuses.js';
import type { ErrorClass } from '../core/types.js';

type Tx = postgres.TransactionSql | postgres.Sql;

export interface ServiceMonitorRow {
  id: string;
  name: string;
  componentId: string;
  componentName: string;
  serviceKey: string;
  serviceName: string;
  status: ConfirmedStatus;
  inMaintenance: boolean;
  reason: string | null;
  errorClass: ErrorClass | null;
  firstFailureAt: Date | null;
  /** Monitors probed from several locations: the latest quorum's failure signature (null otherwise). */
  signature: FailureSignature | null;
}

/** The services (a monitor's group if it has one, else its component) the given monitors belong to. */
export async function serviceKeysOf(tx: Tx, monitorIds: readonly string[]): Promise<string[]> {
  const rows = await tx<{ key: string }[]>`
    select distinct coalesce(c.group_id, m.component_id) as key from monitors m left join components c on c.id = m.component_id
    where m.id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb)) order by 1`;
  return rows.map((r) => r.key);
}

/**
 * Every active monitor of the given services, so the app API and the website of one product make one incident,
 * not two. Read after lockServiceStates: another scheduler's committed changes to the same service are then seen.
 */
export async function loadServiceMonitors(tx: Tx, serviceKeys: readonly string[], now: Date): Promise<ServiceMonitorRow[]> {
  const at = now.toISOString();
  const rows = await tx<{ id: string; name: string; component_id: string; component_name: string; service_key: string; service_name: string; status: ServiceMonitorRow['status']; in_maintenance: boolean; last_error: string | null; last_error_class: ErrorClass | null; first_failure_at: Date | null; signature: FailureSignature | null }[]>`
    select m.id, m.name, m.component_id, coalesce(c.name, m.component_id) as component_name,
      coalesce(c.group_id, m.component_id) as service_key, coalesce(g.name, c.name, m.component_id) as service_name,
      s.status, s.last_error, s.last_error_class, s.first_failure_at, s.signature,
      exists (select 1 from maintenances w where w.scheduled_for <= ${at}::timestamptz and w.scheduled_until > ${at}::timestamptz
        and w.component_ids ? m.component_id) as in_maintenance
    from monitors m join monitor_state s on s.monitor_id = m.id
    left join components c on c.id = m.component_id left join components g on g.id = c.group_id
    where m.removed_at is null
      and coalesce(c.group_id, m.component_id) in (select jsonb_array_elements_text(${JSON.stringify(serviceKeys)}::text::jsonb))
    order by m.id`;
  return rows.map((r) => ({
    id: r.id, name: r.name, componentId: r.component_id, componentName: r.component_name, serviceKey: r.service_key, serviceName: r.service_name,
    status: r.status, inMaintenance: r.in_maintenance, reason: r.last_error, errorClass: r.last_error_class, firstFailureAt: r.first_failure_at,
    signature: r.signature,
  }));
}

/**
 * Lock the services' alert memory for this transaction (created if missing). Two schedulers ticking monitors of
 * one service at once take turns here, so they never both open an incident. An incident an operator resolved or
 * deleted meanwhile is forgotten, and the service is `suppressed` until it is well again (no instant re-open).
 */
export async function lockServiceStates(tx: Tx, keys: readonly string[]): Promise<Map<string, { state: ServiceAlertState; incidentId: string | null }>> {
  const json = JSON.stringify(keys);
  await tx`insert into alert_service_state (service_key, state) select k, ${JSON.stringify(EMPTY_SERVICE_STATE)}::text::jsonb
    from jsonb_array_elements_text(${json}::text::jsonb) as k order by k on conflict (service_key) do nothing`;
  const rows = await tx<{ service_key: string; state: ServiceAlertState; incident_id: string | null; open: boolean }[]>`
    select a.service_key, a.state, a.incident_id, (i.id is not null and i.resolved_at is null) as open
    from alert_service_state a left join incidents i on i.id = a.incident_id
    where a.service_key in (select jsonb_array_elements_text(${json}::text::jsonb)) order by a.service_key for update of a`;
  const out = new Map<string, { state: ServiceAlertState; incidentId: string | null }>();
  for (const r of rows) {
    if (r.state.incident && !r.open) out.set(r.service_key, { state: { ...r.state, incident: null, suppressed: true }, incidentId: null });
    else out.set(r.service_key, { state: r.state, incidentId: r.incident_id });
  }
  return out;
}

export async function saveServiceState(tx: Tx, key: string, state: ServiceAlertState, incidentId: string | null, now: Date): Promise<void> {
  await tx`update alert_service_state set state = ${JSON.stringify(state)}::text::jsonb, incident_id = ${incidentId},
    updated_at = ${now.toISOString()}::timestamptz where service_key = ${key}`;
}

export interface AutoIncidentOpen {
  id: string;
  updateId: string;
  serviceKey: string;
  title: string;
  impact: Impact;
  startedAt: Date;
  components: Record<string, ComponentStatus>;
  body: string;
  evidence: unknown;
}

export async function openAutoIncident(tx: Tx, i: AutoIncidentOpen, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx`
    insert into incidents (id, title, status, impact, origin, service_key, started_at, evidence, created_at, updated_at)
    values (${i.id}, ${i.title}, 'investigating', ${i.impact}, 'auto', ${i.serviceKey}, ${i.startedAt.toISOString()}::timestamptz,
      ${JSON.stringify(i.evidence)}::text::jsonb, ${at}::timestamptz, ${at}::timestamptz)`;
  await tx`insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at)
    values (${i.updateId}, ${i.id}, 'investigating', ${i.body}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)`;
  await replaceIncidentComponents(tx, i.id, i.components);
}

/** A change of impact or affected components: recorded as an update in the incident's current status. */
export async function updateAutoIncident(tx: Tx, id: string, updateId: string, change: { impact: Impact; components: Record<string, ComponentStatus>; body: string }, now: Date): Promise<void> {
  const at = now.toISOString();
  const [row] = await tx<{ status: string }[]>`update incidents set impact = ${change.impact}, updated_at = ${at}::timestamptz
    where id = ${id} and resolved_at is null returning status`;
  if (!row) return;
  await tx`insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at)
    values (${updateId}, ${id}, ${row.status}, ${change.body}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)`;
  await replaceIncidentComponents(tx, id, change.components);
}

/** Resolve, only if still open: a conditional update makes a concurrent manual resolve harmless. */
export async function resolveAutoIncident(tx: Tx, id: string, updateId: string, body: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const rows = await tx`update incidents set status = 'resolved', resolved_at = ${at}::timestamptz, updated_at = ${at}::timestamptz
    where id = ${id} and resolved_at is null returning id`;
  if (!rows.length) return false;
  await tx`insert into incident_updates (id, incident_id, status, body, display_at, created_at, updated_at)
    values (${updateId}, ${id}, 'resolved', ${body}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)`;
  return true;
}

async function replaceIncidentComponents(tx: Tx, id: string, components: Record<string, ComponentStatus>): Promise<void> {
  await tx`delete from incident_components where incident_id = ${id}`;
  const rows = Object.entries(components).map(([component_id, status]) => ({ component_id, status }));
  if (rows.length) {
    await tx`insert into incident_components (incident_id, component_id, status)
      select ${id}, component_id, status from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(component_id text, status text)`;
  }
}

/** The incident as events carry it: current fields, affected components with names, the latest update's text. */
export async function incidentEventData(tx: Tx, id: string): Promise<IncidentEventData['incident'] | null> {
  const [r] = await tx<{ id: string; title: string; status: IncidentStatus; impact: Impact; origin: string; service_key: string | null; started_at: Date; resolved_at: Date | null; components: Array<{ id: string; name: string; status: ComponentStatus }>; latest: string | null }[]>`
    select i.id, i.title, i.status, i.impact, i.origin, i.service_key, i.started_at, i.resolved_at,
      coalesce((select json_agg(json_build_object('id', ic.component_id, 'name', coalesce(c.name, ic.component_id), 'status', ic.status) order by ic.component_id)
        from incident_components ic left join components c on c.id = ic.component_id where ic.incident_id = i.id), '[]') as components,
      (select u.body from incident_updates u where u.incident_id = i.id order by u.display_at desc, u.created_at desc limit 1) as latest
    from incidents i where i.id = ${id}`;
  if (!r) return null;
  return {
    id: r.id, title: r.title, status: r.status, impact: r.impact, origin: r.origin, serviceKey: r.service_key,
    startedAt: r.started_at.toISOString(), resolvedAt: r.resolved_at?.toISOString() ?? null, components: r.components, latestUpdate: r.latest,
  };
}

/**
 * Services with an open automatic incident but no active monitor any more (removed from the config, or moved to
 * another group): nothing would ever resolve them. Locked, so only one scheduler closes each.
 */
export async function lockOrphanedServices(tx: Tx): Promise<Array<{ serviceKey: string; incidentId: string }>> {
  const rows = await tx<{ service_key: string; incident_id: string }[]>`
    select a.service_key, a.incident_id from alert_service_state a
    join incidents i on i.id = a.incident_id and i.resolved_at is null
    where not exists (
      select 1 from monitors m left join components c on c.id = m.component_id
      where m.removed_at is null and coalesce(c.group_id, m.component_id) = a.service_key)
    order by a.service_key for update of a skip locked`;
  return rows.map((r) => ({ serviceKey: r.service_key, incidentId: r.incident_id }));
}

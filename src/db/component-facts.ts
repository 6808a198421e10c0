import type postgres from 'postgres';
import type { ComponentStatus, Impact } from '../core/service-status.js';
import type { ComponentFacts } from '../core/statuspage.js';
import type { Status } from '../core/types.js';
import { activeMaintenanceComponents } from './maintenance-queries.js';

/** Everything a component's status depends on, plus the impacts of unresolved incidents for the indicator. */
export interface ComponentFactsSnapshot {
  components: ComponentFacts[];
  openIncidentImpacts: Impact[];
  /** When the latest unresolved-or-not incident changed: part of the page's `updated_at`. */
  incidentsChangedAt: Date | null;
}

/**
 * Load the current components with their monitors' confirmed statuses, the statuses unresolved incidents give
 * them and whether a maintenance window covers them now. Four small queries, whatever the history size.
 */
export async function loadComponentFacts(sql: postgres.Sql, now: Date): Promise<ComponentFactsSnapshot> {
  const [rows, incidentRows, impacts, maintenance] = await Promise.all([
    sql<{ id: string; name: string; group_id: string | null; is_group: boolean; position: number; description: string | null; created_at: Date; updated_at: Date; statuses: Status[]; changed_at: Date | null }[]>`
      select c.id, c.name, c.group_id, c.is_group, c.position, c.description, c.created_at, c.updated_at,
        coalesce(array_agg(s.status) filter (where s.status is not null), '{}') as statuses, max(s.status_since) as changed_at
      from components c
      left join monitors m on m.component_id = c.id and m.removed_at is null
      left join monitor_state s on s.monitor_id = m.id
      where c.removed_at is null
      group by c.id`,
    sql<{ component_id: string; status: ComponentStatus }[]>`
      select ic.component_id, ic.status from incident_components ic join incidents i on i.id = ic.incident_id
      where i.resolved_at is null`,
    sql<{ impact: Impact; changed_at: Date | null; open: boolean }[]>`
      select impact, updated_at as changed_at, resolved_at is null as open from incidents
      where resolved_at is null or updated_at = (select max(updated_at) from incidents)`,
    activeMaintenanceComponents(sql, now),
  ]);
  const byComponent = new Map<string, ComponentStatus[]>();
  for (const r of incidentRows) byComponent.set(r.component_id, [...(byComponent.get(r.component_id) ?? []), r.status]);
  return {
    components: rows.map((r) => ({
      id: r.id,
      name: r.name,
      groupId: r.group_id,
      isGroup: r.is_group,
      position: r.position,
      description: r.description,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      monitorStatuses: r.statuses,
      monitorsChangedAt: r.changed_at,
      incidentStatuses: byComponent.get(r.id) ?? [],
      inMaintenance: maintenance.has(r.id),
    })),
    openIncidentImpacts: impacts.filter((i) => i.open).map((i) => i.impact),
    incidentsChangedAt: impacts.reduce<Date | null>((a, i) => (i.changed_at && (!a || i.changed_at > a) ? i.changed_at : a), null),
  };
}

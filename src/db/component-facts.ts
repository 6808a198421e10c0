import type postgres from 'postgres';
import type { ComponentStatus } from '../core/service-status.js';
import type { ComponentFacts } from '../core/statuspage.js';
import type { Status } from '../core/types.js';
import { listUnresolvedIncidents, type IncidentRow } from './incident-queries.js';
import { activeMaintenanceComponents } from './maintenance-queries.js';

/** Components with the inputs of their status, and the unresolved incidents that went into it. */
export interface ComponentFactsSnapshot {
  components: ComponentFacts[];
  unresolved: IncidentRow[];
}

/**
 * Load the current components with their monitors' confirmed statuses, the statuses unresolved incidents give
 * them and whether a maintenance window covers them now. Three round trips, whatever the history size.
 */
export async function loadComponentFacts(sql: postgres.Sql, now: Date): Promise<ComponentFactsSnapshot> {
  const [rows, unresolved, maintenance] = await Promise.all([
    sql<{ id: string; name: string; group_id: string | null; is_group: boolean; position: number; description: string | null; created_at: Date; updated_at: Date; statuses: Status[]; changed_at: Date | null }[]>`
      select c.id, c.name, c.group_id, c.is_group, c.position, c.description, c.created_at, c.updated_at,
        coalesce(json_agg(s.status) filter (where s.status is not null), '[]') as statuses, max(s.status_since) as changed_at
      from components c
      left join monitors m on m.component_id = c.id and m.removed_at is null
      left join monitor_state s on s.monitor_id = m.id
      where c.removed_at is null
      group by c.id`,
    listUnresolvedIncidents(sql),
    activeMaintenanceComponents(sql, now),
  ]);
  const byComponent = new Map<string, ComponentStatus[]>();
  for (const i of unresolved) for (const c of i.components) byComponent.set(c.id, [...(byComponent.get(c.id) ?? []), c.status]);
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
    unresolved,
  };
}

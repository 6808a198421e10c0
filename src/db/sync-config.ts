import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { ImportedHistory } from '../config/history.js';
import type { MonitorSpec } from '../core/monitor.js';
import { componentId } from '../core/ids.js';
import { importHistoryIn } from './import-history.js';

export interface SyncSummary {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Incidents imported from the config's history files (0 once they are all in). */
  imported: number;
}

/**
 * Make the database match the config: import the history files it names (import-history.ts: incidents not yet
 * there), add new monitors, update changed ones, mark removed ones (kept, so their history stays readable).
 * Idempotent: a second run with the same config changes nothing. One transaction, so a failure leaves nothing
 * half-written.
 */
export async function syncMonitors(sql: postgres.Sql, specs: readonly MonitorSpec[], now: Date, history: readonly ImportedHistory[] = []): Promise<SyncSummary> {
  return sql.begin(async (tx) => {
    // History first: components it creates are then named, grouped, placed (or marked removed) by the sync below.
    const imported = await importHistoryIn(tx, history, now);
    const existing = await tx<{ id: string; spec_hash: string; removed_at: Date | null }[]>`
      select id, spec_hash, removed_at from monitors`;
    const known = new Map(existing.map((r) => [r.id, r]));
    const summary: SyncSummary = { added: [], changed: [], removed: [], unchanged: 0, imported };

    const groups = new Map<string, number>();
    const comps = new Map<string, { name: string; groupId: string | null; position: number }>();
    specs.forEach((s) => {
      const groupId = s.group ? componentId(s.group) : null;
      if (s.group && !groups.has(s.group)) groups.set(s.group, groups.size);
      if (!comps.has(s.component)) comps.set(s.component, { name: s.component, groupId, position: comps.size });
    });
    const componentRows = [
      ...[...groups].map(([name, position]) => ({ id: componentId(name), name, group_id: null, is_group: true, position })),
      ...[...comps.values()].map((c) => ({ id: componentId(c.name), name: c.name, group_id: c.groupId, is_group: false, position: c.position })),
    ];
    if (componentRows.length) {
      await tx`
        insert into components (id, name, group_id, is_group, position, created_at, updated_at, removed_at)
        select id, name, group_id, is_group, position, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, null
        from jsonb_to_recordset(${JSON.stringify(componentRows)}::text::jsonb) as t(id text, name text, group_id text, is_group boolean, position int)
        on conflict (id) do update set name = excluded.name, group_id = excluded.group_id, is_group = excluded.is_group,
          position = excluded.position, removed_at = null,
          updated_at = case when (components.name, components.group_id, components.is_group, components.position, components.removed_at)
            is not distinct from (excluded.name, excluded.group_id, excluded.is_group, excluded.position, null::timestamptz)
            then components.updated_at else excluded.updated_at end`;
    }
    await tx`update components set removed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      where removed_at is null and id not in (select jsonb_array_elements_text(${JSON.stringify(componentRows.map((c) => c.id))}::text::jsonb))`;

    const rows = specs.map((s, position) => {
      const hash = specHash(s);
      const prev = known.get(s.id);
      if (!prev) summary.added.push(s.id);
      else if (prev.spec_hash !== hash || prev.removed_at) summary.changed.push(s.id);
      else summary.unchanged++;
      return { id: s.id, name: s.name, component_id: componentId(s.component), spec: s, spec_hash: hash, interval_seconds: s.intervalSeconds, position };
    });
    if (rows.length) {
      await tx`
        insert into monitors (id, name, component_id, spec, spec_hash, interval_seconds, position, created_at, updated_at, removed_at)
        select id, name, component_id, spec, spec_hash, interval_seconds, position, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, null
        from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
          as t(id text, name text, component_id text, spec jsonb, spec_hash text, interval_seconds int, position int)
        on conflict (id) do update set name = excluded.name, component_id = excluded.component_id, spec = excluded.spec,
          spec_hash = excluded.spec_hash, interval_seconds = excluded.interval_seconds, position = excluded.position,
          removed_at = null,
          updated_at = case when monitors.spec_hash = excluded.spec_hash and monitors.removed_at is null
            then monitors.updated_at else excluded.updated_at end`;
      await tx`
        insert into monitor_state (monitor_id, next_check_at)
        select id, ${now.toISOString()}::timestamptz from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id })))}::text::jsonb) as t(id text)
        on conflict (monitor_id) do nothing`;
    }
    const removed = await tx<{ id: string }[]>`
      update monitors set removed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      where removed_at is null and id not in (select jsonb_array_elements_text(${JSON.stringify(specs.map((s) => s.id))}::text::jsonb))
      returning id`;
    summary.removed = removed.map((r) => r.id);
    return summary;
  }) as Promise<SyncSummary>;
}

function specHash(s: MonitorSpec): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 32);
}

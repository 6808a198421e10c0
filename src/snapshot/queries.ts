// The three reads behind the status page. Each is one round trip whatever the number of monitors or incidents;
// times come back as epoch milliseconds (cheaper to parse than timestamps, and what the snapshot keeps).
import type postgres from 'postgres';
import type { ComponentStatus, Impact } from '../core/service-status.js';
import type { Status } from '../core/types.js';
import type { IncidentSource, IncidentStatus } from '../db/incident-queries.js';
import { rollupRowText } from '../db/page-digests.js';

export interface StateRead {
  /** The last 24 hours of hourly rollups as text (see rollupRowText), parsed by src/snapshot/series.ts: read here
   * so the daily rows, the biggest read, run alone on their own connection beside this one. */
  hourly: string[];
  components: Array<{ id: string; name: string; group_id: string | null; is_group: boolean; position: number }>;
  monitors: Array<{ id: string; name: string; component_id: string; status: Status; last_check_at: number | null; last_error: string | null }>;
  maintenances: Array<{ id: string; title: string; body: string; scheduled_for: number; scheduled_until: number; component_ids: string[] }>;
}

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

/**
 * Query 1: live components, monitors with their current state, maintenance that is active, upcoming or recent,
 * and the hourly rollups since `hoursSince`: one row of json for the first three, then one row of rollup text
 * per digest and per monitor's live hours.
 */
export async function readState(sql: postgres.Sql, now: Date, recentSince: Date, hoursSince: Date): Promise<StateRead> {
  const rows = await sql<Array<{ part: string }>>`
    select json_build_array(
      (select json_agg(json_build_object('id', id, 'name', name, 'group_id', group_id, 'is_group', is_group, 'position', position) order by position, id)
        from components where removed_at is null),
      (select json_agg(json_build_object('id', m.id, 'name', m.name, 'component_id', m.component_id, 'status', coalesce(s.status, 'unknown'),
          'last_check_at', ${sql.unsafe(ms('s.last_check_at'))}, 'last_error', s.last_error) order by m.position, m.id)
        from monitors m left join monitor_state s on s.monitor_id = m.id where m.removed_at is null),
      (select json_agg(json_build_object('id', id, 'title', title, 'body', body, 'scheduled_for', ${sql.unsafe(ms('scheduled_for'))},
          'scheduled_until', ${sql.unsafe(ms('scheduled_until'))}, 'component_ids', component_ids) order by scheduled_for, id)
        from maintenances where scheduled_until > ${recentSince.toISOString()}::timestamptz
          and scheduled_for < ${new Date(now.getTime() + 30 * 86400_000).toISOString()}::timestamptz))::text as part
    union all
    ${digestedRollupRows(sql, 'h', hoursSince, null)}`;
  const [components, monitors, maintenances] = JSON.parse(rows[0]!.part) as [StateRead['components'] | null, StateRead['monitors'] | null, StateRead['maintenances'] | null];
  return { components: components ?? [], monitors: monitors ?? [], maintenances: maintenances ?? [], hourly: rows.slice(1).map((r) => r.part) };
}

/**
 * Query 2: daily rollups since `daysSince` for live monitors, as one compact text (see rollupRowText; latency max
 * and hist only from `histSince`, where a chart needs them), parsed by src/snapshot/series.ts: 100 monitors x 90
 * days is 9,000 rows, and receiving them one by one, or as JSON, was most of the cost of a cold page.
 */
export async function readRollups(sql: postgres.Sql, daysSince: Date, histSince: Date): Promise<string[]> {
  const rows = await sql<Array<{ part: string }>>`${digestedRollupRows(sql, 'd', daysSince, histSince)}`;
  return rows.map((r) => r.part);
}

/**
 * Rows of rollup text of one kind since `since` for live monitors: each monitor's digest of closed periods
 * (src/db/page-digests.ts) where it reaches into the window, and per monitor the rows from the digest's end (or
 * from `since` without one) read live by index (OFFSET 0 keeps the planner from turning the per-monitor index scan
 * into a scan of the whole table). A digest may start before `since`; the extra rows are outside every window the
 * page computes and are ignored there. Many rows of a few KB rather than one aggregate: postgres.js receives one
 * value of several hundred KB far more slowly (6 ms against 1.6 ms for the same 260 KB).
 */
function digestedRollupRows(sql: postgres.Sql, kind: 'd' | 'h', since: Date, histSince: Date | null) {
  const table = sql(kind === 'd' ? 'rollups_daily' : 'rollups_hourly');
  const from = since.toISOString();
  return sql`
    (select g.body as part from monitors m join page_digests g on g.monitor_id = m.id and g.kind = ${kind}
      where m.removed_at is null and g.through > ${from}::timestamptz and g.body <> '')
    union all
    (select string_agg(${rollupRowText(sql, histSince)}, ';') as part from monitors m
      left join page_digests g on g.monitor_id = m.id and g.kind = ${kind} and g.through > ${from}::timestamptz
      cross join lateral (select * from ${table} r where r.monitor_id = m.id and r.bucket >= coalesce(g.through, ${from}::timestamptz) offset 0) r
      where m.removed_at is null
      group by m.id)`;
}

export interface IncidentRead {
  id: string; title: string; status: IncidentStatus; impact: Impact; origin: string; started_at: number; started_approx: boolean;
  resolved_at: number | null; resolved_approx: boolean; summary: string | null; sources: IncidentSource[];
  components: Array<{ id: string; name: string; status: ComponentStatus }>;
  updates: Array<{ id: string; status: IncidentStatus; body: string; at: number; approximate: boolean }> | null;
}

/**
 * Query 3: incidents that are open or were open since `since`, plus the `recent` newest whatever their age.
 * One row of json per incident (summary and sources only for the "whole" ones: open or among the `recent` newest,
 * what the page and the first history page show), per component link and per update of a whole incident, each
 * tagged with its kind and its place in display order. Small rows joined in JS: nesting json objects per incident
 * in SQL cost 3x the server time, and one json document of 200 KB is received far more slowly than 2,000 rows.
 * Ties are broken by ids in byte order (collate "C"): ids are [a-z0-9-], and locale-aware sorting of a thousand
 * of them was a third of the query.
 */
export async function readIncidents(sql: postgres.Sql, since: Date, recent: number): Promise<IncidentRead[]> {
  type Row = [id: string, title: string, status: IncidentStatus, impact: Impact, origin: string, startedAt: number, startedApprox: boolean,
    resolvedAt: number | null, resolvedApprox: boolean, whole: boolean, summary: string | null, sources: IncidentSource[] | null];
  type Link = [incidentId: string, componentId: string, name: string, status: ComponentStatus];
  type Update = [incidentId: string, id: string, status: IncidentStatus, body: string, at: number, approximate: boolean];
  const rows = await sql<Array<{ k: 'i' | 'l' | 'u'; o: number; v: Row | Link | Update }>>`
    with newest as (select id from incidents order by started_at desc, id desc limit ${recent}),
    picked as (
      select i.id, i.title, i.status, i.impact, i.origin, i.started_at, i.started_approx, i.resolved_at, i.resolved_approx, i.summary, i.sources,
        (i.id in (select id from newest) or i.resolved_at is null) as whole
      from incidents i
      where i.id in (select id from newest) or i.resolved_at is null or i.resolved_at >= ${since.toISOString()}::timestamptz
    )
    select 'i' as k, (row_number() over (order by p.started_at desc, p.id collate "C" desc))::int as o,
        json_build_array(p.id, p.title, p.status, p.impact, p.origin, ${sql.unsafe(ms('p.started_at'))}, p.started_approx,
          ${sql.unsafe(ms('p.resolved_at'))}, p.resolved_approx, p.whole, case when p.whole then p.summary end, case when p.whole then p.sources end) as v
      from picked p
    union all
    select 'l', (row_number() over (order by c.position nulls last, ic.component_id collate "C"))::int,
        json_build_array(ic.incident_id, ic.component_id, coalesce(c.name, ic.component_id), ic.status)
      from incident_components ic join picked p on p.id = ic.incident_id left join components c on c.id = ic.component_id
    union all
    select 'u', (row_number() over (order by u.display_at desc, u.created_at desc, u.id collate "C" desc))::int,
        json_build_array(u.incident_id, u.id, u.status, u.body, ${sql.unsafe(ms('u.display_at'))}, u.approximate)
      from incident_updates u join picked p on p.id = u.incident_id and p.whole`;
  // Each kind in display order (o counts from 1 within its kind).
  const ordered = { i: [] as Row[], l: [] as Link[], u: [] as Update[] };
  for (const r of rows) (ordered[r.k] as unknown[])[r.o - 1] = r.v;
  const byId = new Map<string, IncidentRead>();
  const out = ordered.i.map(([id, title, status, impact, origin, started_at, started_approx, resolved_at, resolved_approx, whole, summary, sources]) => {
    const r: IncidentRead = {
      id, title, status, impact, origin, started_at, started_approx, resolved_at, resolved_approx, summary: whole ? summary : null,
      sources: whole && Array.isArray(sources) ? sources : [], components: [], updates: whole ? [] : null,
    };
    byId.set(id, r);
    return r;
  });
  for (const [incidentId, id, name, status] of ordered.l) byId.get(incidentId)?.components.push({ id, name, status });
  for (const [incidentId, id, status, body, at, approximate] of ordered.u) byId.get(incidentId)?.updates?.push({ id, status, body, at, approximate });
  return out;
}

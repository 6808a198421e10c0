// The three reads behind the status page. Each is one round trip whatever the number of monitors or incidents;
// times come back as epoch milliseconds (cheaper to parse than timestamps, and what the snapshot keeps).
import type postgres from 'postgres';
import type { ComponentStatus, Impact } from '../core/service-status.js';
import type { Status } from '../core/types.js';
import type { IncidentSource, IncidentStatus } from '../db/incident-queries.js';

export interface StateRead {
  /** The last 24 hours of hourly rollups (see readRollups for the format): read here so the daily rows, the
   * biggest read, run alone on their own connection beside this one. */
  hourly: RollupRead[];
  components: Array<{ id: string; name: string; group_id: string | null; is_group: boolean; position: number }>;
  monitors: Array<{ id: string; name: string; component_id: string; status: Status; last_check_at: number | null; last_error: string | null }>;
  maintenances: Array<{ id: string; title: string; body: string; scheduled_for: number; scheduled_until: number; component_ids: string[] }>;
}

const ms = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;

/**
 * Query 1: live components, monitors with their current state, maintenance that is active, upcoming or recent,
 * and the hourly rollups since `hoursSince`.
 */
export async function readState(sql: postgres.Sql, now: Date, recentSince: Date, hoursSince: Date): Promise<StateRead> {
  const [row] = await sql<[{ components: StateRead['components'] | null; monitors: StateRead['monitors'] | null; maintenances: StateRead['maintenances'] | null; h: string | null }]>`
    select
      (select string_agg(concat_ws(',', r.monitor_id, extract(epoch from r.bucket)::bigint, r.up, r.degraded, r.down, r.maintenance,
          coalesce(r.latency_max::text, ''), array_to_string(r.hist, ' ')), ';')
        from rollups_hourly r join monitors m on m.id = r.monitor_id and m.removed_at is null
        where r.bucket >= ${hoursSince.toISOString()}::timestamptz) as h,
      (select json_agg(json_build_object('id', id, 'name', name, 'group_id', group_id, 'is_group', is_group, 'position', position) order by position, id)
        from components where removed_at is null) as components,
      (select json_agg(json_build_object('id', m.id, 'name', m.name, 'component_id', m.component_id, 'status', coalesce(s.status, 'unknown'),
          'last_check_at', ${sql.unsafe(ms('s.last_check_at'))}, 'last_error', s.last_error) order by m.position, m.id)
        from monitors m left join monitor_state s on s.monitor_id = m.id where m.removed_at is null) as monitors,
      (select json_agg(json_build_object('id', id, 'title', title, 'body', body, 'scheduled_for', ${sql.unsafe(ms('scheduled_for'))},
          'scheduled_until', ${sql.unsafe(ms('scheduled_until'))}, 'component_ids', component_ids) order by scheduled_for, id)
        from maintenances where scheduled_until > ${recentSince.toISOString()}::timestamptz
          and scheduled_for < ${new Date(now.getTime() + 30 * 86400_000).toISOString()}::timestamptz) as maintenances`;
  const hourly: RollupRead[] = [];
  if (row.h) parseRollupText(row.h, 'h', hourly);
  return { components: row.components ?? [], monitors: row.monitors ?? [], maintenances: row.maintenances ?? [], hourly };
}

export interface RollupRead {
  monitor_id: string;
  /** 'd' daily, 'h' hourly. */
  k: 'd' | 'h';
  at: number;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  latency_max: number | null;
  /**
   * Only where a chart needs it (hourly, and the last 7 days of daily): the rest would be parsed for nothing.
   * Sent as json, which postgres.js parses even without fetched types (Workers), unlike int[].
   */
  hist: number[] | null;
}

/**
 * Query 2: daily rollups since `daysSince` for live monitors, as one compact text
 * (`monitor,epoch s,up,degraded,down,maintenance,latency max,hist`; rows split by ';', hist counts by ' ', and
 * hist only from `histSince`, where a chart needs it): 100 monitors x 90 days is 9,000 rows, and parsing them one
 * by one, or building JSON for each, was most of the cost of a cold page. Monitor ids are [a-z0-9-] (config
 * schema), so the separators cannot occur in them. No ORDER BY: sorting text ids costs more than grouping in JS.
 */
export async function readRollups(sql: postgres.Sql, daysSince: Date, histSince: Date): Promise<RollupRead[]> {
  const [row] = await sql<[{ d: string | null }]>`
    select string_agg(concat_ws(',', r.monitor_id, extract(epoch from r.bucket)::bigint, r.up, r.degraded, r.down, r.maintenance,
        coalesce(r.latency_max::text, ''), case when r.bucket >= ${histSince.toISOString()}::timestamptz then array_to_string(r.hist, ' ') else '' end), ';') as d
      from rollups_daily r join monitors m on m.id = r.monitor_id and m.removed_at is null
      where r.bucket >= ${daysSince.toISOString()}::timestamptz`;
  const out: RollupRead[] = [];
  if (row.d) parseRollupText(row.d, 'd', out);
  return out;
}

/** Parse `monitor,epoch,up,degraded,down,maintenance,max,hist;…` with indexOf (split() allocated 8 strings a row). */
function parseRollupText(text: string, k: 'd' | 'h', out: RollupRead[]): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf(';', pos);
    if (end < 0) end = n;
    let c = text.indexOf(',', pos);
    const monitor_id = text.slice(pos, c);
    const num = () => {
      const start = c + 1;
      c = text.indexOf(',', start);
      if (c < 0 || c > end) c = end;
      return text.slice(start, c);
    };
    const at = +num() * 1000, up = +num(), degraded = +num(), down = +num(), maintenance = +num();
    const max = num();
    const histText = c < end ? text.slice(c + 1, end) : '';
    out.push({ monitor_id, k, at, up, degraded, down, maintenance, latency_max: max ? +max : null, hist: histText ? histText.split(' ').map(Number) : null });
    pos = end + 1;
  }
}

export interface IncidentRead {
  id: string; title: string; status: IncidentStatus; impact: Impact; origin: string; started_at: number; started_approx: boolean;
  resolved_at: number | null; resolved_approx: boolean; summary: string | null; sources: IncidentSource[];
  components: Array<{ id: string; name: string; status: ComponentStatus }>;
  updates: Array<{ id: string; status: IncidentStatus; body: string; at: number; approximate: boolean }> | null;
}

/**
 * Query 3: incidents that are open or were open since `since`, plus the `recent` newest whatever their age,
 * newest first, as one json document. Updates are read only for open incidents and the `recent` newest (what
 * the page and the first history page show); older ones inside the window keep their headline for the day bars.
 */
export async function readIncidents(sql: postgres.Sql, since: Date, recent: number): Promise<IncidentRead[]> {
  const [row] = await sql<[{ doc: IncidentRead[] | null }]>`
    with newest as (select id from incidents order by started_at desc, id desc limit ${recent}),
    picked as (
      select i.*, (i.id in (select id from newest) or i.resolved_at is null) as with_updates from incidents i
      where i.id in (select id from newest) or i.resolved_at is null or i.resolved_at >= ${since.toISOString()}::timestamptz
    ),
    comps as (
      select ic.incident_id, json_agg(json_build_object('id', ic.component_id, 'name', coalesce(c.name, ic.component_id), 'status', ic.status)
          order by c.position nulls last, ic.component_id) as list
      from incident_components ic join picked p on p.id = ic.incident_id left join components c on c.id = ic.component_id
      group by ic.incident_id
    ),
    ups as (
      select u.incident_id, json_agg(json_build_object('id', u.id, 'status', u.status, 'body', u.body, 'at', ${sql.unsafe(ms('u.display_at'))},
          'approximate', u.approximate) order by u.display_at desc, u.created_at desc, u.id desc) as list
      from incident_updates u join picked p on p.id = u.incident_id and p.with_updates
      group by u.incident_id
    )
    select json_agg(json_build_object('id', p.id, 'title', p.title, 'status', p.status, 'impact', p.impact, 'origin', p.origin,
        'started_at', ${sql.unsafe(ms('p.started_at'))}, 'started_approx', p.started_approx, 'resolved_at', ${sql.unsafe(ms('p.resolved_at'))},
        'resolved_approx', p.resolved_approx, 'summary', p.summary, 'sources', p.sources, 'components', coalesce(comps.list, '[]'::json),
        'updates', case when p.with_updates then coalesce(ups.list, '[]'::json) end) order by p.started_at desc, p.id desc) as doc
    from picked p left join comps on comps.incident_id = p.id left join ups on ups.incident_id = p.id`;
  return row.doc ?? [];
}

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
  /** Like hist, only where a chart needs it (the charts' upper bound). */
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
 * latency max and hist only from `histSince`, where a chart needs them: formatting 8,000 more reals cost ~2.5 ms): 100 monitors x 90 days is 9,000 rows, and parsing them one
 * by one, or building JSON for each, was most of the cost of a cold page. Monitor ids are [a-z0-9-] (config
 * schema), so the separators cannot occur in them. No ORDER BY: sorting text ids costs more than grouping in JS.
 */
export async function readRollups(sql: postgres.Sql, daysSince: Date, histSince: Date): Promise<RollupRead[]> {
  const [row] = await sql<[{ d: string | null }]>`
    select string_agg(case when r.bucket >= ${histSince.toISOString()}::timestamptz
        then concat_ws(',', r.monitor_id, extract(epoch from r.bucket)::bigint, r.up, r.degraded, r.down, r.maintenance, coalesce(r.latency_max::text, ''), array_to_string(r.hist, ' '))
        else concat_ws(',', r.monitor_id, extract(epoch from r.bucket)::bigint, r.up, r.degraded, r.down, r.maintenance, '', '') end, ';') as d
      from rollups_daily r join monitors m on m.id = r.monitor_id and m.removed_at is null
      where r.bucket >= ${daysSince.toISOString()}::timestamptz`;
  const out: RollupRead[] = [];
  if (row.d) parseRollupText(row.d, 'd', out);
  return out;
}

/**
 * Parse `monitor,epoch,up,degraded,down,maintenance,max,hist;…` by character codes: splitting, slicing and
 * Number() per field allocated several strings a row, and this parse was the biggest single cost of a cold page.
 */
function parseRollupText(text: string, k: 'd' | 'h', out: RollupRead[]): void {
  const cur = { i: 0 };
  const n = text.length;
  while (cur.i < n) {
    const comma = text.indexOf(',', cur.i);
    const monitor_id = text.slice(cur.i, comma);
    cur.i = comma + 1;
    const at = readUint(text, cur) * 1000, up = readUint(text, cur), degraded = readUint(text, cur), down = readUint(text, cur), maintenance = readUint(text, cur);
    // latency_max is a real: "123.5", or "1.5e+06" when large; rare enough for Number().
    let end = cur.i;
    while (end < n && text.charCodeAt(end) !== COMMA && text.charCodeAt(end) !== SEMI) end++;
    const latency_max = end > cur.i ? Number(text.slice(cur.i, end)) : null;
    cur.i = end;
    let hist: number[] | null = null;
    if (text.charCodeAt(cur.i) === COMMA) {
      cur.i++;
      const ch = text.charCodeAt(cur.i);
      if (cur.i < n && ch !== SEMI) {
        hist = [];
        for (;;) {
          hist.push(readUint(text, cur));
          if (text.charCodeAt(cur.i - 1) !== SPACE) break;
        }
        cur.i--; // readUint stepped past the ';' (or the end); step back so the row end is seen below
      }
    }
    out.push({ monitor_id, k, at, up, degraded, down, maintenance, latency_max, hist });
    while (cur.i < n && text.charCodeAt(cur.i) !== SEMI) cur.i++;
    cur.i++;
  }
}

const COMMA = 44, SEMI = 59, SPACE = 32, ZERO = 48;

/** Read decimal digits at `cur.i` and step past the one separator after them. */
function readUint(text: string, cur: { i: number }): number {
  let v = 0;
  let i = cur.i;
  for (let ch = text.charCodeAt(i); ch >= ZERO && ch <= ZERO + 9; ch = text.charCodeAt(++i)) v = v * 10 + (ch - ZERO);
  cur.i = i + 1;
  return v;
}

export interface IncidentRead {
  id: string; title: string; status: IncidentStatus; impact: Impact; origin: string; started_at: number; started_approx: boolean;
  resolved_at: number | null; resolved_approx: boolean; summary: string | null; sources: IncidentSource[];
  components: Array<{ id: string; name: string; status: ComponentStatus }>;
  updates: Array<{ id: string; status: IncidentStatus; body: string; at: number; approximate: boolean }> | null;
}

/**
 * Query 3: incidents that are open or were open since `since`, plus the `recent` newest whatever their age,
 * newest first. Three flat json arrays in one round trip: the incidents as positional arrays (summary and sources
 * only for the "whole" ones: open or among the `recent` newest, what the page and the first history page show),
 * their component links, and the updates of the whole ones. Flat arrays joined in JS cost a third of nesting
 * json objects per incident in SQL (12 ms -> 4 ms server time for 1,000 incidents).
 */
export async function readIncidents(sql: postgres.Sql, since: Date, recent: number): Promise<IncidentRead[]> {
  type Row = [id: string, title: string, status: IncidentStatus, impact: Impact, origin: string, startedAt: number, startedApprox: boolean,
    resolvedAt: number | null, resolvedApprox: boolean, whole: boolean, summary: string | null, sources: IncidentSource[] | null];
  type Link = [incidentId: string, componentId: string, name: string, status: ComponentStatus];
  type Update = [incidentId: string, id: string, status: IncidentStatus, body: string, at: number, approximate: boolean];
  const [row] = await sql<[{ incidents: Row[] | null; links: Link[] | null; updates: Update[] | null }]>`
    with newest as (select id from incidents order by started_at desc, id desc limit ${recent}),
    picked as (
      select i.*, (i.id in (select id from newest) or i.resolved_at is null) as whole from incidents i
      where i.id in (select id from newest) or i.resolved_at is null or i.resolved_at >= ${since.toISOString()}::timestamptz
    )
    select
      (select json_agg(json_build_array(p.id, p.title, p.status, p.impact, p.origin, ${sql.unsafe(ms('p.started_at'))}, p.started_approx,
          ${sql.unsafe(ms('p.resolved_at'))}, p.resolved_approx, p.whole, case when p.whole then p.summary end, case when p.whole then p.sources end)
          order by p.started_at desc, p.id desc) from picked p) as incidents,
      (select json_agg(json_build_array(ic.incident_id, ic.component_id, coalesce(c.name, ic.component_id), ic.status)
          order by c.position nulls last, ic.component_id)
        from incident_components ic join picked p on p.id = ic.incident_id left join components c on c.id = ic.component_id) as links,
      (select json_agg(json_build_array(u.incident_id, u.id, u.status, u.body, ${sql.unsafe(ms('u.display_at'))}, u.approximate)
          order by u.display_at desc, u.created_at desc, u.id desc)
        from incident_updates u join picked p on p.id = u.incident_id and p.whole) as updates`;
  const byId = new Map<string, IncidentRead>();
  const out = (row.incidents ?? []).map(([id, title, status, impact, origin, started_at, started_approx, resolved_at, resolved_approx, whole, summary, sources]) => {
    const r: IncidentRead = {
      id, title, status, impact, origin, started_at, started_approx, resolved_at, resolved_approx, summary: whole ? summary : null,
      sources: whole && Array.isArray(sources) ? sources : [], components: [], updates: whole ? [] : null,
    };
    byId.set(id, r);
    return r;
  });
  // Links and updates come already in display order; appending keeps it per incident.
  for (const [incidentId, id, name, status] of row.links ?? []) byId.get(incidentId)?.components.push({ id, name, status });
  for (const [incidentId, id, status, body, at, approximate] of row.updates ?? []) byId.get(incidentId)?.updates?.push({ id, status, body, at, approximate });
  return out;
}

// The three reads behind the status page. Each is one round trip whatever the number of monitors or incidents;
// times come back as epoch milliseconds (cheaper to parse than timestamps, and what the snapshot keeps).
import type postgres from 'postgres';
import type { ComponentStatus, Impact } from '../core/service-status.js';
import type { Status } from '../core/types.js';
import type { IncidentSource, IncidentStatus } from '../db/incident-queries.js';
import type { SnapshotIncident } from './types.js';
import { rollupLivePartText } from '../db/page-digests.js';

export interface StateRead {
  /** The last 24 hours of hourly rollups as text (see rollupRowText and rollupLivePartText), as received (UTF-8 bytes, see readRollups),
   * parsed by src/snapshot/series.ts: read here so the daily rows, the biggest read, run alone on their own
   * connection beside this one. */
  hourly: Uint8Array[];
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
  const rows = await sql`
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
    ${digestedRollupRows(sql, 'h', hoursSince, null)}`.raw();
  const [components, monitors, maintenances] = JSON.parse(utf8.decode(rows[0]![0]!)) as [StateRead['components'] | null, StateRead['monitors'] | null, StateRead['maintenances'] | null];
  return { components: components ?? [], monitors: monitors ?? [], maintenances: maintenances ?? [], hourly: partsOf(rows.slice(1)) };
}

/**
 * Query 2: daily rollups since `daysSince` for live monitors, as compact text (see rollupRowText and rollupLivePartText; latency max
 * and hist only from `histSince`, where a chart needs them), parsed by src/snapshot/series.ts: 100 monitors x 90
 * days is 9,000 rows, and receiving them one by one, or as JSON, was most of the cost of a cold page.
 */
export async function readRollups(sql: postgres.Sql, daysSince: Date, histSince: Date): Promise<Uint8Array[]> {
  return partsOf(await sql`${digestedRollupRows(sql, 'd', daysSince, histSince)}`.raw());
}

/**
 * Rollup text as received, without decoding it into strings (postgres.js `raw()`: views of the bytes it read):
 * the parser reads ASCII bytes as well as characters, and 200 KB of strings per cold page were garbage to collect.
 */
const partsOf = (rows: ReadonlyArray<ReadonlyArray<Uint8Array | null>>): Uint8Array[] => rows.flatMap((r) => (r[0] ? [r[0]] : []));

const utf8 = new TextDecoder();

/**
 * Rows of rollup text of one kind since `since` for live monitors: each monitor's digest of closed periods
 * (src/db/page-digests.ts) where it reaches into the window, and per monitor the rows from the digest's end (or
 * from `since` without one) read live by index (OFFSET 0 keeps the planner from turning the per-monitor index scan
 * into a scan of the whole table). A digest may start before `since`; the extra rows are outside every window the
 * page computes and are ignored there. Many rows of a few KB rather than one aggregate: postgres.js receives one
 * value of several hundred KB far more slowly (6 ms against 1.6 ms for the same 260 KB).
 */
function digestedRollupRows(sql: postgres.Sql, kind: 'd' | 'h', since: Date, histSince: Date | null) {
  const table = kind === 'd' ? 'rollups_daily' : 'rollups_hourly';
  const from = since.toISOString();
  return sql`
    (select g.body as part from monitors m join page_digests g on g.monitor_id = m.id and g.kind = ${kind}
      where m.removed_at is null and g.through > ${from}::timestamptz and g.body <> '')
    union all
    (select ${rollupLivePartText(sql, sql`m.id`, kind, histSince)} as part from monitors m
      left join page_digests g on g.monitor_id = m.id and g.kind = ${kind} and g.through > ${from}::timestamptz
      cross join lateral (select r.* from ${sql(table)} r where r.monitor_id = m.id and r.bucket >= coalesce(g.through, ${from}::timestamptz) offset 0) r
      where m.removed_at is null
      group by m.id)`;
}

/** An incident as the 90-day bars need it: when it was open and what it said about which component. */
export interface IncidentHeadline {
  id: string;
  title: string;
  status: IncidentStatus;
  startedAt: number;
  resolvedAt: number | null;
  /** Each component it touches and what it says about it, flat: id, status, id, status, … (ids in byte order). */
  components: readonly string[];
}

export interface IncidentsRead {
  /** Every open incident and the `recent` newest, with their timelines, newest first. */
  whole: SnapshotIncident[];
  /** Every incident open at some point since `since`, plus the whole ones, newest first. */
  headlines: IncidentHeadline[];
}

/**
 * Query 3: incidents that are open or were open since `since`, plus the `recent` newest whatever their age, newest
 * first. Rows of json tagged by kind: the incidents' cards (headlines with component statuses, kept by triggers:
 * see incident_cards in src/db/schema.ts) in arrays of up to 64 (a row per card cost postgres.js more than
 * parsing them), impact, origin, approximate flags, summary and sources of the "whole" ones (open or among the `recent`
 * newest, what the page and the first history page show), their updates, and every component's name and position
 * (removed ones too: old incidents name them). Small rows sorted and joined in JS: building json per incident in
 * SQL was most of a cold page's database time, and one json document of 200 KB is received far more slowly than
 * 2,000 rows. Ties are broken by ids in byte order (ids are [a-z0-9-]).
 */
export async function readIncidents(sql: postgres.Sql, since: Date, recent: number): Promise<IncidentsRead> {
  // Cards (see incident_cards in src/db/schema.ts) are flat: [id, title, status, started, resolved, component id,
  // its status, …]; what only a whole incident shows comes with it.
  type Card = [id: string, title: string, status: IncidentStatus, startedAt: number, resolvedAt: number | null, ...components: string[]];
  type Whole = [id: string, impact: Impact, origin: string, startedApprox: boolean, resolvedApprox: boolean, summary: string | null, sources: IncidentSource[] | null];
  type Update = [incidentId: string, id: string, status: IncidentStatus, body: string, at: number, approximate: boolean, createdAt: number];
  type Name = [id: string, name: string, position: number];
  const rows = await sql<Array<{ k: 'c' | 'w' | 'u' | 'n'; v: Card[] | Whole | Update | Name }>>`
    with newest as (select id from incidents order by started_at desc, id collate "C" desc limit ${recent}),
    whole as (select id from newest union select id from incidents where resolved_at is null)
    select 'c' as k, json_agg(c.card) as v from (select c.card, (row_number() over ()) / 64 as chunk from incident_cards c
      where c.resolved_at is null or c.resolved_at >= ${since.toISOString()}::timestamptz or c.incident_id in (select id from newest)) c
      group by c.chunk
    union all
    select 'w', json_build_array(i.id, i.impact, i.origin, i.started_approx, i.resolved_approx, i.summary, i.sources) from incidents i join whole w on w.id = i.id
    union all
    select 'u', json_build_array(u.incident_id, u.id, u.status, u.body, ${sql.unsafe(ms('u.display_at'))}, u.approximate, ${sql.unsafe(ms('u.created_at'))})
      from whole w cross join lateral (select * from incident_updates u where u.incident_id = w.id offset 0) u
    union all
    select 'n', json_build_array(id, name, position) from components`;
  const cards: Card[] = [], wholes = new Map<string, Whole>(), updates: Update[] = [];
  const names = new Map<string, { name: string; position: number }>();
  for (const { k, v } of rows) {
    if (k === 'c') for (const card of v as Card[]) cards.push(card);
    else if (k === 'w') wholes.set((v as Whole)[0], v as Whole);
    else if (k === 'u') updates.push(v as Update);
    else names.set((v as Name)[0], { name: (v as Name)[1], position: (v as Name)[2] });
  }
  // Tuples are read by index, not destructured: destructuring goes through the iterator protocol, an object per
  // element for thousands of rows.
  cards.sort((a, b) => b[3] - a[3] || byteOrder(b[0], a[0]));
  const headlines: IncidentHeadline[] = new Array(cards.length);
  const whole: SnapshotIncident[] = [];
  const byId = new Map<string, SnapshotIncident>();
  for (let n = 0; n < cards.length; n++) {
    const card = cards[n]!;
    const pairs = (card.length > CARD_PAIRS ? card.slice(CARD_PAIRS) : NO_PAIRS) as string[];
    headlines[n] = { id: card[0], title: card[1], status: card[2], startedAt: card[3], resolvedAt: card[4], components: pairs };
    const w = wholes.get(card[0]);
    if (!w) continue;
    const components: SnapshotIncident['components'] = [];
    for (let j = 0; j < pairs.length; j += 2) components.push({ id: pairs[j]!, name: names.get(pairs[j]!)?.name ?? pairs[j]!, status: pairs[j + 1] as ComponentStatus });
    // By position (unknown components last), then id: as the page lists components.
    if (components.length > 1) components.sort((a, b) => (names.get(a.id)?.position ?? Infinity) - (names.get(b.id)?.position ?? Infinity) || byteOrder(a.id, b.id));
    const r: SnapshotIncident = {
      id: card[0], title: card[1], status: card[2], impact: w[1], origin: w[2], startedAt: card[3], startedApprox: w[3],
      resolvedAt: card[4], resolvedApprox: w[4], summary: w[5], sources: Array.isArray(w[6]) ? w[6] : [], components, updates: [],
    };
    byId.set(r.id, r);
    whole.push(r);
  }
  updates.sort((a, b) => b[4] - a[4] || b[6] - a[6] || byteOrder(b[1], a[1]));
  for (const u of updates) byId.get(u[0])?.updates.push({ id: u[1], status: u[2], body: u[3], at: u[4], approximate: u[5] });
  return { whole, headlines };
}

/** Where a card's components start. */
const CARD_PAIRS = 5;
const NO_PAIRS: readonly string[] = [];

/** Compare ids as Postgres does with COLLATE "C" (ids are ASCII, so UTF-16 order is byte order). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

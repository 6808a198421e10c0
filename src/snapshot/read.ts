// The refresh's reads: plain queries of the config tables, the rollups and the incidents, run side by side. Times
// come back as epoch milliseconds, so what is read is plain JSON (the Workers Cache API keeps it as it is).
import type postgres from 'postgres';
import { dayStart, hourStart } from '../core/time.js';
import { listPageIncidents, type IncidentRow } from '../db/incident-queries.js';
import { readReportData } from '../db/report-queries.js';
import type { ComponentData, IncidentData, MaintenanceData, MonitorData, RollupData, StatusData } from './types.js';

const HOUR = 3600_000;
const DAY = 86400_000;
/** Days on the bar (and the longest uptime window). */
export const BAR_DAYS = 90;
/** Incidents read with their timelines beyond the open ones: the first history page, feeds, incidents.json. */
export const RECENT_INCIDENTS = 50;

/** How far back each read goes: days for the bar and 90-day uptime, hours for the 24-hour uptime and chart. */
function readWindows(now: Date): { daysSince: Date; histSince: Date; hoursSince: Date } {
  return {
    daysSince: new Date(dayStart(now).getTime() - BAR_DAYS * DAY),
    histSince: new Date(dayStart(now).getTime() - 6 * DAY),
    hoursSince: hourStart(new Date(now.getTime() - 24 * HOUR)),
  };
}

const epochMs = (sql: postgres.Sql, col: string) => sql.unsafe(`(extract(epoch from ${col}) * 1000)::float8`);

/** Everything a refresh needs, in nine queries (six, and three of visitor reports) whatever the number of monitors or incidents. */
export async function readStatusData(sql: postgres.Sql, now: Date): Promise<StatusData> {
  const { daysSince, histSince, hoursSince } = readWindows(now);
  const [components, monitors, daily, hourly, incidents, maintenances, reports] = await Promise.all([
    sql<ComponentData[]>`
      select id, name, group_id as "groupId", is_group as "isGroup", position, description,
        ${epochMs(sql, 'created_at')} as "createdAt", ${epochMs(sql, 'updated_at')} as "updatedAt"
      from components where removed_at is null order by position, id`,
    sql<MonitorData[]>`
      select m.id, m.name, m.component_id as "componentId", m.interval_seconds as "intervalSeconds", coalesce(s.status, 'unknown') as status,
        ${epochMs(sql, 's.status_since')} as "statusSince", ${epochMs(sql, 's.last_check_at')} as "lastCheckAt", s.last_verdict as "lastVerdict",
        s.last_status_code as "lastStatusCode", s.last_latency_ms::float8 as "lastLatencyMs", s.last_error_class as "lastErrorClass", s.last_error as "lastError",
        coalesce(m.spec->>'type', 'http') as type, ${epochMs(sql, 's.cert_expires_at')} as "certExpiresAt",
        ${epochMs(sql, "(h.value->>'at')::timestamptz")} as "lastBeatAt", s.signature,
        (${monitorLocations(sql)}) as locations
      from monitors m left join monitor_state s on s.monitor_id = m.id
      left join meta h on h.key = 'heartbeat:' || m.id
      left join components c on c.id = m.component_id
      where m.removed_at is null order by c.position, m.position, m.id`,
    readRollups(sql, 'rollups_daily', daysSince, histSince),
    readRollups(sql, 'rollups_hourly', hoursSince, hoursSince),
    readIncidents(sql, daysSince),
    sql<MaintenanceData[]>`
      select id, title, body, ${epochMs(sql, 'scheduled_for')} as "scheduledFor", ${epochMs(sql, 'scheduled_until')} as "scheduledUntil",
        component_ids as "componentIds", ${epochMs(sql, 'created_at')} as "createdAt", ${epochMs(sql, 'updated_at')} as "updatedAt"
      from maintenances
      where scheduled_until > ${now.toISOString()}::timestamptz
        or id in (select id from maintenances order by scheduled_for desc, id desc limit ${RECENT_INCIDENTS})
      order by scheduled_for desc, id desc`,
    readReportData(sql, hoursSince),
  ]);
  return {
    readAt: now.getTime(),
    components: [...components],
    monitors: [...monitors],
    daily,
    hourly,
    incidents,
    maintenances: maintenances.map((m) => ({ ...m, componentIds: Array.isArray(m.componentIds) ? m.componentIds : [] })),
    reports,
  };
}

/**
 * A monitor's locations (config `locations`) with their latest report and the location's health, as JSON in the
 * monitors query: no query more, and nothing but an empty index probe without locations.
 */
function monitorLocations(sql: postgres.Sql) {
  const ms = (col: string) => sql.unsafe(`(extract(epoch from ${col}) * 1000)::float8`);
  return sql`select json_agg(json_build_object('location', ls.location, 'name', l.name, 'health', l.health, 'impaired', l.impaired,
      'healthSince', ${ms('l.health_since')}, 'lastSeenAt', ${ms('l.last_seen_at')}, 'status', ls.status, 'lastCheckAt', ${ms('ls.last_check_at')},
      'lastVerdict', ls.last_verdict, 'lastErrorClass', ls.last_error_class, 'lastStatusCode', ls.last_status_code, 'lastLatencyMs', ls.last_latency_ms,
      'firstFailureAt', ${ms('ls.first_failure_at')}) order by l.position, ls.location)
    from location_state ls join locations l on l.id = ls.location and l.removed_at is null where ls.monitor_id = m.id`;
}

/** Rollup rows of live monitors from `since`; histograms (for the charts) from `histSince`. */
async function readRollups(sql: postgres.Sql, table: 'rollups_daily' | 'rollups_hourly', since: Date, histSince: Date): Promise<RollupData[]> {
  const rows = await sql<RollupData[]>`
    select r.monitor_id as "monitorId", ${epochMs(sql, 'r.bucket')} as bucket, r.up, r.degraded, r.down, r.maintenance,
      r.latency_sum as "latencySum", r.latency_count as "latencyCount", r.latency_max as "latencyMax",
      case when r.bucket >= ${histSince.toISOString()}::timestamptz then array_to_json(r.hist) end as hist
    from ${sql(table)} r join monitors m on m.id = r.monitor_id and m.removed_at is null
    where r.bucket >= ${since.toISOString()}::timestamptz`;
  return rows.map((r) => (r.hist === null ? { ...r, hist: undefined, latencyMax: null } : r));
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

/** An incident as the snapshot keeps it: times as epoch ms. */
export function incidentData(r: IncidentRow, whole = true): IncidentData {
  return {
    ...r, startedAt: r.startedAt.getTime(), monitoringAt: ms(r.monitoringAt), resolvedAt: ms(r.resolvedAt), createdAt: r.createdAt.getTime(), updatedAt: r.updatedAt.getTime(),
    whole, updates: whole ? r.updates.map((u) => ({ ...u, displayAt: u.displayAt.getTime(), createdAt: u.createdAt.getTime(), updatedAt: u.updatedAt.getTime() })) : [],
  };
}

/** The page's incidents; timelines only for the open ones and the newest (the others are on the day bars). */
async function readIncidents(sql: postgres.Sql, since: Date): Promise<IncidentData[]> {
  const rows = await listPageIncidents(sql, since, RECENT_INCIDENTS);
  return rows.map((r, i) => incidentData(r, i < RECENT_INCIDENTS || r.resolvedAt === null));
}

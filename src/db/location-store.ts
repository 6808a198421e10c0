// Storage of locations: which monitor each probes (synced from the config), its claims and its recorded reports.
import type postgres from 'postgres';
import type { MonitorSpec } from '../core/monitor.js';
import { rollupChecks, type RollupDelta } from '../core/rollup.js';
import { hourStart } from '../core/time.js';
import { claimRules, type ClaimedMonitor, type ClaimOptions, type StateUpdate } from './tick-store.js';

/**
 * Make the locations and their assignments match the config (in the config sync, after the monitors): new
 * locations are added, removed ones marked (their checks stay), each (monitor, location) a monitor lists gets a
 * state row, due at once, and rows of assignments the config dropped go (their checks stay).
 */
export async function syncLocations(sql: postgres.Sql, locations: ReadonlyArray<{ id: string; name: string }>, specs: readonly MonitorSpec[], now: Date): Promise<void> {
  const at = now.toISOString();
  const rows = locations.map((l, position) => ({ id: l.id, name: l.name, position }));
  const pairs = specs.flatMap((s) => (s.locations ?? []).map((location) => ({ monitor_id: s.id, location })));
  await sql.begin(async (tx) => {
    await tx`insert into locations (id, name, position, health_since, added_at)
      select id, name, position, ${at}::timestamptz, ${at}::timestamptz from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(id text, name text, position int)
      on conflict (id) do update set name = excluded.name, position = excluded.position, removed_at = null`;
    await tx`update locations set removed_at = ${at}::timestamptz
      where removed_at is null and id not in (select jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.id))}::text::jsonb))`;
    await tx`insert into location_state (monitor_id, location, next_check_at)
      select monitor_id, location, ${at}::timestamptz from jsonb_to_recordset(${JSON.stringify(pairs)}::text::jsonb) as t(monitor_id text, location text)
      on conflict do nothing`;
    await tx`delete from location_state s where not exists (
      select 1 from jsonb_to_recordset(${JSON.stringify(pairs)}::text::jsonb) as t(monitor_id text, location text)
      where t.monitor_id = s.monitor_id and t.location = s.location)`;
  });
}

/** The monitors a location is assigned (not removed). */
export async function assignedMonitors(sql: postgres.Sql | postgres.TransactionSql, location: string, monitorIds: readonly string[]): Promise<Set<string>> {
  const rows = await sql<{ monitor_id: string }[]>`
    select s.monitor_id from location_state s join monitors m on m.id = s.monitor_id
    where s.location = ${location} and m.removed_at is null
      and s.monitor_id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb))`;
  return new Set(rows.map((r) => r.monitor_id));
}

type LocationClaimRow = {
  spec: MonitorSpec; component_id: string; status: ClaimedMonitor['state']['status']; fail_streak: number; ok_streak: number;
  first_failure_at: Date | null; slot: Date; cert_expires_at: Date | null; last_check_at: Date | null; created_at: Date;
};

/**
 * Claim a location's due monitors with a lease, as claimDueMonitors does for the scheduler's own: the row lock
 * and the lease keep two claimers of one location (an agent restarted while its predecessor still runs) apart,
 * and the next check moves one interval ahead on the location's own grid.
 */
export async function claimLocationWork(sql: postgres.Sql, location: string, owner: string, now: Date, opts: ClaimOptions): Promise<ClaimedMonitor[]> {
  const rule = claimRules(sql, now, opts);
  const rows = await sql<LocationClaimRow[]>`
    with due as (
      select s.monitor_id, s.next_check_at as slot, m.spec from location_state s join monitors m on m.id = s.monitor_id
      where s.location = ${location} and m.removed_at is null and ${rule.isDue}
      order by s.next_check_at, s.monitor_id
      limit ${opts.limit}
      for update of s skip locked
    ),
    lease as (${rule.leaseMs})
    update location_state s set lease_owner = ${owner}, lease_until = ${rule.leaseUntil}, next_check_at = ${rule.nextCheckAt}
    from monitors m, due
    where s.monitor_id = due.monitor_id and s.location = ${location} and m.id = s.monitor_id
    returning m.spec, m.component_id, s.status, s.fail_streak, s.ok_streak, s.first_failure_at, due.slot, s.cert_expires_at, s.last_check_at, m.created_at`;
  return rows
    .map((r) => ({
      spec: r.spec, componentId: r.component_id, state: { status: r.status, failStreak: r.fail_streak, okStreak: r.ok_streak },
      statusSince: null, firstFailureAt: r.first_failure_at, slot: r.slot, certExpiresAt: r.cert_expires_at, lastCheckAt: r.last_check_at,
      beat: null, createdAt: r.created_at, claimedAt: now,
    }))
    .sort((a, b) => a.slot.getTime() - b.slot.getTime() || (a.spec.id < b.spec.id ? -1 : 1));
}

/** Give a location's claims held by `owner` back (a round that failed before recording), due at once. */
export async function releaseLocationClaims(sql: postgres.Sql, location: string, owner: string, now: Date): Promise<number> {
  const r = await sql`update location_state set lease_owner = null, lease_until = null, next_check_at = least(next_check_at, ${now.toISOString()}::timestamptz)
    where location = ${location} and lease_owner = ${owner}`;
  return r.count;
}

/**
 * Record one location's reports in the caller's transaction: the checks (with the location), the location's
 * state and its hourly rollups. Idempotent per (monitor, location, slot): a report already stored — a retried or
 * replayed batch — inserts nothing and moves no state. Returns the monitors it recorded. The monitor's own
 * rollups are not touched: its uptime is the quorum's, counted once per interval.
 */
export async function recordLocationChecks(tx: postgres.TransactionSql, location: string, updates: readonly StateUpdate[], now: Date): Promise<Set<string>> {
  if (!updates.length) return new Set();
  const rows = updates.map((u) => {
    const c = u.check;
    return {
      monitor_id: u.monitorId, at: c.at.toISOString(), verdict: c.verdict, in_maintenance: c.inMaintenance, status_code: c.statusCode,
      latency_ms: c.latencyMs, dns_ms: c.dnsMs, connect_ms: c.connectMs, tls_ms: c.tlsMs, first_byte_ms: c.firstByteMs, error_class: c.errorClass,
      error: c.error, attempts: c.attempts, cert_expires_at: c.certExpiresAt?.toISOString() ?? null, slot: (c.slot ?? c.at).toISOString(),
      status: u.state.status, fail_streak: u.state.failStreak, ok_streak: u.state.okStreak, first_failure_at: u.firstFailureAt?.toISOString() ?? null,
    };
  });
  const inserted = await tx<{ monitor_id: string }[]>`
    insert into checks (monitor_id, at, location, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms,
      first_byte_ms, error_class, error, attempts, cert_expires_at, slot)
    select monitor_id, at, ${location}, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms,
      first_byte_ms, error_class, error, attempts, cert_expires_at, slot
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(monitor_id text, at timestamptz, verdict text, in_maintenance boolean,
      status_code int, latency_ms real, dns_ms real, connect_ms real, tls_ms real, first_byte_ms real, error_class text, error text,
      attempts smallint, cert_expires_at timestamptz, slot timestamptz)
    on conflict (monitor_id, location, slot) do nothing
    returning monitor_id`;
  const recorded = new Set(inserted.map((r) => r.monitor_id));
  const fresh = rows.filter((r) => recorded.has(r.monitor_id));
  if (!fresh.length) return recorded;
  await tx`
    update location_state s set status = t.status, fail_streak = t.fail_streak, ok_streak = t.ok_streak, first_failure_at = t.first_failure_at,
      last_check_at = t.at, last_verdict = t.verdict, last_status_code = t.status_code, last_latency_ms = t.latency_ms,
      last_error_class = t.error_class, last_error = t.error, cert_expires_at = coalesce(t.cert_expires_at, s.cert_expires_at),
      lease_owner = null, lease_until = null
    from jsonb_to_recordset(${JSON.stringify(fresh)}::text::jsonb) as t(monitor_id text, at timestamptz, verdict text, status_code int,
      latency_ms real, error_class text, error text, cert_expires_at timestamptz, status text, fail_streak int, ok_streak int, first_failure_at timestamptz)
    where s.monitor_id = t.monitor_id and s.location = ${location}`;
  await upsertLocationRollups(tx, location, rollupChecks(updates.filter((u) => recorded.has(u.monitorId)).map((u) => u.check), hourStart));
  await tx`update locations set last_seen_at = ${now.toISOString()}::timestamptz where id = ${location}`;
  return recorded;
}

async function upsertLocationRollups(tx: postgres.TransactionSql, location: string, deltas: RollupDelta[]): Promise<void> {
  if (!deltas.length) return;
  const rows = deltas.map((d) => ({
    monitor_id: d.monitorId, bucket: d.bucket.toISOString(), up: d.up, degraded: d.degraded, down: d.down, maintenance: d.maintenance,
    latency_sum: d.latencySum, latency_count: d.latencyCount, latency_min: d.latencyMin, latency_max: d.latencyMax, hist: d.hist,
  }));
  const r = tx('rollups_location_hourly');
  await tx`
    insert into rollups_location_hourly (monitor_id, location, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_min, latency_max, hist)
    select monitor_id, ${location}, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_min, latency_max, hist
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(monitor_id text, bucket timestamptz, up int, degraded int, down int,
      maintenance int, latency_sum float8, latency_count int, latency_min real, latency_max real, hist int[])
    order by monitor_id, bucket
    on conflict (monitor_id, location, bucket) do update set
      up = ${r}.up + excluded.up, degraded = ${r}.degraded + excluded.degraded, down = ${r}.down + excluded.down,
      maintenance = ${r}.maintenance + excluded.maintenance, latency_sum = ${r}.latency_sum + excluded.latency_sum,
      latency_count = ${r}.latency_count + excluded.latency_count,
      latency_min = least(${r}.latency_min, excluded.latency_min), latency_max = greatest(${r}.latency_max, excluded.latency_max),
      hist = (select coalesce(array_agg(coalesce(a, 0) + coalesce(b, 0) order by i), '{}')
              from unnest(${r}.hist, excluded.hist) with ordinality as h(a, b, i))`;
}

/** Note a location's latest verdict on its own network (each round that carries a control probe). */
export async function setLocationImpaired(tx: postgres.TransactionSql, location: string, impaired: boolean, now: Date): Promise<void> {
  await tx`update locations set impaired = ${impaired}, last_seen_at = ${now.toISOString()}::timestamptz where id = ${location}`;
}

/** One location's latest report on one monitor, with the location's name and standing: what a quorum reads. */
export interface LocationReportRow {
  monitorId: string;
  location: string;
  name: string;
  status: ClaimedMonitor['state']['status'];
  lastCheckAt: Date | null;
  impaired: boolean;
  errorClass: StateUpdate['check']['errorClass'];
  statusCode: number | null;
  latencyMs: number | null;
  firstFailureAt: Date | null;
}

/** The latest report of every location of these monitors, in the config's order of locations. */
export async function loadLocationReports(sql: postgres.Sql | postgres.TransactionSql, monitorIds: readonly string[]): Promise<Map<string, LocationReportRow[]>> {
  const out = new Map<string, LocationReportRow[]>();
  if (!monitorIds.length) return out;
  const rows = await sql<{
    monitor_id: string; location: string; name: string | null; status: LocationReportRow['status']; last_check_at: Date | null; impaired: boolean | null;
    last_error_class: LocationReportRow['errorClass']; last_status_code: number | null; last_latency_ms: number | null; first_failure_at: Date | null;
  }[]>`
    select s.monitor_id, s.location, l.name, s.status, s.last_check_at, l.impaired, s.last_error_class, s.last_status_code, s.last_latency_ms, s.first_failure_at
    from location_state s left join locations l on l.id = s.location
    where s.monitor_id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb))
    order by s.monitor_id, l.position nulls last, s.location`;
  for (const r of rows) {
    const list = out.get(r.monitor_id) ?? [];
    list.push({
      monitorId: r.monitor_id, location: r.location, name: r.name ?? r.location, status: r.status, lastCheckAt: r.last_check_at, impaired: r.impaired ?? false,
      errorClass: r.last_error_class, statusCode: r.last_status_code, latencyMs: r.last_latency_ms, firstFailureAt: r.first_failure_at,
    });
    out.set(r.monitor_id, list);
  }
  return out;
}

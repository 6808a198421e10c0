// The monitor-level side of locations: the live quorum written into monitor_state, and each location's health.
import type postgres from 'postgres';
import type { LocationHealth } from '../core/quorum.js';
import type { QuorumSubject } from '../scheduler/quorum-outcome.js';
import type { StateUpdate } from './tick-store.js';

/**
 * The monitors the quorum judges, with their monitor-level state, row-locked in id order: reports from two
 * locations about one monitor take turns, and the second sees the first's verdict.
 */
export async function lockQuorumSubjects(tx: postgres.TransactionSql, monitorIds: readonly string[]): Promise<Array<QuorumSubject & { componentId: string }>> {
  if (!monitorIds.length) return [];
  const rows = await tx<{ spec: QuorumSubject['spec']; component_id: string; status: QuorumSubject['state']['status']; fail_streak: number; ok_streak: number; status_since: Date | null; first_failure_at: Date | null }[]>`
    select m.spec, m.component_id, s.status, s.fail_streak, s.ok_streak, s.status_since, s.first_failure_at
    from monitor_state s join monitors m on m.id = s.monitor_id
    where m.removed_at is null and s.monitor_id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb))
    order by s.monitor_id
    for update of s`;
  return rows.map((r) => ({
    spec: r.spec, componentId: r.component_id, state: { status: r.status, failStreak: r.fail_streak, okStreak: r.ok_streak },
    statusSince: r.status_since, firstFailureAt: r.first_failure_at, slot: null,
  }));
}

/** Write a live quorum verdict (between the interval's own verdicts): status, reason, signature; no check, no lease. */
export async function saveLiveQuorum(tx: postgres.TransactionSql, updates: readonly StateUpdate[]): Promise<void> {
  if (!updates.length) return;
  const rows = updates.map((u) => ({
    monitor_id: u.monitorId, status: u.state.status, status_since: u.statusSince?.toISOString() ?? null, fail_streak: u.state.failStreak,
    ok_streak: u.state.okStreak, first_failure_at: u.firstFailureAt?.toISOString() ?? null, error: u.check.error, error_class: u.check.errorClass,
    signature: u.signature ?? null,
  }));
  await tx`
    update monitor_state s set status = t.status, status_since = t.status_since, fail_streak = t.fail_streak, ok_streak = t.ok_streak,
      first_failure_at = t.first_failure_at, last_error = t.error, last_error_class = t.error_class, signature = t.signature
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as t(monitor_id text, status text, status_since timestamptz, fail_streak int,
      ok_streak int, first_failure_at timestamptz, error text, error_class text, signature jsonb)
    where s.monitor_id = t.monitor_id`;
}

/** A location with what its health is judged from: its stored health and verdict, and each monitor's last report. */
export interface LocationHealthRow {
  id: string;
  name: string;
  health: LocationHealth;
  impaired: boolean;
  lastSeenAt: Date | null;
  reports: Array<{ lastReportAt: Date | null; intervalSeconds: number }>;
}

/**
 * Every configured location, row-locked in one order (one health change, one event, however many schedulers run).
 * A location's round takes these locks first, before any other row, so rounds and ticks never deadlock.
 */
export async function lockLocationsForHealth(tx: postgres.TransactionSql): Promise<LocationHealthRow[]> {
  const locations = await tx<{ id: string; name: string; health: LocationHealth; impaired: boolean; last_seen_at: Date | null }[]>`
    select id, name, health, impaired, last_seen_at from locations where removed_at is null order by position, id for update`;
  // A location that never reported is judged from when it was added: a fresh install is not "offline" at once.
  const reports = await tx<{ location: string; last_check_at: Date | null; interval_seconds: number }[]>`
    select s.location, coalesce(s.last_check_at, l.added_at) as last_check_at, m.interval_seconds
    from location_state s join monitors m on m.id = s.monitor_id join locations l on l.id = s.location where m.removed_at is null`;
  return locations.map((l) => ({
    id: l.id, name: l.name, health: l.health, impaired: l.impaired, lastSeenAt: l.last_seen_at,
    reports: reports.filter((r) => r.location === l.id).map((r) => ({ lastReportAt: r.last_check_at, intervalSeconds: r.interval_seconds })),
  }));
}

export async function saveLocationHealth(tx: postgres.TransactionSql, id: string, health: LocationHealth, now: Date): Promise<void> {
  await tx`update locations set health = ${health}, health_since = ${now.toISOString()}::timestamptz where id = ${id}`;
}

import type postgres from 'postgres';
import type { ConfirmState } from '../core/confirm.js';
import type { HeartbeatBeat, MonitorSpec } from '../core/monitor.js';
import { rollupChecks, type CountableCheck, type RollupDelta } from '../core/rollup.js';
import { dayStart, hourStart } from '../core/time.js';
import type { ErrorClass, } from '../core/types.js';

/** A monitor claimed for probing in this tick, with the state the evaluation starts from. */
export interface ClaimedMonitor {
  spec: MonitorSpec;
  componentId: string;
  state: ConfirmState;
  statusSince: Date | null;
  firstFailureAt: Date | null;
  /** The interval slot this claim is for (the monitor's due time): with the location, the check's idempotency key. */
  slot: Date;
  /** The certificate expiry and time of the last check, to tell when a check crosses a certificate threshold. */
  certExpiresAt: Date | null;
  lastCheckAt: Date | null;
  /** Heartbeat monitors: the latest beat (kept in meta as "heartbeat:<id>"), when the monitor was added, and the claim's time. */
  beat: HeartbeatBeat | null;
  createdAt: Date;
  claimedAt: Date;
}

/** One interval's final check, as stored. */
interface CheckRecord extends CountableCheck {
  statusCode: number | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  errorClass: ErrorClass | null;
  error: string | null;
  attempts: number;
  certExpiresAt: Date | null;
  /** The claim's slot; a check recorded without a claim (a loader) answers its own `at`. */
  slot?: Date | null;
  /** Where it was probed from (the scheduler's LOOKOUT_LOCATION; "quorum" for the verdict of several); "default" when unset. */
  location?: string;
}

/** The state a monitor ends the tick in. */
export interface StateUpdate {
  monitorId: string;
  state: ConfirmState;
  statusSince: Date | null;
  firstFailureAt: Date | null;
  check: CheckRecord;
  /**
   * The quorum had no verdict this interval (too few locations could vote): the state is updated and the claim
   * released, but no check is stored, so the interval counts as no data.
   */
  withoutCheck?: boolean;
  /** Monitors probed from several locations: the failure signature stored with the state. */
  signature?: unknown;
}

/** How the claim is sized and how early it may reach. */
export interface ClaimOptions {
  /** Most monitors one claim takes. */
  limit: number;
  /** Probes the tick runs at once: the lease covers ceil(claimed / concurrency) rounds of the slowest monitor. */
  concurrency: number;
  /** Added to the lease for the tick's own queries (maintenance, the recording transaction). */
  marginMs?: number;
  /**
   * A monitor due up to this long after `now` is claimed too (capped at a tenth of its interval): cron fires a few
   * milliseconds early or late, and a tick just early of "due" would otherwise leave a 10 s monitor for 20 s.
   */
  earlyMs?: number;
  /** Keyset cursor: claim only monitors after this one in (due time, id) order — the planner's pages. */
  after?: { slot: Date; monitorId: string };
}

export const LEASE_MARGIN_MS = 30_000;
const CLAIM_EARLY_MS = 1000;

/**
 * The claim's rules, shared by every claimer (the scheduler's own monitors in monitor_state, a location's in
 * location_state), as fragments of a statement whose state row is `s`, its monitor `m` and the claimed rows the
 * CTE `due` (with each one's `spec`): when a monitor is due, how long its lease lasts, and where its next check goes.
 */
export function claimRules(sql: postgres.Sql, now: Date, opts: ClaimOptions) {
  const at = now.toISOString();
  const early = sql`least(${opts.earlyMs ?? CLAIM_EARLY_MS} * interval '1 millisecond', make_interval(secs => m.interval_seconds / 10.0))`;
  return {
    isDue: sql`s.next_check_at <= ${at}::timestamptz + ${early} and (s.lease_until is null or s.lease_until < ${at}::timestamptz)`,
    leaseMs: sql`
      select coalesce(max(attempts * timeout_ms + (attempts - 1) * retry_ms), 0) * ceil(count(*)::float8 / ${Math.max(1, opts.concurrency)})
        + ${opts.marginMs ?? LEASE_MARGIN_MS} as ms
      from (select greatest((d.spec->>'failuresBeforeDown')::int, (d.spec->>'successesBeforeUp')::int, 1) as attempts,
          (d.spec->>'timeoutMs')::float8 as timeout_ms, (d.spec->>'retryDelayMs')::float8 as retry_ms
        from due d) work`,
    leaseUntil: sql`${at}::timestamptz + (select ms from lease) * interval '1 millisecond'`,
    nextCheckAt: sql`greatest(s.next_check_at + make_interval(secs => m.interval_seconds), ${at}::timestamptz + make_interval(secs => m.interval_seconds) - ${early})`,
  };
}

/**
 * Claim every due monitor with a lease, and move its next check one interval ahead in the same statement.
 * FOR UPDATE SKIP LOCKED makes two schedulers on one database split the work instead of probing a monitor
 * twice: the second one skips rows the first has locked, and once the first commits they are no longer due.
 *
 * The lease is sized to the work it covers, not fixed: the slowest claimed monitor's worst case (evaluateMonitor
 * probes up to max(failuresBeforeDown, successesBeforeUp) times, each up to timeoutMs, with retryDelayMs between)
 * times the rounds the bounded concurrency needs, plus a margin. A tick that dies without releasing its claims
 * (a crash, a lost database) holds its monitors that long at most.
 *
 * The next check stays on the monitor's grid (previous due time + interval) so an early or late tick does not
 * drift it, but is never sooner than one interval (less the early allowance) after this claim: no two checks of a
 * monitor closer than that, however late a tick ran.
 */
export async function claimDueMonitors(sql: postgres.Sql, owner: string, now: Date, opts: ClaimOptions): Promise<ClaimedMonitor[]> {
  const rule = claimRules(sql, now, opts);
  const after = opts.after ? sql`and (s.next_check_at, s.monitor_id) > (${opts.after.slot.toISOString()}::timestamptz, ${opts.after.monitorId})` : sql``;
  const rows = await sql<ClaimRow[]>`
    with due as (
      select s.monitor_id, s.next_check_at as slot, m.spec from monitor_state s join monitors m on m.id = s.monitor_id
      where m.removed_at is null and ${rule.isDue}
        ${after}
      order by s.next_check_at, s.monitor_id
      limit ${opts.limit}
      for update of s skip locked
    ),
    lease as (${rule.leaseMs})
    update monitor_state s set lease_owner = ${owner}, lease_until = ${rule.leaseUntil}, next_check_at = ${rule.nextCheckAt}
    from monitors m, due
    where s.monitor_id = due.monitor_id and m.id = s.monitor_id
    returning m.spec, m.component_id, s.status, s.fail_streak, s.ok_streak, s.status_since, s.first_failure_at, due.slot,
      s.cert_expires_at, s.last_check_at, m.created_at, (select h.value from meta h where h.key = 'heartbeat:' || m.id) as beat`;
  return rows.map((r) => claimedOf(r, now)).sort((a, b) => a.slot.getTime() - b.slot.getTime() || (a.spec.id < b.spec.id ? -1 : 1));
}

type ClaimRow = {
  spec: MonitorSpec; component_id: string; status: ConfirmState['status']; fail_streak: number; ok_streak: number; status_since: Date | null;
  first_failure_at: Date | null; slot: Date; cert_expires_at: Date | null; last_check_at: Date | null; beat: { at: string; failed: boolean } | null; created_at: Date;
};

function claimedOf(r: ClaimRow, claimedAt: Date): ClaimedMonitor {
  return {
    spec: r.spec,
    componentId: r.component_id,
    state: { status: r.status, failStreak: r.fail_streak, okStreak: r.ok_streak },
    statusSince: r.status_since,
    firstFailureAt: r.first_failure_at,
    slot: r.slot,
    certExpiresAt: r.cert_expires_at,
    lastCheckAt: r.last_check_at,
    beat: r.beat ? { at: new Date(r.beat.at), failed: r.beat.failed } : null,
    createdAt: r.created_at,
    claimedAt,
  };
}

/** One claimed monitor as a queue message names it: the planner claimed it for `slot` under its lease. */
export interface ClaimRef {
  monitorId: string;
  slot: string;
}

/**
 * The claims `owner` still holds among `refs`, with their current state: what a queue consumer probes. A monitor
 * whose claim was recorded (a redelivered message) or taken over by another scheduler is left out.
 */
export async function loadClaims(sql: postgres.Sql, owner: string, refs: readonly ClaimRef[], now: Date): Promise<ClaimedMonitor[]> {
  if (!refs.length) return [];
  const rows = await sql<ClaimRow[]>`
    select m.spec, m.component_id, s.status, s.fail_streak, s.ok_streak, s.status_since, s.first_failure_at, r.slot,
      s.cert_expires_at, s.last_check_at, m.created_at, (select h.value from meta h where h.key = 'heartbeat:' || m.id) as beat
    from jsonb_to_recordset(${JSON.stringify(refs.map((r) => ({ ...r, owner })))}::text::jsonb) as r("monitorId" text, slot timestamptz, owner text)
    join monitor_state s on s.monitor_id = r."monitorId" and s.lease_owner = r.owner join monitors m on m.id = s.monitor_id
    where m.removed_at is null
    order by r.slot, m.id`;
  return rows.map((r) => claimedOf(r, now));
}

/**
 * Give back the claims `owner` still holds — a tick of it that failed before recording — and make those monitors due
 * at once: they were claimed but never checked, so the next tick probes them instead of waiting out the lease.
 * Rows a tick recorded carry no lease any more (recordTick clears it in the same transaction), so this can never
 * cause an interval to be checked twice.
 */
export async function releaseClaims(sql: postgres.Sql, owner: string, now: Date, monitorIds?: readonly string[]): Promise<number> {
  // Ids as JSON text: the Workers client fetches no types, so it cannot send a text[] parameter.
  const only = monitorIds ? sql`and monitor_id in (select jsonb_array_elements_text(${JSON.stringify(monitorIds)}::text::jsonb))` : sql``;
  const r = await sql`update monitor_state set lease_owner = null, lease_until = null,
      next_check_at = least(next_check_at, ${now.toISOString()}::timestamptz)
    where lease_owner = ${owner} ${only}`;
  return r.count;
}

/**
 * Record a tick: every check in one batched insert, rollups by upsert, the monitors' new state, all in one
 * transaction; `alsoInTx` lets the incident/alert layer write its changes atomically with them.
 *
 * Idempotent per slot: a check whose (monitor, location, slot) is already stored — a queue message delivered twice,
 * two consumers racing on one message — inserts nothing, and that monitor's rollups, state and alert outcomes are
 * skipped too. The insert says which monitors it recorded; only those go on (and are passed to `alsoInTx`).
 *
 * The lease is matched as a join column (each row carries the owner), never as a filter on monitor_state: statistics
 * taken while no lease was held estimate `lease_owner = <owner>` at one row, and Postgres then re-ran the JSON
 * record set once per monitor — 11.7 s for 10,000 monitors instead of 37 ms. loadClaims does the same.
 */
export async function recordTick(
  sql: postgres.Sql,
  owner: string,
  all: readonly StateUpdate[],
  alsoInTx?: (tx: postgres.TransactionSql, recorded: ReadonlySet<string>) => Promise<void>,
  /** Decide the updates inside the transaction, first (a quorum verdict re-judged under its row locks). */
  prepare?: (tx: postgres.TransactionSql) => Promise<readonly StateUpdate[]>,
): Promise<ReadonlySet<string>> {
  if (all.length === 0 && !alsoInTx) return new Set();
  return sql.begin(async (tx) => {
    if (prepare) all = await prepare(tx);
    const withChecks = all.filter((u) => !u.withoutCheck);
    const inserted = withChecks.length ? await tx<{ monitor_id: string }[]>`
        insert into checks (monitor_id, at, location, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms,
          first_byte_ms, error_class, error, attempts, cert_expires_at, slot)
        select monitor_id, at, coalesce(location, 'default'), verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms,
          first_byte_ms, error_class, error, attempts, cert_expires_at, slot
        from jsonb_to_recordset(${JSON.stringify(withChecks.map((u) => checkRow(u.check)))}::text::jsonb) as t(monitor_id text, at timestamptz,
          location text, verdict text, in_maintenance boolean, status_code int, latency_ms real, dns_ms real, connect_ms real, tls_ms real,
          first_byte_ms real, error_class text, error text, attempts smallint, cert_expires_at timestamptz, slot timestamptz)
        on conflict (monitor_id, location, slot) do nothing
        returning monitor_id` : [];
    const recorded = new Set(inserted.map((r) => r.monitor_id));
    const updates = withChecks.filter((u) => recorded.has(u.monitorId));
    const checks = updates.map((u) => u.check);
    if (checks.length) {
      await upsertRollups(tx, 'rollups_hourly', rollupChecks(checks, hourStart));
      await upsertRollups(tx, 'rollups_daily', rollupChecks(checks, dayStart));
      await tx`
        update monitor_state s set status = t.status, status_since = t.status_since, fail_streak = t.fail_streak,
          ok_streak = t.ok_streak, first_failure_at = t.first_failure_at, last_check_at = t.at, last_verdict = t.verdict,
          last_status_code = t.status_code, last_latency_ms = t.latency_ms, last_error_class = t.error_class,
          last_error = t.error, cert_expires_at = coalesce(t.cert_expires_at, s.cert_expires_at),
          checks_total = s.checks_total + 1, failures_total = s.failures_total + (t.verdict = 'down')::int,
          lease_owner = null, lease_until = null
        from jsonb_to_recordset(${JSON.stringify(updates.map((u) => ({ ...stateRow(u), lease_owner: owner })))}::text::jsonb) as t(monitor_id text, status text,
          status_since timestamptz, fail_streak int, ok_streak int, first_failure_at timestamptz, at timestamptz,
          verdict text, status_code int, latency_ms real, error_class text, error text, cert_expires_at timestamptz, lease_owner text)
        where s.monitor_id = t.monitor_id and s.lease_owner = t.lease_owner`;
      const signed = updates.filter((u) => u.signature !== undefined);
      if (signed.length) await saveSignatures(tx, signed);
    }
    // A quorum without a verdict stores no check (no data), but its state moves and its claim is given back.
    const unchecked = all.filter((u) => u.withoutCheck);
    if (unchecked.length) {
      const settled = await tx<{ monitor_id: string }[]>`
        update monitor_state s set status = t.status, status_since = t.status_since, fail_streak = t.fail_streak, ok_streak = t.ok_streak,
          first_failure_at = t.first_failure_at, last_error = t.error, signature = t.signature, lease_owner = null, lease_until = null
        from jsonb_to_recordset(${JSON.stringify(unchecked.map((u) => ({ ...stateRow(u), signature: u.signature ?? null, lease_owner: owner })))}::text::jsonb) as t(monitor_id text,
          status text, status_since timestamptz, fail_streak int, ok_streak int, first_failure_at timestamptz, error text, signature jsonb, lease_owner text)
        where s.monitor_id = t.monitor_id and s.lease_owner = t.lease_owner
        returning s.monitor_id`;
      for (const r of settled) recorded.add(r.monitor_id);
    }
    if (alsoInTx) await alsoInTx(tx, recorded);
    return recorded;
  });
}

async function saveSignatures(tx: postgres.TransactionSql, updates: readonly StateUpdate[]): Promise<void> {
  await tx`update monitor_state s set signature = t.signature
    from jsonb_to_recordset(${JSON.stringify(updates.map((u) => ({ monitor_id: u.monitorId, signature: u.signature ?? null })))}::text::jsonb) as t(monitor_id text, signature jsonb)
    where s.monitor_id = t.monitor_id`;
}

function checkRow(c: CheckRecord) {
  return {
    monitor_id: c.monitorId, at: c.at.toISOString(), location: c.location ?? null, verdict: c.verdict, in_maintenance: c.inMaintenance,
    status_code: c.statusCode, latency_ms: c.latencyMs, dns_ms: c.dnsMs, connect_ms: c.connectMs, tls_ms: c.tlsMs,
    first_byte_ms: c.firstByteMs, error_class: c.errorClass, error: c.error, attempts: c.attempts,
    cert_expires_at: c.certExpiresAt?.toISOString() ?? null, slot: (c.slot ?? c.at).toISOString(),
  };
}

function stateRow(u: StateUpdate) {
  return {
    monitor_id: u.monitorId, status: u.state.status, status_since: u.statusSince?.toISOString() ?? null,
    fail_streak: u.state.failStreak, ok_streak: u.state.okStreak, first_failure_at: u.firstFailureAt?.toISOString() ?? null,
    at: u.check.at.toISOString(), verdict: u.check.verdict, status_code: u.check.statusCode, latency_ms: u.check.latencyMs,
    error_class: u.check.errorClass, error: u.check.error, cert_expires_at: u.check.certExpiresAt?.toISOString() ?? null,
  };
}

async function upsertRollups(tx: postgres.TransactionSql, table: 'rollups_hourly' | 'rollups_daily', deltas: RollupDelta[]): Promise<void> {
  if (!deltas.length) return;
  const rows = deltas.map((d) => ({
    monitor_id: d.monitorId, bucket: d.bucket.toISOString(), up: d.up, degraded: d.degraded, down: d.down,
    maintenance: d.maintenance, latency_sum: d.latencySum, latency_count: d.latencyCount, latency_min: d.latencyMin,
    latency_max: d.latencyMax, hist: d.hist,
  }));
  const t = tx(table);
  // Histograms are added element-wise; both arrays have the fixed size of core/latency.ts.
  await tx`
    insert into ${t} (monitor_id, bucket, up, degraded, down, maintenance, latency_sum, latency_count, latency_min, latency_max, hist)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as r(monitor_id text, bucket timestamptz, up int,
      degraded int, down int, maintenance int, latency_sum float8, latency_count int, latency_min real, latency_max real, hist int[])
    order by monitor_id, bucket
    on conflict (monitor_id, bucket) do update set
      up = ${t}.up + excluded.up, degraded = ${t}.degraded + excluded.degraded, down = ${t}.down + excluded.down,
      maintenance = ${t}.maintenance + excluded.maintenance, latency_sum = ${t}.latency_sum + excluded.latency_sum,
      latency_count = ${t}.latency_count + excluded.latency_count,
      latency_min = least(${t}.latency_min, excluded.latency_min), latency_max = greatest(${t}.latency_max, excluded.latency_max),
      hist = (select coalesce(array_agg(coalesce(a, 0) + coalesce(b, 0) order by i), '{}')
              from unnest(${t}.hist, excluded.hist) with ordinality as h(a, b, i))`;
}

/**
 * Delete raw checks older than the retention, in bounded batches so no single statement holds locks for long. The
 * old rows are found through the BRIN index on `at` and deleted by their place in the table (ctid).
 */
export async function pruneChecks(sql: postgres.Sql, olderThan: Date, batch = 5000, maxBatches = 20): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const r = await sql`delete from checks where ctid = any(array(select ctid from checks where at < ${olderThan.toISOString()}::timestamptz limit ${batch}))`;
    total += r.count;
    if (r.count < batch) break;
  }
  return total;
}

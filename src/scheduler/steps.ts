// The pieces of a tick, shared by every way Lookout schedules probes: the Node scheduler and the single-invocation
// Worker run them in one go (tick.ts); on Workers with a Queue the planner claims (plan.ts) and each consumer
// invocation evaluates, records and delivers one message's monitors (consume.ts).
import type postgres from 'postgres';
import type { DeliveryReport } from '../alerts/deliver.js';
import { pruneAlertLog } from '../db/alert-store.js';
import { activeMaintenanceComponents } from '../db/maintenance-queries.js';
import { loadLocationReports } from '../db/location-store.js';
import { pruneChecks, recordTick, type ClaimedMonitor } from '../db/tick-store.js';
import type { Log } from '../log.js';
import type { Probe } from '../probe/types.js';
import { evaluateMonitor, type MonitorOutcome } from './evaluate-monitor.js';
import { mapBounded } from './map-bounded.js';
import { isQuorumOutcome, judgeQuorum, rejudgeQuorum } from './quorum-outcome.js';

/** What the pieces need: one database client, the prober, time, and the incident/alert layer. */
export interface CoreDeps {
  sql: postgres.Sql;
  probe: Probe;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: Log;
  /**
   * Who holds the leases: unique per scheduler process (Node) or invocation (Workers; on the queue path, the
   * planner's invocation, carried in each message).
   */
  owner: string;
  /** Probes in flight at once (Workers: the invocation's connection budget less the database's share). */
  concurrency: number;
  /** The location this scheduler probes from (LOOKOUT_LOCATION), recorded with each check; "default" when unset. */
  location?: string;
  /** Incident/alert layer: runs inside the recording transaction with the outcomes it recorded. */
  onOutcomes?: (tx: postgres.TransactionSql, outcomes: MonitorOutcome[], now: Date) => Promise<void>;
  /** Deliver due alert events (after the transaction, so a slow receiver never holds it open). */
  deliverAlerts?: () => Promise<DeliveryReport>;
}

export interface Transition {
  monitorId: string;
  from: string;
  to: string;
}

/**
 * Probe and judge claimed monitors (with confirmation re-probes), `concurrency` at a time; a probe never throws.
 * A monitor probed from several locations is not probed here: its interval's verdict is the quorum of its
 * locations' latest reports.
 */
export async function evaluateClaimed(deps: CoreDeps, claimed: readonly ClaimedMonitor[], now: Date): Promise<MonitorOutcome[]> {
  if (!claimed.length) return [];
  const inMaintenance = await activeMaintenanceComponents(deps.sql, now);
  const located = claimed.filter((m) => m.spec.locations?.length);
  const reports = await loadLocationReports(deps.sql, located.map((m) => m.spec.id));
  return mapBounded(claimed, deps.concurrency, async (m) => m.spec.locations?.length
    ? judgeQuorum(m, reports.get(m.spec.id) ?? [], now, inMaintenance.has(m.componentId))
    : evaluateMonitor(m, deps.probe, deps.sleep, inMaintenance.has(m.componentId)));
}

/** Probe claimed monitors as one location (a location's own round): every one is probed, located or not. */
export async function probeClaimed(deps: Pick<CoreDeps, 'sql' | 'probe' | 'sleep' | 'concurrency'>, claimed: readonly ClaimedMonitor[], now: Date): Promise<MonitorOutcome[]> {
  if (!claimed.length) return [];
  const inMaintenance = await activeMaintenanceComponents(deps.sql, now);
  return mapBounded(claimed, deps.concurrency, (m) => evaluateMonitor(m, deps.probe, deps.sleep, inMaintenance.has(m.componentId)));
}

/**
 * Record outcomes in one transaction — checks, rollups, state, incidents and the alert outbox — and log each status
 * change. A slot recorded before (a redelivered message) records nothing and reaches the alert layer not at all.
 */
export async function recordOutcomes(deps: CoreDeps, outcomes: readonly MonitorOutcome[], now: Date): Promise<{ recorded: number; transitions: Transition[] }> {
  const onOutcomes = deps.onOutcomes;
  const withLocation = (o: MonitorOutcome) => (deps.location && !o.update.check.location ? { ...o.update, check: { ...o.update.check, location: deps.location } } : o.update);
  // Quorum verdicts are judged again inside the transaction, under the monitors' row locks: a location's report
  // that moved the monitor since (the live quorum) is then seen, not overwritten by an older verdict.
  let final: readonly MonitorOutcome[] = outcomes;
  const prepare = outcomes.some(isQuorumOutcome)
    ? async (tx: postgres.TransactionSql) => {
      final = await rejudgeQuorum(tx, outcomes, now);
      return final.map(withLocation);
    }
    : undefined;
  const recorded = await recordTick(deps.sql, deps.owner, outcomes.map(withLocation),
    onOutcomes ? (tx, ids) => onOutcomes(tx, final.filter((o) => ids.has(o.update.monitorId)), now) : undefined, prepare);
  const transitions: Transition[] = [];
  for (const o of final) {
    if (!recorded.has(o.update.monitorId) || o.before.status === o.update.state.status) continue;
    transitions.push({ monitorId: o.update.monitorId, from: o.before.status, to: o.update.state.status });
    deps.log('info', 'monitor status changed', { monitor: o.update.monitorId, from: o.before.status, to: o.update.state.status, reason: o.judgement.reason });
  }
  return { recorded: recorded.size, transitions };
}

/** Deliver due alerts; failures are recorded per delivery, and an error here (the database) never hides the work before it. */
export async function deliverDue(deps: Pick<CoreDeps, 'deliverAlerts' | 'log'>): Promise<DeliveryReport | undefined> {
  if (!deps.deliverAlerts) return undefined;
  return deps.deliverAlerts().catch((err: Error) => {
    deps.log('error', 'alert delivery step failed', { error: err.message });
    return undefined;
  });
}

/** Raw checks, and settled alert events with their delivery log, older than the retention go (one bounded batch per tick). */
export async function pruneOld(sql: postgres.Sql, now: Date, retentionDays: number | undefined): Promise<void> {
  if (!retentionDays) return;
  const cutoff = new Date(now.getTime() - retentionDays * 86400_000);
  await pruneChecks(sql, cutoff, 5000, 1);
  await pruneAlertLog(sql, cutoff);
}

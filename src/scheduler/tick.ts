import type postgres from 'postgres';
import { pruneAlertLog } from '../db/alert-store.js';
import { claimDueMonitors, pruneChecks, recordTick, releaseClaims } from '../db/tick-store.js';
import { isDatabaseUnreachable } from '../db/unavailable.js';
import { activeMaintenanceComponents } from '../db/maintenance-queries.js';
import type { Probe } from '../probe/types.js';
import type { DeliveryReport } from '../alerts/deliver.js';
import type { Log } from '../log.js';
import { evaluateMonitor, type MonitorOutcome } from './evaluate-monitor.js';
import { mapBounded } from './map-bounded.js';

export interface TickDeps {
  sql: postgres.Sql;
  probe: Probe;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: Log;
  /**
   * Who holds the leases: unique per scheduler process (Node) or invocation (Workers), running one tick at a time.
   * Claims it still holds when a tick starts are an earlier tick's that failed before recording: they are released
   * first, so after a database outage the next tick probes every due monitor instead of waiting out the leases.
   */
  owner: string;
  /** Probes in flight at once (Workers: ≤ 6 connections per invocation). */
  concurrency: number;
  /** Most monitors one tick claims; the rest wait for the next tick (or another scheduler). */
  batchLimit?: number;
  /** Raw checks, and settled alert events with their delivery log, older than this many days are pruned. */
  retentionDays?: number;
  /** Incident/alert layer: runs inside the tick's transaction with the outcomes. */
  onOutcomes?: (tx: postgres.TransactionSql, outcomes: MonitorOutcome[], now: Date) => Promise<void>;
  /** Step 5: deliver due alert events (after the transaction, so a slow receiver never holds it open). */
  deliverAlerts?: () => Promise<DeliveryReport>;
}

export interface TickReport {
  startedAt: string;
  claimed: number;
  recorded: number;
  transitions: Array<{ monitorId: string; from: string; to: string }>;
  durationMs: number;
  error?: string;
  /** The tick failed because the database could not be reached (HTTP answers 503). */
  databaseUnavailable?: boolean;
  /** Claims given back after the failure (or left from an earlier failed tick of this owner). */
  released?: number;
  alerts?: DeliveryReport;
}

/** One tick: claim due monitors, probe them, record everything in one transaction. Never throws. */
export async function tick(deps: TickDeps): Promise<TickReport> {
  const now = deps.clock();
  const started = performance.now();
  const report: TickReport = { startedAt: now.toISOString(), claimed: 0, recorded: 0, transitions: [], durationMs: 0 };
  let holding = false;
  try {
    const left = await releaseClaims(deps.sql, deps.owner, now);
    if (left) report.released = left;
    const claimed = await claimDueMonitors(deps.sql, deps.owner, now, { limit: deps.batchLimit ?? 20_000, concurrency: deps.concurrency });
    report.claimed = claimed.length;
    holding = claimed.length > 0;
    if (claimed.length) {
      const inMaintenance = await activeMaintenanceComponents(deps.sql, now);
      const outcomes = await mapBounded(claimed, deps.concurrency, (m) =>
        evaluateMonitor(m, deps.probe, deps.sleep, inMaintenance.has(m.componentId)),
      );
      await recordTick(deps.sql, deps.owner, outcomes.map((o) => o.update), deps.onOutcomes ? (tx) => deps.onOutcomes!(tx, outcomes, now) : undefined);
      holding = false;
      report.recorded = outcomes.length;
      for (const o of outcomes) {
        if (o.before.status !== o.update.state.status) {
          report.transitions.push({ monitorId: o.update.monitorId, from: o.before.status, to: o.update.state.status });
          deps.log('info', 'monitor status changed', { monitor: o.update.monitorId, from: o.before.status, to: o.update.state.status, reason: o.judgement.reason });
        }
      }
    }
    if (deps.deliverAlerts) {
      // Delivery failures are recorded per delivery; an error here (e.g. the database) must not hide the tick's work.
      report.alerts = await deps.deliverAlerts().catch((err: Error) => {
        deps.log('error', 'alert delivery step failed', { error: err.message });
        return undefined;
      });
    }
    if (deps.retentionDays) {
      const cutoff = new Date(now.getTime() - deps.retentionDays * 86400_000);
      await pruneChecks(deps.sql, cutoff, 5000, 1);
      // Settled alert events and their delivery log are kept as long as raw checks.
      await pruneAlertLog(deps.sql, cutoff);
    }
  } catch (err) {
    report.error = (err as Error).message;
    if (isDatabaseUnreachable(err)) report.databaseUnavailable = true;
    deps.log('error', 'tick failed', { error: report.error, databaseUnavailable: report.databaseUnavailable ?? false });
    // Give the claims back now if the database lets us; if not, this owner's next tick does it first thing.
    if (holding) {
      await releaseClaims(deps.sql, deps.owner, deps.clock())
        .then((n) => (report.released = n))
        .catch((e: Error) => deps.log('warn', 'claims not released; the next tick releases them', { error: e.message }));
    }
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

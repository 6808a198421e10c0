import { claimDueMonitors, releaseClaims } from '../db/tick-store.js';
import { expandSchedules } from '../db/schedule-store.js';
import { isDatabaseUnreachable } from '../db/unavailable.js';
import type { DeliveryReport } from '../alerts/deliver.js';
import { runLocationRound, updateLocationHealth, type ControlResult, type RoundReport } from './location-round.js';
import { deliverDue, evaluateClaimed, pruneOld, recordOutcomes, type CoreDeps, type Transition } from './steps.js';

export interface TickDeps extends CoreDeps {
  /** Most monitors one tick claims; the rest wait for the next tick (or another scheduler). */
  batchLimit?: number;
  /** Raw checks, and settled alert events with their delivery log, older than this many days are pruned. */
  retentionDays?: number;
  /**
   * With locations in the config: the round of this process's own location (when the config lists it) runs first,
   * then every location's health is judged; the monitors' own claims are then their interval's quorum verdicts.
   */
  locations?: { own: string | null; newId: (prefix: string) => string; control?: () => Promise<ControlResult> };
}

export interface TickReport {
  startedAt: string;
  claimed: number;
  recorded: number;
  transitions: Transition[];
  durationMs: number;
  error?: string;
  /** The tick failed because the database could not be reached (HTTP answers 503). */
  databaseUnavailable?: boolean;
  /** Claims given back after the failure (or left from an earlier failed tick of this owner). */
  released?: number;
  alerts?: DeliveryReport;
  /** The round of this process's own location (config `locations`). */
  location?: RoundReport;
}

/**
 * One tick: claim due monitors, probe them, record everything in one transaction, deliver alerts. Never throws.
 * Claims this owner still holds when a tick starts are an earlier tick's that failed before recording: they are
 * released first, so after a database outage the next tick probes every due monitor instead of waiting out the leases.
 */
export async function tick(deps: TickDeps): Promise<TickReport> {
  const now = deps.clock();
  const started = performance.now();
  const report: TickReport = { startedAt: now.toISOString(), claimed: 0, recorded: 0, transitions: [], durationMs: 0 };
  let holding = false;
  try {
    const left = await releaseClaims(deps.sql, deps.owner, now);
    if (left) report.released = left;
    // Recurring maintenance first, so a window starting now already counts for this tick's verdicts.
    await expandSchedules(deps.sql, now);
    if (deps.locations) {
      const { own, ...round } = deps.locations;
      if (own) report.location = await runLocationRound({ ...deps, ...round }, own, now, deps.batchLimit);
      await updateLocationHealth({ ...deps, ...round }, deps.clock());
    }
    const claimed = await claimDueMonitors(deps.sql, deps.owner, now, { limit: deps.batchLimit ?? 20_000, concurrency: deps.concurrency });
    report.claimed = claimed.length;
    holding = claimed.length > 0;
    if (claimed.length) {
      const outcomes = await evaluateClaimed(deps, claimed, now);
      const { recorded, transitions } = await recordOutcomes(deps, outcomes, now);
      holding = false;
      report.recorded = recorded;
      report.transitions = transitions;
    }
    const alerts = await deliverDue(deps);
    if (alerts) report.alerts = alerts;
    await pruneOld(deps.sql, now, deps.retentionDays);
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

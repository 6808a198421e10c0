// One location's round — claim its due monitors, probe them, record the reports — and what follows from reports:
// the live quorum (status, incidents, alerts) and the locations' health. Shared by the scheduler's own location,
// the agents' HTTP routes and the Workers Durable Objects.
import type postgres from 'postgres';
import { alertEvent, type AlertEvent } from '../core/alert-events.js';
import { isNetworkImpaired, locationHealth } from '../core/quorum.js';
import type { ErrorClass } from '../core/types.js';
import { insertOutboxEvents } from '../db/alert-store.js';
import { claimLocationWork, loadLocationReports, recordLocationChecks, releaseLocationClaims, setLocationImpaired } from '../db/location-store.js';
import { activeMaintenanceComponents } from '../db/maintenance-queries.js';
import { lockLocationsForHealth, lockQuorumSubjects, saveLiveQuorum, saveLocationHealth } from '../db/quorum-store.js';
import type { ClaimedMonitor, StateUpdate } from '../db/tick-store.js';
import type { MonitorOutcome } from './evaluate-monitor.js';
import { judgeQuorum } from './quorum-outcome.js';
import { probeClaimed, type CoreDeps, type Transition } from './steps.js';

/** The control probe of a round: did the location reach its canary (or the central Lookout)? */
export interface ControlResult {
  errorClass: ErrorClass | null;
}

export interface RoundReport {
  location: string;
  claimed: number;
  recorded: number;
  impaired: boolean | null;
  transitions: Transition[];
}

type RecordDeps = Pick<CoreDeps, 'sql' | 'clock' | 'log' | 'onOutcomes'> & { newId: (prefix: string) => string };

/**
 * Record one location's reports in one transaction: the checks and the location's state (idempotent per slot),
 * its network verdict when the round carried a control probe, then the quorum of every monitor it reported on —
 * written into the monitor's state and handed to the incident/alert layer at once, so an outage confirmed by the
 * quorum is announced by the report that completed it, not an interval later.
 */
export async function recordLocationRound(deps: RecordDeps, location: string, updates: readonly StateUpdate[], control: ControlResult | null, now: Date): Promise<Omit<RoundReport, 'claimed'>> {
  return deps.sql.begin(async (tx) => {
    // Locks in one order everywhere: the locations first (a round writes its own and judges all), then monitors.
    await lockLocationsForHealth(tx);
    const recorded = await recordLocationChecks(tx, location, updates, now);
    // A replayed batch (nothing new recorded) says nothing new about the location's network either.
    const fresh = updates.length === 0 || recorded.size > 0;
    const impaired = control && fresh ? isNetworkImpaired(control, updates.filter((u) => recorded.has(u.monitorId)).map((u) => u.check)) : null;
    if (impaired !== null) await setLocationImpaired(tx, location, impaired, now);
    const subjects = await lockQuorumSubjects(tx, [...recorded]);
    const reports = await loadLocationReports(tx, subjects.map((s) => s.spec.id));
    const inMaintenance = subjects.length ? await activeMaintenanceComponents(tx, now) : new Set<string>();
    const judged: MonitorOutcome[] = subjects.map((s) => judgeQuorum(s, reports.get(s.spec.id) ?? [], now, inMaintenance.has(s.componentId)));
    await saveLiveQuorum(tx, judged.map((o) => o.update));
    const moved = judged.filter((o) => o.before.status !== o.update.state.status);
    if (moved.length && deps.onOutcomes) await deps.onOutcomes(tx, moved, now);
    if (impaired !== null) await insertOutboxEvents(tx, await healthEvents(tx, now, deps.newId));
    const transitions = moved.map((o) => ({ monitorId: o.update.monitorId, from: o.before.status, to: o.update.state.status }));
    for (const t of transitions) deps.log('info', 'monitor status changed', { monitor: t.monitorId, from: t.from, to: t.to, by: location });
    return { location, recorded: recorded.size, impaired, transitions };
  });
}

/**
 * Judge every location's health (offline: no fresh report for two intervals; impaired: its latest round's
 * control probe and probes all failed to connect) and queue one location event per change. Never a monitor alert.
 */
export async function updateLocationHealth(deps: RecordDeps, now: Date): Promise<AlertEvent[]> {
  return deps.sql.begin(async (tx) => {
    const events = await healthEvents(tx, now, deps.newId);
    await insertOutboxEvents(tx, events);
    for (const e of events) deps.log('warn', 'location health changed', { location: e.data.location.id, health: e.data.health });
    return events;
  });
}

async function healthEvents(tx: postgres.TransactionSql, now: Date, newId: (prefix: string) => string) {
  const events: Array<AlertEvent & { type: `location.${string}` }> = [];
  for (const l of await lockLocationsForHealth(tx)) {
    const health = locationHealth(l.reports, l.impaired, now);
    if (health === l.health) continue;
    await saveLocationHealth(tx, l.id, health, now);
    const type = health === 'offline' ? 'location.offline' : health === 'impaired' ? 'location.impaired' : 'location.recovered';
    events.push(alertEvent(type, newId('evt'), now, { location: { id: l.id, name: l.name }, health, previousHealth: l.health, lastSeenAt: l.lastSeenAt?.toISOString() ?? null }));
  }
  return events;
}

export interface RoundDeps extends CoreDeps {
  newId: (prefix: string) => string;
  /** The control probe: the location's canary, when it has one. */
  control?: () => Promise<ControlResult>;
}

/**
 * The scheduler's own location, when the config lists it: claim, probe (with the same confirmation re-probes),
 * record. Claims of a round that failed before recording are given back.
 */
export async function runLocationRound(deps: RoundDeps, location: string, now: Date, limit = 20_000): Promise<RoundReport> {
  await releaseLocationClaims(deps.sql, location, deps.owner, now);
  const claimed: ClaimedMonitor[] = await claimLocationWork(deps.sql, location, deps.owner, now, { limit, concurrency: deps.concurrency });
  if (!claimed.length) return { location, claimed: 0, recorded: 0, impaired: null, transitions: [] };
  try {
    const [outcomes, control] = await Promise.all([probeClaimed(deps, claimed, now), deps.control?.() ?? null]);
    const report = await recordLocationRound(deps, location, outcomes.map((o) => o.update), control, deps.clock());
    return { ...report, claimed: claimed.length };
  } catch (err) {
    await releaseLocationClaims(deps.sql, location, deps.owner, deps.clock()).catch(() => 0);
    throw err;
  }
}

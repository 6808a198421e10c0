// The cron invocation's share of the Workers locations: for each location with a `locationHint`, claim its due
// monitors, let its Durable Object probe them, and record the results with the agents' rules (the same schema, the
// same 422 for a monitor the location does not probe, the same idempotent recording and live quorum).
import { createAlertingDeps } from './alerts/create.js';
import { newId } from './alerts/ids.js';
import { ResultBatch } from './agent/protocol.js';
import type { DbHandle } from './db/client.js';
import { releaseLocationClaims, syncLocations } from './db/location-store.js';
import { syncMonitorsIfChanged } from './db/sync-config-if-changed.js';
import type { Log } from './log.js';
import { claimForLocation, strayResults, updatesOf } from './scheduler/location-claims.js';
import { recordLocationRound, type RoundReport } from './scheduler/location-round.js';
import type { CoreDeps } from './scheduler/steps.js';
import { log } from './worker-app.js';
import { lookupVar, type WorkerEnv, type WorkerSettings } from './worker-env.js';

/**
 * Before the tick (or the plan): sync the config when it changed — with its locations and assignments — then run
 * the Durable Object locations' rounds, so the tick's quorum sees their reports.
 */
export async function syncAndDispatch(sql: DbHandle['sql'], settings: WorkerSettings, env: WorkerEnv): Promise<RoundReport[]> {
  const synced = await syncMonitorsIfChanged(sql, settings.specs, new Date(), settings.history);
  if (synced) log('info', 'config synced', { ...synced });
  if (synced && settings.config.locations) await syncLocations(sql, settings.config.locations, settings.specs, new Date());
  const { onOutcomes } = createAlertingDeps({ sql, config: settings.config.alerts, clock: () => new Date(), log, env: (name) => lookupVar(env, name) });
  return dispatchLocations(sql, settings, env, { log, onOutcomes });
}

/** Monitors one location's object probes per invocation (5 at a time). */
const MAX_CLAIMS = 80;

async function dispatchLocations(sql: DbHandle['sql'], settings: WorkerSettings, env: WorkerEnv, deps: { log: Log; onOutcomes?: CoreDeps['onOutcomes'] }): Promise<RoundReport[]> {
  const hinted = (settings.config.locations ?? []).filter((l) => l.locationHint);
  const namespace = env.LOCATION_PROBER;
  if (!hinted.length || !namespace) return [];
  const rounds = [];
  // Claims one after another on the invocation's small client; the objects probe side by side.
  for (const l of hinted) {
    const owner = `do:${l.id}`;
    const claims = await claimForLocation(sql, l.id, owner, new Date(), { limit: MAX_CLAIMS, concurrency: 5 });
    if (!claims.length) continue;
    const stub = namespace.get(namespace.idFromName(l.id), { locationHint: l.locationHint });
    rounds.push({ l, owner, claims, probed: stub.probe(l.id, claims, l.canary ?? null) as Promise<ResultBatch> });
  }
  const reports: RoundReport[] = [];
  for (const r of rounds) {
    try {
      const batch = ResultBatch.parse(await r.probed);
      const stray = await strayResults(sql, r.l.id, batch);
      if (stray.length) throw new Error(`results for monitors not probed there: ${stray.map((s) => s.field).join(', ')}`);
      const report = await recordLocationRound({ sql, clock: () => new Date(), log: deps.log, onOutcomes: deps.onOutcomes, newId }, r.l.id, updatesOf(batch), batch.control ?? null, new Date());
      reports.push({ ...report, claimed: r.claims.length });
    } catch (err) {
      deps.log('error', 'location round failed; its claims are released', { location: r.l.id, error: (err as Error).message });
      await releaseLocationClaims(sql, r.l.id, r.owner, new Date()).catch(() => 0);
    }
  }
  return reports;
}

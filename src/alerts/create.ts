import type postgres from 'postgres';
import type { AlertsConfig } from '../config/schema.js';
import { syncConfigEndpoints } from '../db/alert-endpoint-store.js';
import type { Log } from '../log.js';
import type { TickDeps } from '../scheduler/tick.js';
import { deliverDueAlerts } from './deliver.js';
import { storedEndpointUrl } from './endpoint-url.js';
import { newId } from './ids.js';
import { incidentPolicyOf } from './policy.js';
import { recordAlertOutcomes } from './record-outcomes.js';

export interface AlertingOptions {
  sql: postgres.Sql;
  config: AlertsConfig;
  clock: () => Date;
  log: Log;
  env: (name: string) => string | undefined;
  fetch?: typeof fetch;
  /** Delivery requests in flight at once (Workers: keep ≤ 4 beside the database connections). */
  concurrency?: number;
  newId?: (prefix: string) => string;
}

/**
 * The incident and alert layer as tick dependencies — the one call both entry points make:
 * `tick({ ...deps, ...createAlertingDeps({ sql, config: config.alerts, clock, log, env }) })`.
 */
export function createAlertingDeps(o: AlertingOptions): Pick<TickDeps, 'onOutcomes' | 'deliverAlerts'> {
  return {
    onOutcomes: createIncidentRecorder(o.config, o.newId),
    deliverAlerts: () =>
      deliverDueAlerts({ sql: o.sql, clock: o.clock, log: o.log, env: o.env, retryScheduleS: o.config.retrySchedule, fetch: o.fetch, concurrency: o.concurrency }),
  };
}

/** The incident/alert step alone, for a path that records outcomes and leaves delivery to the next tick (a Worker's agent routes). */
export function createIncidentRecorder(config: AlertsConfig, ids: (prefix: string) => string = newId): NonNullable<TickDeps['onOutcomes']> {
  const policy = incidentPolicyOf(config);
  return (tx, outcomes, now) => recordAlertOutcomes(tx, outcomes, now, { policy, newId: ids });
}

/** Make the database's config endpoints match the config file (at start, beside the monitor sync). */
export async function syncAlertEndpoints(sql: postgres.Sql, config: AlertsConfig, now: Date): Promise<void> {
  await syncConfigEndpoints(sql, config.endpoints.map((e) => ({
    id: e.id, name: e.name ?? e.id, kind: e.kind, url: storedEndpointUrl(e.url), secrets: e.secret ? [e.secret] : [], events: e.events ?? [],
  })), now);
}

/**
 * Workers have no start-up: sync the config's endpoints only when they differ from the last sync (one indexed
 * read per invocation otherwise), like syncMonitorsIfChanged.
 */
export async function syncAlertEndpointsIfChanged(sql: postgres.Sql, config: AlertsConfig, now: Date): Promise<boolean> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(config.endpoints)));
  const fingerprint = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const [row] = await sql<{ value: unknown }[]>`select value from meta where key = 'alert_endpoints_fingerprint'`;
  if (row?.value === fingerprint) return false;
  await syncAlertEndpoints(sql, config, now);
  await sql`insert into meta (key, value, updated_at) values ('alert_endpoints_fingerprint', ${JSON.stringify(fingerprint)}::text::jsonb, ${now.toISOString()}::timestamptz)
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`;
  return true;
}

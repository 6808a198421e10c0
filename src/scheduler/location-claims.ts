// The claim/result protocol of a location, shared by the agents' HTTP routes and the Workers Durable Objects: claims
// leave as plain JSON (what evaluateMonitor starts from), results come back through the same schema and checks.
import type postgres from 'postgres';
import type { z } from 'zod';
import type { AgentClaim, ResultBatch } from '../agent/protocol.js';
import { assignedMonitors, claimLocationWork } from '../db/location-store.js';
import { activeMaintenanceComponents } from '../db/maintenance-queries.js';
import type { StateUpdate } from '../db/tick-store.js';

/** Claim a location's due monitors (leased to `owner`) as the claims a location probes. */
export async function claimForLocation(sql: postgres.Sql, location: string, owner: string, now: Date, opts: { limit: number; concurrency: number }): Promise<AgentClaim[]> {
  const claimed = await claimLocationWork(sql, location, owner, now, opts);
  const maintenance = claimed.length ? await activeMaintenanceComponents(sql, now) : new Set<string>();
  return claimed.map((m) => ({
    monitorId: m.spec.id, slot: m.slot.toISOString(), spec: m.spec, state: m.state, firstFailureAt: m.firstFailureAt?.toISOString() ?? null,
    certExpiresAt: m.certExpiresAt?.toISOString() ?? null, lastCheckAt: m.lastCheckAt?.toISOString() ?? null, inMaintenance: maintenance.has(m.componentId),
  }));
}

/** Results for monitors the location does not probe, as field errors (the whole batch is then refused). */
export async function strayResults(sql: postgres.Sql, location: string, batch: z.output<typeof ResultBatch>): Promise<Array<{ field: string; message: string }>> {
  const assigned = await assignedMonitors(sql, location, [...new Set(batch.results.map((r) => r.monitorId))]);
  return batch.results.flatMap((r, i) => (assigned.has(r.monitorId) ? [] : [{ field: `results.${i}.monitorId`, message: `monitor "${r.monitorId}" is not probed from location "${location}"` }]));
}

/** A validated batch as the state updates recordLocationRound records. */
export function updatesOf(batch: z.output<typeof ResultBatch>): StateUpdate[] {
  return batch.results.map((r) => ({
    monitorId: r.monitorId, state: r.state, statusSince: null, firstFailureAt: r.firstFailureAt,
    check: {
      monitorId: r.monitorId, at: r.at, verdict: r.verdict, inMaintenance: r.inMaintenance, latencyMs: r.latencyMs, statusCode: r.statusCode,
      dnsMs: r.dnsMs, connectMs: r.connectMs, tlsMs: r.tlsMs, firstByteMs: r.firstByteMs, errorClass: r.errorClass, error: r.error,
      attempts: r.attempts, certExpiresAt: r.certExpiresAt, slot: r.slot,
    },
  }));
}

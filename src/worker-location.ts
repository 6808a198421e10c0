// A probing location on Workers: one Durable Object per location, created with the location's `locationHint` (the
// hint applies at creation only), so its probes leave from that region. It holds no database socket: the cron
// invocation claims the location's due monitors, hands them here, and records what comes back.
import { DurableObject } from 'cloudflare:workers';
import type { AgentClaim, ResultBatch } from './agent/protocol.js';
import { probeClaims } from './agent/round.js';
import { createWorkerProbe } from './probe/worker-probe.js';
import { lookupVar, type WorkerEnv } from './worker-env.js';

/** Probes in flight at once in one object: an invocation may hold 6 connections. */
const PROBE_CONCURRENCY = 5;

export class LocationProber extends DurableObject<WorkerEnv> {
  /** One round of `location`'s claims, probed with the fetch prober and the same confirmation re-probes as anywhere. */
  async probe(location: string, claims: AgentClaim[], canary: string | null): Promise<ResultBatch> {
    const probe = createWorkerProbe({ env: (name) => lookupVar(this.env, name), location });
    return probeClaims({ probe, concurrency: PROBE_CONCURRENCY, clock: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, claims, canary);
  }
}

// One round of a probe agent: claim from the central Lookout, probe with the same prober and confirmation
// re-probes as the scheduler, probe the canary, post the results. Talks HTTP(S) to the central, never to a database.
import type { MonitorOutcome } from '../scheduler/evaluate-monitor.js';
import { evaluateMonitor } from '../scheduler/evaluate-monitor.js';
import { mapBounded } from '../scheduler/map-bounded.js';
import type { ClaimedMonitor } from '../db/tick-store.js';
import type { Log } from '../log.js';
import { probeControl } from '../probe/control-probe.js';
import type { Probe } from '../probe/types.js';
import type { AgentClaim, ClaimAnswer, ResultBatch } from './protocol.js';

export interface AgentDeps {
  centralUrl: string;
  location: string;
  token: string;
  probe: Probe;
  concurrency: number;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  log: Log;
  fetch?: typeof fetch;
}

export interface AgentRoundReport {
  claimed: number;
  recorded: number;
  duplicates: number;
  impaired: boolean | null;
}

/** Post attempts of one batch: a batch is keyed by slot, so posting it again after a lost answer records nothing twice. */
const POST_ATTEMPTS = 4;

async function call<T>(deps: AgentDeps, path: string, body: unknown): Promise<T> {
  const res = await (deps.fetch ?? fetch)(`${deps.centralUrl}/api/v1/agent/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${deps.token}`, 'x-lookout-location': deps.location, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw Object.assign(new Error(`central answered ${res.status} to ${path}: ${text.slice(0, 300)}`), { status: res.status });
  return JSON.parse(text) as T;
}

function claimedOf(c: AgentClaim, claimedAt: Date): ClaimedMonitor {
  return {
    spec: c.spec, componentId: '', state: c.state, statusSince: null, firstFailureAt: c.firstFailureAt ? new Date(c.firstFailureAt) : null,
    slot: new Date(c.slot), certExpiresAt: c.certExpiresAt ? new Date(c.certExpiresAt) : null, lastCheckAt: c.lastCheckAt ? new Date(c.lastCheckAt) : null,
    beat: null, createdAt: claimedAt, claimedAt,
  };
}

function resultOf(o: MonitorOutcome): ResultBatch['results'][number] {
  const c = o.update.check;
  return {
    monitorId: c.monitorId, slot: (c.slot ?? c.at).toISOString(), at: c.at.toISOString(), verdict: c.verdict, statusCode: c.statusCode,
    latencyMs: c.latencyMs, dnsMs: c.dnsMs, connectMs: c.connectMs, tlsMs: c.tlsMs, firstByteMs: c.firstByteMs, errorClass: c.errorClass,
    error: c.error?.slice(0, 2000) ?? null, attempts: c.attempts, certExpiresAt: c.certExpiresAt?.toISOString() ?? null, inMaintenance: c.inMaintenance,
    state: o.update.state, firstFailureAt: o.update.firstFailureAt?.toISOString() ?? null,
  };
}

/**
 * Probe a location's claims as the scheduler would (the same prober and confirmation re-probes), and its canary
 * beside them: the batch a location posts. Shared by the agents and the Workers Durable Objects.
 */
export async function probeClaims(deps: Pick<AgentDeps, 'probe' | 'concurrency' | 'clock' | 'sleep'>, claims: readonly AgentClaim[], canary: string | null): Promise<ResultBatch> {
  const now = deps.clock();
  const [outcomes, control] = await Promise.all([
    mapBounded(claims, deps.concurrency, (c) => evaluateMonitor(claimedOf(c, now), deps.probe, deps.sleep, c.inMaintenance)),
    canary ? probeControl(deps.probe, canary) : undefined,
  ]);
  return { results: outcomes.map(resultOf), ...(control ? { control } : {}) };
}

/** Claim, probe, post. Throws when the central cannot be reached or refuses (the caller logs and tries again). */
export async function runAgentRound(deps: AgentDeps): Promise<AgentRoundReport> {
  const answer = await call<ClaimAnswer>(deps, 'claim', { concurrency: deps.concurrency });
  if (!answer.claims.length) return { claimed: 0, recorded: 0, duplicates: 0, impaired: null };
  const batch = await probeClaims(deps, answer.claims, answer.canary ?? `${deps.centralUrl}/healthz`);
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await call<{ recorded: number; duplicates: number; impaired: boolean | null }>(deps, 'results', batch);
      return { claimed: answer.claims.length, ...r };
    } catch (err) {
      const status = (err as { status?: number }).status;
      // A refused batch (4xx) would be refused again; anything else (the network, a 5xx) is retried.
      if (attempt >= POST_ATTEMPTS || (status !== undefined && status >= 400 && status < 500)) throw err;
      deps.log('warn', 'posting results failed; retrying', { attempt, error: (err as Error).message });
      await deps.sleep(500 * 2 ** attempt);
    }
  }
}

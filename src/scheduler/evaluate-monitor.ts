import { foldVerdict, needsReprobe, type ConfirmState } from '../core/confirm.js';
import { judgeHeartbeat } from '../core/heartbeat.js';
import type { ProbeResult } from '../core/types.js';
import { certificateThreshold, judgeProbe, type Judgement } from '../core/verdict.js';
import type { ClaimedMonitor, StateUpdate } from '../db/tick-store.js';
import type { Probe } from '../probe/types.js';

export interface MonitorOutcome {
  update: StateUpdate;
  before: ConfirmState;
  judgement: Judgement;
  /** Set when this check crossed a certificate threshold the previous one had not (one event per threshold). */
  certificateCrossed?: { threshold: 'warn' | 'down'; expiresAt: Date; daysLeft: number };
}

const THRESHOLD_RANK = { warn: 1, down: 2 } as const;

/** The threshold this check is past and the previous one was not, if any; only for monitors that judge a certificate. */
function crossedCertificate(m: ClaimedMonitor, result: ProbeResult): MonitorOutcome['certificateCrossed'] {
  const policy = m.spec.type === 'dns' || m.spec.type === 'heartbeat' ? null : (m.spec.certificateExpiry ?? null);
  const now = certificateThreshold(result.certExpiresAt, result.at, policy);
  if (!now || !result.certExpiresAt) return undefined;
  const before = m.lastCheckAt ? certificateThreshold(m.certExpiresAt, m.lastCheckAt, policy) : null;
  if (before && THRESHOLD_RANK[before] >= THRESHOLD_RANK[now]) return undefined;
  return { threshold: now, expiresAt: result.certExpiresAt, daysLeft: Math.floor((result.certExpiresAt.getTime() - result.at.getTime()) / 86_400_000) };
}

/**
 * Probe one monitor, re-probing after `retryDelayMs` while the result disagrees with the confirmed status and
 * the streak could still change it (fast confirmation). The interval's check is the last probe; `attempts`
 * says how many it took, so uptime counts one check per interval however many re-probes ran.
 */
export async function evaluateMonitor(
  m: ClaimedMonitor,
  probe: Probe,
  sleep: (ms: number) => Promise<void>,
  inMaintenance: boolean,
): Promise<MonitorOutcome> {
  const { spec } = m;
  let state = m.state;
  let firstFailureAt = m.firstFailureAt;
  let attempts = 0;
  for (;;) {
    if (attempts > 0) await sleep(spec.retryDelayMs);
    // A heartbeat asks nothing of the network: its check is the latest beat judged at the claim's time.
    const result = spec.type === 'heartbeat' ? judgeHeartbeat(spec, m.beat, m.createdAt, m.claimedAt) : await probe(spec);
    const judged = judgeProbe(result, spec);
    // Redacted here, before the reason is stored, logged, put in an incident or an alert: secrets stay in the prober.
    const judgement = judged.reason && probe.redact && spec.type !== 'heartbeat' ? { ...judged, reason: probe.redact(spec, judged.reason) } : judged;
    attempts++;
    if (judgement.verdict === 'down' && state.failStreak === 0) firstFailureAt = result.at;
    state = foldVerdict(state, judgement.verdict, spec);
    if (state.status !== 'down' && state.failStreak === 0) firstFailureAt = null;
    if (!needsReprobe(state, spec)) {
      const changed = state.status !== m.state.status;
      const certificateCrossed = crossedCertificate(m, result);
      return {
        before: m.state,
        judgement,
        ...(certificateCrossed ? { certificateCrossed } : {}),
        update: {
          monitorId: spec.id,
          state,
          statusSince: changed || !m.statusSince ? result.at : m.statusSince,
          firstFailureAt,
          check: {
            monitorId: spec.id,
            at: result.at,
            verdict: judgement.verdict,
            inMaintenance,
            latencyMs: result.timings.totalMs,
            statusCode: result.statusCode,
            dnsMs: result.timings.dnsMs,
            connectMs: result.timings.connectMs,
            tlsMs: result.timings.tlsMs,
            firstByteMs: result.timings.firstByteMs,
            errorClass: judgement.errorClass,
            error: judgement.reason,
            attempts,
            certExpiresAt: result.certExpiresAt,
            slot: m.slot,
          },
        },
      };
    }
  }
}

// A monitor probed from several locations is judged, not probed, by the scheduler: its verdict is the quorum of
// the locations' latest reports (core/quorum.ts), with the failure signature of those that vote.
import type { ConfirmState } from '../core/confirm.js';
import { describeSignature, failureSignature, type FailureSignature } from '../core/failure-signature.js';
import type { MonitorSpec } from '../core/monitor.js';
import { evaluateQuorum, majorityOf, QUORUM_LOCATION, type QuorumVerdict } from '../core/quorum.js';
import type { ConfirmedStatus } from '../core/statuses.js';
import type { ErrorClass } from '../core/types.js';
import type postgres from 'postgres';
import { loadLocationReports, type LocationReportRow } from '../db/location-store.js';
import { lockQuorumSubjects } from '../db/quorum-store.js';
import type { MonitorOutcome } from './evaluate-monitor.js';

/** The monitor as the quorum starts from it: its spec and the monitor-level state of the previous verdict. */
export interface QuorumSubject {
  spec: MonitorSpec;
  state: ConfirmState;
  statusSince: Date | null;
  firstFailureAt: Date | null;
  /** The interval slot being decided (the monitor's due time); null on the live path, which stores no check. */
  slot: Date | null;
}

/** What is stored with the monitor's state: the signature of the voting locations, and the quorum that judged it. */
interface StoredSignature extends FailureSignature {
  quorum: number;
  status: QuorumVerdict['status'];
  locations: Array<{ id: string; name: string; status: ConfirmedStatus; lastCheck: string | null; voting: boolean }>;
}

/**
 * Judge one monitor from its locations' latest reports. The outcome has the shape of a probed one, so it is
 * recorded, alerted and shown the same way: its check (location "quorum", the interval's slot) is the interval's
 * one verdict for uptime; `withoutCheck` when too few locations could vote (no data).
 */
export function judgeQuorum(m: QuorumSubject, reports: readonly LocationReportRow[], now: Date, inMaintenance: boolean): MonitorOutcome {
  const quorum = m.spec.quorum ?? majorityOf(reports.length);
  const verdict = evaluateQuorum(
    reports.map((r) => ({ location: r.location, name: r.name, status: r.status, lastReportAt: r.lastCheckAt, impaired: r.impaired })),
    quorum, m.spec.intervalSeconds, now,
  );
  const voters = reports.filter((r) => verdict.voting.includes(r.location));
  const sig = failureSignature(voters);
  const status: ConfirmedStatus = verdict.status === 'nodata' ? 'unknown' : verdict.status;
  const reason = verdict.status === 'down' ? describeSignature(sig) : verdict.reason;
  const failing = voters.filter((r) => r.status === 'down');
  const errorClass = mostCommon(failing.map((r) => r.errorClass).filter((e): e is ErrorClass => e !== null));
  const changed = status !== m.state.status;
  const since = sig.since ? new Date(sig.since) : now;
  const firstFailureAt = failing.length ? (m.firstFailureAt && m.firstFailureAt <= since ? m.firstFailureAt : since) : null;
  const latencies = voters.map((r) => r.latencyMs).filter((l): l is number => l !== null).sort((a, b) => a - b);
  const signature: StoredSignature = {
    ...sig, quorum, status: verdict.status,
    locations: reports.map((r) => ({ id: r.location, name: r.name, status: r.status, lastCheck: r.lastCheckAt?.toISOString() ?? null, voting: verdict.voting.includes(r.location) })),
  };
  const checkVerdict = status === 'unknown' ? 'up' : status;
  return {
    before: m.state,
    judgement: { verdict: checkVerdict, errorClass: status === 'down' ? errorClass : null, reason },
    update: {
      monitorId: m.spec.id,
      state: { status, failStreak: failing.length, okStreak: voters.length - failing.length },
      statusSince: changed || !m.statusSince ? now : m.statusSince,
      firstFailureAt,
      withoutCheck: verdict.status === 'nodata',
      signature,
      check: {
        monitorId: m.spec.id, at: now, location: QUORUM_LOCATION, verdict: checkVerdict, inMaintenance,
        latencyMs: latencies[Math.floor(latencies.length / 2)] ?? 0,
        statusCode: failing[0]?.statusCode ?? voters[0]?.statusCode ?? null,
        dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null,
        errorClass: status === 'down' ? errorClass : null, error: reason, attempts: 1, certExpiresAt: null, slot: m.slot,
      },
    },
  };
}

/** Whether an outcome is an interval's quorum verdict (rather than a probe's). */
export function isQuorumOutcome(o: MonitorOutcome): boolean {
  return o.update.check.location === QUORUM_LOCATION;
}

/**
 * The quorum verdicts among `outcomes` judged again in the recording transaction: the monitors' rows locked (in
 * id order, as a location's round locks them), their reports read afresh. Probed outcomes pass through.
 */
export async function rejudgeQuorum(tx: postgres.TransactionSql, outcomes: readonly MonitorOutcome[], now: Date): Promise<MonitorOutcome[]> {
  const ids = outcomes.filter(isQuorumOutcome).map((o) => o.update.monitorId);
  const subjects = new Map((await lockQuorumSubjects(tx, ids)).map((s) => [s.spec.id, s]));
  const reports = await loadLocationReports(tx, [...subjects.keys()]);
  return outcomes.map((o) => {
    const s = isQuorumOutcome(o) ? subjects.get(o.update.monitorId) : undefined;
    return s ? judgeQuorum({ ...s, slot: o.update.check.slot ?? null }, reports.get(s.spec.id) ?? [], now, o.update.check.inMaintenance) : o;
  });
}

function mostCommon<T>(xs: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null;
  for (const [x, n] of counts) if (best === null || n > counts.get(best)!) best = x;
  return best;
}

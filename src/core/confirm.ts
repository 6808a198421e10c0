import type { ConfirmedStatus, Verdict } from './statuses.js';

/** A monitor's confirmed status and the streak that may change it. */
export interface ConfirmState {
  /** The confirmed status: 'unknown' until the first decision. */
  status: ConfirmedStatus;
  /** Consecutive failed probes (reset by any success). */
  failStreak: number;
  /** Consecutive successful probes (reset by any failure). */
  okStreak: number;
}

export interface ConfirmPolicy {
  failuresBeforeDown: number;
  successesBeforeUp: number;
}

export const INITIAL_CONFIRM_STATE: ConfirmState = { status: 'unknown', failStreak: 0, okStreak: 0 };

/**
 * Fold one probe verdict into the confirmed state.
 *
 * | confirmed       | verdict       | becomes                                           |
 * |-----------------|---------------|---------------------------------------------------|
 * | unknown         | up/degraded   | that verdict at once (first data, nothing to confirm) |
 * | unknown         | down          | down once failStreak ≥ failuresBeforeDown         |
 * | up/degraded     | up/degraded   | that verdict (latency flips freely, no alert)     |
 * | up/degraded     | down          | down once failStreak ≥ failuresBeforeDown         |
 * | down            | down          | down                                              |
 * | down            | up/degraded   | that verdict once okStreak ≥ successesBeforeUp    |
 */
export function foldVerdict(state: ConfirmState, verdict: Verdict, policy: ConfirmPolicy): ConfirmState {
  const failed = verdict === 'down';
  const failStreak = failed ? state.failStreak + 1 : 0;
  const okStreak = failed ? 0 : state.okStreak + 1;
  let status = state.status;
  if (failed) {
    if (status !== 'down' && failStreak >= policy.failuresBeforeDown) status = 'down';
  } else if (status !== 'down' || okStreak >= policy.successesBeforeUp) {
    status = verdict;
  }
  return { status, failStreak, okStreak };
}

/**
 * Whether to probe again within the same tick: the latest probe disagrees with the confirmed status and the
 * streak has not yet reached the threshold that would change it. This is "fast confirmation": a real outage is
 * confirmed in seconds, and a single blip is retried instead of being believed.
 */
export function needsReprobe(state: ConfirmState, policy: ConfirmPolicy): boolean {
  if (state.failStreak > 0 && state.status !== 'down') return state.failStreak < policy.failuresBeforeDown;
  if (state.okStreak > 0 && state.status === 'down') return state.okStreak < policy.successesBeforeUp;
  return false;
}


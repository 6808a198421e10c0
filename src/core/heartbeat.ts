import type { HeartbeatBeat, HeartbeatMonitorSpec } from './monitor.js';
import type { ProbeResult } from './types.js';

/**
 * A heartbeat monitor's check at `now`, decided by the tick from the latest beat: a probe that asks nothing of the
 * network. Down (heartbeat_failed) when the latest beat reported failure; down (heartbeat_missed) when no beat came
 * within period + grace of the latest one, or of `since` (when the monitor was added) if none ever came.
 */
export function judgeHeartbeat(spec: Pick<HeartbeatMonitorSpec, 'periodSeconds' | 'graceSeconds'>, beat: HeartbeatBeat | null, since: Date, now: Date): ProbeResult {
  const result = (errorClass: ProbeResult['errorClass'], error: string | null): ProbeResult => ({
    at: now, ok: errorClass === null, statusCode: null, errorClass, error, body: null, bodyTruncated: false, certExpiresAt: null,
    timings: { dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: 0 },
  });
  const from = beat?.at ?? since;
  const due = from.getTime() + (spec.periodSeconds + spec.graceSeconds) * 1000;
  if (now.getTime() > due) {
    return result('heartbeat_missed', beat ? `no heartbeat since ${beat.at.toISOString()} (period ${spec.periodSeconds} s + grace ${spec.graceSeconds} s)` : `no heartbeat yet (period ${spec.periodSeconds} s + grace ${spec.graceSeconds} s)`);
  }
  if (beat?.failed) return result('heartbeat_failed', `the job reported a failure at ${beat.at.toISOString()}`);
  return result(null, null);
}

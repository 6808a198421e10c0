/**
 * Uptime, defined once for all of Lookout:
 *
 *   uptime = (up + degraded checks) ÷ (up + degraded + down checks)
 *
 * Each check is one interval's final verdict (re-probes within a tick count once). Checks taken during
 * maintenance are excluded. With no checks in the window, uptime is null ("no data"), never 100 %.
 */
export interface StatusCounts {
  up: number;
  degraded: number;
  down: number;
  /** Checks taken during maintenance: shown, never counted. */
  maintenance: number;
}

export const UPTIME_RULE =
  'Uptime is the share of checks that succeeded (degraded counts as up) among all checks in the period; checks during maintenance are excluded, and periods without checks show as no data.';

export function uptimeOf(c: StatusCounts): number | null {
  const counted = c.up + c.degraded + c.down;
  return counted === 0 ? null : (c.up + c.degraded) / counted;
}

/** Uptime as a person reads it: "99.95 %", or "no data". Never rounds a failure up to 100 %. */
export function formatUptime(u: number | null): string {
  if (u === null) return 'no data';
  if (u < 1 && u >= 0.99995) return '99.99 %';
  return `${(Math.floor(u * 10000) / 100).toFixed(2)} %`;
}

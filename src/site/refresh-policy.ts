// When a scheduled tick republishes the site. A refresh reads every rollup and renders and compresses every public
// answer: on a tick that changed nothing it buys only a newer "as of" (the page states the newest check's time, so
// a later refresh is never dishonest), and at 1,000 monitors it was the largest cost after probing (bench:steady).

/** What a tick reports that matters to the site. */
interface TickOutcome {
  transitions: readonly unknown[];
  error?: string;
}

/**
 * True when the site should be refreshed after a scheduled tick: a monitor changed status (incidents open and
 * resolve with those), the tick failed (a refresh then marks the site stale if the database is gone), or the last
 * refresh is `maxAgeMs` old. Admin writes and admin-run ticks refresh regardless, elsewhere.
 */
export function refreshAfterTick(tick: TickOutcome, lastRefreshMs: number, nowMs: number, maxAgeMs: number): boolean {
  return tick.transitions.length > 0 || tick.error !== undefined || nowMs - lastRefreshMs >= maxAgeMs;
}

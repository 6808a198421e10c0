/**
 * A fixed-window counter per key, in memory: per process on Node, per isolate on Workers (so a limit there is per
 * isolate, which is enough to keep a flood off the database). Owned by the app that creates it, never module state.
 */
export function createRateLimiter(limit: number, windowMs: number, clock: () => Date) {
  let windowStart = 0;
  let counts = new Map<string, number>();
  const roll = () => {
    const now = clock().getTime();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      counts = new Map();
    }
  };
  return {
    /** Counts one request for `key`; false once `key` went over the limit in this window. */
    hit(key: string): boolean {
      roll();
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= limit;
    },
    /** Whether `key` has used up this window (counts nothing). */
    exhausted(key: string): boolean {
      roll();
      return (counts.get(key) ?? 0) >= limit;
    },
  };
}

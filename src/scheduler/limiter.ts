/**
 * At most `slots` calls of `run` in flight at once; the others wait their turn, first come first served. The Workers
 * runtime lets an invocation wait on 6 connections and queues the rest itself, which would count their waiting in the
 * probes' latencies — and miniflare does not enforce the limit at all, so Lookout keeps its own count.
 */
export function createLimiter(slots: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    // A freed slot is handed straight to the next waiter, so `active` never drops below the load it carries.
    if (active < slots) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

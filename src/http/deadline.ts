import type { MiddlewareHandler } from 'hono';
import { type DatabaseGate, DatabaseUnavailableError, isDatabaseUnreachable } from '../db/unavailable.js';

/** How long a route that needs the database may take before it answers 503 instead. */
const DATABASE_DEADLINE_MS = 4000;

/**
 * Bounded waits for a route that reads or writes the database. While the gate is closed (the database was just
 * found unreachable) the request is refused at once; otherwise, if the handler has not answered within `ms`, the
 * request fails with DatabaseUnavailableError. Both become a 503 problem+json in the one onError, never a hang.
 * The handler is not cancelled; its late result is dropped. A write it was making may still land once the database
 * answers: a 503 says "not confirmed", as any timeout does.
 */
export function databaseDeadline(gate: DatabaseGate, ms = DATABASE_DEADLINE_MS): MiddlewareHandler {
  return async (c, next) => {
    const entry = gate.enter();
    if (!entry.go) throw new DatabaseUnavailableError('the database is unreachable (failing fast until it answers again)');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handled = next();
    // Whatever the handler does after the deadline has passed is nobody's to catch.
    handled.catch(() => undefined);
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseUnavailableError(`the database did not answer within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([handled, expired]);
      // Hono has already turned a handler's error into the response; it is kept on the context.
      entry.done(isDatabaseUnreachable(c.error));
    } catch (err) {
      entry.done(isDatabaseUnreachable(err));
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
}

import type { MiddlewareHandler } from 'hono';
import { DatabaseUnavailableError } from '../db/unavailable.js';

/** How long a route that needs the database may take before it answers 503 instead. */
export const DATABASE_DEADLINE_MS = 4000;

/**
 * A deadline on a route that reads or writes the database: if the handler has not answered within `ms`, the
 * request fails with DatabaseUnavailableError (503 problem+json from the one onError) rather than hanging while the
 * driver waits for a server that is gone. The handler is not cancelled; its late result is dropped. A write it
 * was making may still land once the database answers: a 503 says "not confirmed", as any timeout does.
 */
export function databaseDeadline(ms = DATABASE_DEADLINE_MS): MiddlewareHandler {
  return async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const handled = next();
    // Whatever the handler does after the deadline has passed is nobody's to catch.
    handled.catch(() => undefined);
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DatabaseUnavailableError(`the database did not answer within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([handled, expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}

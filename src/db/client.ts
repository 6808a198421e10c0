import postgres from 'postgres';

export interface DbHandle {
  sql: postgres.Sql;
  close(): Promise<void>;
}

/** Seconds to wait for a new connection before the query fails with CONNECT_TIMEOUT. */
const CONNECT_TIMEOUT_S = 3;
/** Longest pause (seconds) postgres.js takes between failed connection attempts. */
const MAX_RECONNECT_DELAY_S = 0.5;

/**
 * Waits on an unreachable database are bounded here. postgres.js parks a query while it reconnects, and its default
 * backoff grows to ~20 s per attempt (queries queued behind a busy pool wait several of those in turn): reads hung
 * for 36 s during an outage. With a short connect timeout and a capped backoff a query against a database that is
 * down fails in well under a second (refused) or after CONNECT_TIMEOUT_S (unanswered); HTTP puts its own deadline
 * on top (src/http/deadline.ts) and answers 503. Once the server is back the next attempt connects at once.
 */
function reconnectDelayS(retries: number): number {
  return Math.min(MAX_RECONNECT_DELAY_S, 0.05 * 2 ** Math.min(retries, 10));
}

/**
 * One driver everywhere: postgres.js for a URL, a Hyperdrive connection string, or the embedded server.
 * Queries are plain postgres.js tagged templates (batched jsonb statements on the hot path); drizzle owns the
 * schema and the migrations. Workers want a small pool per invocation and no type fetching.
 */
export function connectDb(url: string, opts: { max?: number; workers?: boolean } = {}): DbHandle {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    fetch_types: !opts.workers,
    onnotice: () => undefined,
    connect_timeout: CONNECT_TIMEOUT_S,
    backoff: reconnectDelayS,
    idle_timeout: opts.workers ? undefined : 60,
  });
  return { sql, close: () => sql.end({ timeout: 5 }) };
}

import postgres from 'postgres';

export interface DbHandle {
  sql: postgres.Sql;
  close(): Promise<void>;
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
    connect_timeout: 10,
    idle_timeout: opts.workers ? undefined : 60,
  });
  return { sql, close: () => sql.end({ timeout: 5 }) };
}

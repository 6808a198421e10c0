import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Apply the SQL migrations in drizzle/ (Node; Workers run against a database migrated by Node or CI).
 * Its own short-lived connection: drizzle changes the type parsers of the client it wraps, and an advisory
 * lock keeps two Lookout processes starting at once from applying the same migration twice.
 */
export async function applyMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`select pg_advisory_lock(74201)`;
    await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS });
  } finally {
    await sql`select pg_advisory_unlock(74201)`.catch(() => undefined);
    await sql.end({ timeout: 5 });
  }
}

// Console sessions (auth/session.ts): kept by the hash of the cookie's value, ended server-side on sign-out.
import type postgres from 'postgres';

export interface SessionRow {
  tokenHash: string;
  csrf: string;
  expiresAt: Date;
}

export async function insertSession(sql: postgres.Sql, s: { idHash: string; tokenHash: string; csrf: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await sql`insert into admin_sessions (id_hash, token_hash, csrf, created_at, expires_at)
    values (${s.idHash}, ${s.tokenHash}, ${s.csrf}, ${s.createdAt.toISOString()}::timestamptz, ${s.expiresAt.toISOString()}::timestamptz)`;
}

/** The live session with this id hash at `now`: not signed out, not expired. */
export async function findSession(sql: postgres.Sql, idHash: string, now: Date): Promise<SessionRow | null> {
  const [row] = await sql<SessionRow[]>`select token_hash as "tokenHash", csrf, expires_at as "expiresAt" from admin_sessions
    where id_hash = ${idHash} and ended_at is null and expires_at > ${now.toISOString()}::timestamptz`;
  return row ?? null;
}

export async function endSession(sql: postgres.Sql, idHash: string, now: Date): Promise<void> {
  await sql`update admin_sessions set ended_at = ${now.toISOString()}::timestamptz where id_hash = ${idHash} and ended_at is null`;
}

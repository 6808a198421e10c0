// The audit log: one row per write made through the admin API or the console, kept like every other record. A write
// is recorded before it runs and completed after (or removed when it was refused), so none goes unrecorded.
import type postgres from 'postgres';

export interface AuditEntry {
  at: Date;
  tokenName: string;
  via: 'api' | 'console';
  method: string;
  /** The route as declared (`/api/v1/admin/incidents/:id/updates`), so entries group by what was done. */
  route: string;
  /** The row written (the id in the path, or the one created), when known. */
  target: string | null;
  /** The answer's status; null while the write runs, or when the process stopped before it answered. */
  status: number | null;
}

/** Record a write about to run (its route is the concrete path until it is known); returns the row's id. */
export async function openAudit(sql: postgres.Sql, e: Omit<AuditEntry, 'target' | 'status'>): Promise<number> {
  const [row] = await sql<[{ id: number }]>`insert into audit_log (at, token_name, via, method, route, target, status)
    values (${e.at.toISOString()}::timestamptz, ${e.tokenName}, ${e.via}, ${e.method}, ${e.route}, null, null) returning id::int as id`;
  return row.id;
}

/** Complete a write's row with what it did. */
export async function closeAudit(sql: postgres.Sql, id: number, done: { route: string; target: string | null; status: number }): Promise<void> {
  await sql`update audit_log set route = ${done.route}, target = ${done.target}, status = ${done.status} where id = ${id}`;
}

/** Remove the row of a write that was refused: it changed nothing, so it leaves nothing. */
export async function dropAudit(sql: postgres.Sql, id: number): Promise<void> {
  await sql`delete from audit_log where id = ${id}`;
}

/** A write recorded in one step (sign-in and sign-out, which write their own row). */
export async function insertAudit(sql: postgres.Sql, e: AuditEntry): Promise<void> {
  await sql`insert into audit_log (at, token_name, via, method, route, target, status)
    values (${e.at.toISOString()}::timestamptz, ${e.tokenName}, ${e.via}, ${e.method}, ${e.route}, ${e.target}, ${e.status})`;
}

/** Newest first; optionally one token's writes only. */
export async function listAudit(sql: postgres.Sql, opts: { limit: number; tokenName?: string }): Promise<Array<AuditEntry & { id: number }>> {
  return sql<Array<AuditEntry & { id: number }>>`
    select id::int as id, at, token_name as "tokenName", via, method, route, target, status from audit_log
    where ${opts.tokenName ?? null}::text is null or token_name = ${opts.tokenName ?? null}
    order by at desc, id desc limit ${opts.limit}`;
}

// The audit log: one row per write made through the admin API or the console, kept like every other record.
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
  status: number;
}

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

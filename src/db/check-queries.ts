import type postgres from 'postgres';
import type { Verdict } from '../core/statuses.js';
import type { ErrorClass } from '../core/types.js';
import type { checks } from './schema.js';

/** One raw check as the API lists it: a row of `checks` (less its idempotency slot), with its text columns typed as core declares them. */
export type CheckRow = Omit<typeof checks.$inferSelect, 'monitorId' | 'certExpiresAt' | 'verdict' | 'errorClass' | 'slot'> & {
  verdict: Verdict;
  errorClass: ErrorClass | null;
};

/**
 * Where a page of checks ends: the (slot, location) of its last row, the slot in whole microseconds since the epoch
 * (as Postgres stores it, so no row is skipped or repeated whatever precision the writer used).
 */
export interface CheckCursor {
  slotMicros: string;
  location: string;
}

/**
 * The most recent raw checks of one monitor, newest interval first, keyset-paginated on (slot, location): a page is
 * one backward range of the table's key (monitor, slot, location) however deep the listing goes. This is the only
 * read of raw checks.
 */
export async function listRecentChecks(sql: postgres.Sql, monitorId: string, opts: { limit: number; after?: CheckCursor }): Promise<{ checks: CheckRow[]; next: CheckCursor | null }> {
  const after = opts.after
    ? sql`and (slot, location) < (timestamptz 'epoch' + (${opts.after.slotMicros} || ' microseconds')::interval, ${opts.after.location})`
    : sql``;
  const rows = await sql<{ id: string; at: Date; location: string; verdict: Verdict; in_maintenance: boolean; status_code: number | null; latency_ms: number; dns_ms: number | null; connect_ms: number | null; tls_ms: number | null; first_byte_ms: number | null; error_class: ErrorClass | null; error: string | null; attempts: number; slot_us: string }[]>`
    select id, at, (extract(epoch from slot) * 1000000)::bigint::text as slot_us, location, verdict, in_maintenance, status_code, latency_ms, dns_ms, connect_ms, tls_ms, first_byte_ms, error_class, error, attempts
    from checks where monitor_id = ${monitorId} ${after}
    order by slot desc, location desc limit ${opts.limit + 1}`;
  const page = rows.slice(0, opts.limit).map((r) => ({
    id: Number(r.id), at: r.at, location: r.location, verdict: r.verdict, inMaintenance: r.in_maintenance, statusCode: r.status_code,
    latencyMs: r.latency_ms, dnsMs: r.dns_ms, connectMs: r.connect_ms, tlsMs: r.tls_ms, firstByteMs: r.first_byte_ms,
    errorClass: r.error_class, error: r.error, attempts: r.attempts,
  }));
  const last = rows[opts.limit - 1];
  return { checks: page, next: rows.length > opts.limit && last ? { slotMicros: last.slot_us, location: last.location } : null };
}

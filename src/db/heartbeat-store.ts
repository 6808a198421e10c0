import type postgres from 'postgres';

/**
 * Record a heartbeat monitor's latest beat, found by its token's hash; false when no live heartbeat monitor has
 * it. Kept in `meta` as "heartbeat:<monitor id>" (no table of its own: one row per monitor, overwritten per beat),
 * read by the tick when it claims the monitor.
 */
export async function recordHeartbeat(sql: postgres.Sql, tokenHash: string, beat: { at: Date; failed: boolean; message: string }): Promise<boolean> {
  const at = beat.at.toISOString();
  const rows = await sql`
    insert into meta (key, value, updated_at)
    select 'heartbeat:' || m.id, jsonb_build_object('at', ${at}::text, 'failed', ${beat.failed}::boolean, 'message', ${beat.message}::text), ${at}::timestamptz
    from monitors m
    where m.removed_at is null and m.spec->>'type' = 'heartbeat' and m.spec->>'tokenHash' = ${tokenHash}
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at
    returning key`;
  return rows.length > 0;
}

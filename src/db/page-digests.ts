// The status page's digests of closed periods (table page_digests): per monitor, the daily rollups of the last 90
// closed days and the hourly rollups of the last 24 closed hours, stored as the same compact text the page's reads
// produce (src/snapshot/queries.ts). Closed periods do not change, so the tick writes a digest once per day / hour
// per monitor and a cold page reads 2 rows per monitor instead of formatting ~115 rollup rows each.
//
// Correctness does not depend on timing: a digest is rewritten whenever a check older than its `through` is
// recorded (a late check from a slow tick), and the page reads every rollup row from `through` on live.
// Changing the text format (rollupRowText) needs a migration that empties page_digests: old bodies would be
// parsed with the new rules. Emptying it is always safe; the page reads the rollups until the tick rewrites them.
import type postgres from 'postgres';
import { dayStart, hourStart } from '../core/time.js';

const HOUR = 3600_000;
const DAY = 86400_000;

/**
 * What a digest holds, back from its `through`: daily rows for the 90-day bar and uptime, latency (max + histogram)
 * only for the days the 7-day chart shows, hourly rows for 24 h. The page's windows (src/snapshot/build.ts) must
 * fit inside these; a test holds them together.
 */
export const DIGEST_SPAN = { days: 90 * DAY, histDays: 6 * DAY, hours: 24 * HOUR } as const;

/** Length of a slot of each kind, in seconds: a row's index is its bucket's epoch seconds divided by this. */
export const SLOT_SECONDS = { d: 86400, h: 3600 } as const;

/**
 * One rollup row as page text: `index,up,degraded,down,maintenance,latency max,hist`, where index is the bucket's
 * UTC day (or hour) number since 1970, left out when the row follows the previous one without a gap; the histogram
 * is sparse `index:count` pairs separated by spaces (most of its 20 buckets are 0), and trailing empty or zero
 * fields are left out (a quiet day after another is `,1440`). Latency max and hist are left empty before
 * `histSince`, where no chart needs them. The rows `r` must carry `prev_bucket`, the bucket of the row before in
 * the part (see rollupRows). A part of page text is one monitor's rows in bucket order: `monitor;row;row…`
 * (rollupPartText). Parsed by src/snapshot/series.ts. Monitor ids are [a-z0-9-] (config schema), so the
 * separators ',' ';' ':' ' ' cannot occur in them.
 */
export function rollupRowText(sql: postgres.Sql | postgres.TransactionSql, kind: 'd' | 'h', histSince: Date | null) {
  const step = sql.unsafe(kind === 'd' ? "interval '1 day'" : "interval '1 hour'");
  const index = sql`case when r.bucket - r.prev_bucket = ${step} then '' else (extract(epoch from r.bucket)::bigint / ${SLOT_SECONDS[kind]}::bigint)::text end`;
  const counts = sql`${index}, r.up, r.degraded, r.down, r.maintenance`;
  const full = sql`concat_ws(',', ${counts}, coalesce(r.latency_max::text, ''),
    coalesce((select string_agg((h.i - 1) || ':' || h.n, ' ') from unnest(r.hist) with ordinality as h(n, i) where h.n <> 0), ''))`;
  const row = histSince === null ? full : sql`case when r.bucket >= ${histSince.toISOString()}::timestamptz then ${full} else concat_ws(',', ${counts}) end`;
  return sql`regexp_replace(${row}, '(,0?)+$', '')`;
}

/** The rows `r` of one monitor `monitorId` as one part of page text (see rollupRowText); null without rows. */
export function rollupPartText(sql: postgres.Sql | postgres.TransactionSql, monitorId: postgres.PendingQuery<postgres.Row[]>, kind: 'd' | 'h', histSince: Date | null) {
  return sql`${monitorId} || string_agg(';' || ${rollupRowText(sql, kind, histSince)}, '' order by r.bucket)`;
}

/**
 * The rows `r` of one monitor as one part of page text for the page's live reads (the rows after a digest's end: a
 * day or an hour per monitor, read on every cold page). Cheaper to produce than rollupRowText, which digests use
 * once per period: every index written out (no window over the rows), nothing trimmed, and the histogram dense (its
 * 20 counts separated by spaces; the parser tells it from the sparse `index:count` form by the missing colon).
 * Latency max and hist are left out before `histSince`, as in rollupRowText.
 */
export function rollupLivePartText(sql: postgres.Sql | postgres.TransactionSql, monitorId: postgres.PendingQuery<postgres.Row[]>, kind: 'd' | 'h', histSince: Date | null) {
  const counts = sql`(extract(epoch from r.bucket)::bigint / ${SLOT_SECONDS[kind]}::bigint)::text, r.up, r.degraded, r.down, r.maintenance`;
  // concat_ws skips nulls: every field that may be null is coalesced, or last.
  const full = sql`concat_ws(',', ${counts}, coalesce(r.latency_max::text, ''), array_to_string(r.hist, ' '))`;
  const row = histSince === null ? full : sql`case when r.bucket >= ${histSince.toISOString()}::timestamptz then ${full} else concat_ws(',', ${counts}) end`;
  return sql`${monitorId} || string_agg(';' || ${row}, '' order by r.bucket)`;
}

/** Rollup rows of `table` matching `where`, each with the bucket of the row before it (prev_bucket), as rollupRowText needs. */
export function rollupRows(sql: postgres.Sql | postgres.TransactionSql, table: 'rollups_daily' | 'rollups_hourly', where: postgres.PendingQuery<postgres.Row[]>) {
  return sql`(select r.*, lag(r.bucket) over (order by r.bucket) as prev_bucket from ${sql(table)} r where ${where} offset 0)`;
}

export interface DigestTargets {
  /** Daily digest: days before this (start of the UTC day). */
  day: Date;
  /** Hourly digest: hours before this (start of the UTC hour). */
  hour: Date;
}

export const digestTargets = (now: Date): DigestTargets => ({ day: dayStart(now), hour: hourStart(now) });

/**
 * Inside the tick's transaction, after its rollups: (re)write the digests of the monitors just recorded whose
 * digest is missing, older than the current day / hour, or holds a period one of these checks falls into.
 * `firstAt` is each monitor's oldest check in the batch. One statement; for most ticks it writes nothing.
 */
export async function refreshPageDigests(tx: postgres.TransactionSql, firstAt: ReadonlyMap<string, Date>, targets: DigestTargets): Promise<void> {
  if (firstAt.size === 0) return;
  const batch = JSON.stringify([...firstAt].map(([monitor_id, at]) => ({ monitor_id, at: at.toISOString() })));
  const day = targets.day.toISOString(), hour = targets.hour.toISOString();
  const daysFrom = new Date(targets.day.getTime() - DIGEST_SPAN.days).toISOString();
  const hoursFrom = new Date(targets.hour.getTime() - DIGEST_SPAN.hours).toISOString();
  const histSince = new Date(targets.day.getTime() - DIGEST_SPAN.histDays);
  await tx`
    insert into page_digests (monitor_id, kind, through, body)
    select f.monitor_id, k.kind, k.through,
      case k.kind
        when 'd' then coalesce((select ${rollupPartText(tx, tx`f.monitor_id`, 'd', histSince)}
          from ${rollupRows(tx, 'rollups_daily', tx`r.monitor_id = f.monitor_id and r.bucket >= ${daysFrom}::timestamptz and r.bucket < k.through`)} r), '')
        else coalesce((select ${rollupPartText(tx, tx`f.monitor_id`, 'h', null)}
          from ${rollupRows(tx, 'rollups_hourly', tx`r.monitor_id = f.monitor_id and r.bucket >= ${hoursFrom}::timestamptz and r.bucket < k.through`)} r), '')
      end
    from jsonb_to_recordset(${batch}::text::jsonb) as f(monitor_id text, at timestamptz)
    cross join (values ('d', ${day}::timestamptz), ('h', ${hour}::timestamptz)) as k(kind, through)
    left join page_digests d on d.monitor_id = f.monitor_id and d.kind = k.kind
    where d.monitor_id is null or d.through < k.through or f.at < d.through
    order by 1, 2
    on conflict (monitor_id, kind) do update set through = excluded.through, body = excluded.body`;
}

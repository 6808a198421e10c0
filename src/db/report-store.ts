// Writes of visitor reports: the flusher's one statement per interval.
import type postgres from 'postgres';
import type { ReportCountRow } from '../reports/aggregator.js';

/**
 * Add one batch of counts to the per-minute rows, in one statement: the batch id is recorded in the same statement,
 * so writing a batch again (a retry after an answer that was lost) adds nothing. Batch ids older than a day go too.
 */
export async function addReportCounts(sql: postgres.Sql, batchId: string, rows: readonly ReportCountRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ c: r.componentId, k: r.category, m: new Date(r.minute).toISOString(), r: r.reports, s: r.sources })));
  await sql`
    with gone as (delete from report_flushes where flushed_at < now() - interval '1 day'),
      batch as (insert into report_flushes (id, flushed_at) values (${batchId}, now()) on conflict (id) do nothing returning id)
    insert into report_counts (component_id, category, minute, reports, sources)
    select c, k, m, r, s from jsonb_to_recordset(${json}::text::jsonb) as t(c text, k text, m timestamptz, r int, s int)
    where exists (select 1 from batch)
    on conflict (component_id, minute, category) do update
      set reports = report_counts.reports + excluded.reports, sources = report_counts.sources + excluded.sources`;
}

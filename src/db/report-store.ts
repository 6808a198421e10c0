// Writes of visitor reports: the flusher's one statement per interval.
import type postgres from 'postgres';
import type { ReportCountRow } from '../reports/aggregator.js';

/** Add counts to the per-minute rows in one statement (an upsert adding to what earlier flushes wrote). */
export async function addReportCounts(sql: postgres.Sql, rows: readonly ReportCountRow[]): Promise<void> {
  if (!rows.length) return;
  const json = JSON.stringify(rows.map((r) => ({ c: r.componentId, k: r.category, m: new Date(r.minute).toISOString(), r: r.reports, s: r.sources })));
  await sql`
    insert into report_counts (component_id, category, minute, reports, sources)
    select c, k, m, r, s from jsonb_to_recordset(${json}::text::jsonb) as t(c text, k text, m timestamptz, r int, s int)
    on conflict (component_id, minute, category) do update
      set reports = report_counts.reports + excluded.reports, sources = report_counts.sources + excluded.sources`;
}

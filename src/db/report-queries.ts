// Reads of visitor reports: the refresh's (24 hours per hour, open spikes and evidence, imported curves) and the
// fusion step's (the current window and the same window on earlier days, per component).
import type postgres from 'postgres';
import type { ReportCurve } from '../core/report-curve.js';

/** Reports of one component and category in one hour. */
interface ReportHourRow {
  componentId: string;
  category: string;
  hour: number;
  reports: number;
}

/** A spike as the page shows it: open (a notice, or evidence on an open incident) or attached to an incident. */
interface ReportSpikeRow {
  id: string;
  componentId: string;
  startedAt: number;
  endedAt: number | null;
  peakSources: number;
  threshold: number;
  reports: number;
  categories: Record<string, number>;
  incidentId: string | null;
}

/** What the refresh reads of reports. */
export interface ReportData {
  hourly: ReportHourRow[];
  spikes: ReportSpikeRow[];
  curves: Record<string, ReportCurve>;
}

const ms = (sql: postgres.Sql, col: string) => sql.unsafe(`(extract(epoch from ${col}) * 1000)::float8`);

/** Three small queries: hourly counts since `hoursSince`, spikes open or kept as evidence, imported curves. */
export async function readReportData(sql: postgres.Sql, hoursSince: Date): Promise<ReportData> {
  const [hourly, spikes, curves] = await Promise.all([
    sql<ReportHourRow[]>`
      select component_id as "componentId", category, ${ms(sql, "date_trunc('hour', minute)")} as hour, sum(reports)::int as reports
      from report_counts where minute >= ${hoursSince.toISOString()}::timestamptz group by 1, 2, 3`,
    sql<ReportSpikeRow[]>`
      select id, component_id as "componentId", ${ms(sql, 'started_at')} as "startedAt", ${ms(sql, 'ended_at')} as "endedAt",
        peak_sources as "peakSources", threshold, reports, categories, incident_id as "incidentId"
      from report_spikes where ended_at is null or id in (select id from report_spikes where incident_id is not null order by started_at desc limit 200)
      order by started_at desc`,
    sql<{ incidentId: string; curve: ReportCurve }[]>`select incident_id as "incidentId", curve from incident_report_curves`,
  ]);
  return { hourly: [...hourly], spikes: [...spikes], curves: Object.fromEntries(curves.map((c) => [c.incidentId, c.curve])) };
}

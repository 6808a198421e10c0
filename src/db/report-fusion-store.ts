// The fusion step's reads and writes (src/reports/fuse.ts): per component the current window's distinct networks
// and the same window on each of the 7 days before, the component's service's open automatic incident, the open
// spikes; then the spikes' changes and their alert events in one transaction.
import type postgres from 'postgres';
import type { AlertEvent } from '../core/alert-events.js';
import { insertOutboxEvents } from './alert-store.js';

const BASELINE_DAYS = 7;

export interface FusionComponentRow {
  componentId: string;
  name: string;
  serviceKey: string;
  incidentId: string | null;
  /** Distinct networks per day offset: index 0 the current window, 1…7 the days before. */
  sources: number[];
  open: { id: string; incidentId: string | null; peakSources: number; startedAt: Date } | null;
}

/** The window is the 15 minutes ending with the current minute (`end` is the start of the next minute). */
export async function readFusionInputs(sql: postgres.Sql, end: Date, windowSeconds: number): Promise<FusionComponentRow[]> {
  const e = end.toISOString();
  const [components, windows, open] = await Promise.all([
    sql<{ id: string; name: string; service_key: string; incident_id: string | null }[]>`
      select c.id, c.name, coalesce(c.group_id, c.id) as service_key,
        (select i.id from incidents i where i.service_key = coalesce(c.group_id, c.id) and i.resolved_at is null limit 1) as incident_id
      from components c where not c.is_group and c.removed_at is null order by c.id`,
    // x = seconds from the minute to `end` (a multiple of 60): the window of day d holds x in (d·86400, d·86400 + W].
    sql<{ component_id: string; day: number; sources: number }[]>`
      select component_id, ((x - 1) / 86400)::int as day, sum(sources)::int as sources
      from (select component_id, sources, extract(epoch from (${e}::timestamptz - minute))::bigint as x from report_counts
        where minute >= ${e}::timestamptz - make_interval(days => ${BASELINE_DAYS}, secs => ${windowSeconds}) and minute < ${e}::timestamptz) r
      where (x - 1) % 86400 < ${windowSeconds}
      group by 1, 2`,
    sql<{ id: string; component_id: string; incident_id: string | null; peak_sources: number; started_at: Date }[]>`
      select id, component_id, incident_id, peak_sources, started_at from report_spikes where ended_at is null`,
  ]);
  const sources = new Map<string, number[]>();
  for (const w of windows) {
    const list = sources.get(w.component_id) ?? Array<number>(BASELINE_DAYS + 1).fill(0);
    list[w.day] = w.sources;
    sources.set(w.component_id, list);
  }
  const openOf = new Map(open.map((o) => [o.component_id, o]));
  return components.map((c) => {
    const o = openOf.get(c.id);
    return {
      componentId: c.id, name: c.name, serviceKey: c.service_key, incidentId: c.incident_id,
      sources: sources.get(c.id) ?? Array<number>(BASELINE_DAYS + 1).fill(0),
      open: o ? { id: o.id, incidentId: o.incident_id, peakSources: o.peak_sources, startedAt: o.started_at } : null,
    };
  });
}

/** Reports by component and category from `since` (spike counts and the event's split). */
export async function readReportsSince(sql: postgres.Sql, since: Date, end: Date): Promise<Array<{ componentId: string; category: string; minute: Date; reports: number }>> {
  return sql<Array<{ componentId: string; category: string; minute: Date; reports: number }>>`
    select component_id as "componentId", category, minute, reports from report_counts
    where minute >= ${since.toISOString()}::timestamptz and minute < ${end.toISOString()}::timestamptz`;
}

export interface SpikeWrite {
  /** A new spike; `event` is queued only if this write is the one that opened it. */
  start?: { id: string; componentId: string; startedAt: Date; peakSources: number; threshold: number; reports: number; categories: Record<string, number>; incidentId: string | null; event: AlertEvent | null };
  keep?: { id: string; peakSources: number; reports: number; categories: Record<string, number>; incidentId: string | null };
  end?: { id: string };
}

/** Apply the spikes' changes and queue their events, in one transaction; the number of spikes opened. */
export async function writeSpikes(sql: postgres.Sql, writes: readonly SpikeWrite[], now: Date): Promise<number> {
  if (!writes.length) return 0;
  const at = now.toISOString();
  return sql.begin(async (tx) => {
    let opened = 0;
    for (const w of writes) {
      if (w.start) {
        const s = w.start;
        // The partial unique index keeps one open spike per component: a second scheduler's start (and its event) is dropped.
        const inserted = await tx`insert into report_spikes (id, component_id, started_at, peak_sources, threshold, reports, categories, incident_id, updated_at)
          values (${s.id}, ${s.componentId}, ${s.startedAt.toISOString()}::timestamptz, ${s.peakSources}, ${s.threshold}, ${s.reports},
            ${JSON.stringify(s.categories)}::text::jsonb, ${s.incidentId}, ${at}::timestamptz)
          on conflict do nothing returning id`;
        if (inserted.length) {
          opened++;
          if (s.event) await insertOutboxEvents(tx, [s.event]);
        }
      }
      if (w.keep) {
        const k = w.keep;
        await tx`update report_spikes set peak_sources = ${k.peakSources}, reports = ${k.reports}, categories = ${JSON.stringify(k.categories)}::text::jsonb,
          incident_id = ${k.incidentId}, updated_at = ${at}::timestamptz where id = ${k.id} and ended_at is null`;
      }
      if (w.end) await tx`update report_spikes set ended_at = ${at}::timestamptz, updated_at = ${at}::timestamptz where id = ${w.end.id} and ended_at is null`;
    }
    return opened;
  }) as Promise<number>;
}

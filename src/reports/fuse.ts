// The fusion step, run after each tick (Node) or scheduled() (Workers): judge each component's reports against its
// baseline (core/report-spike.ts) and its probes (core/report-fusion.ts), and record what changed — a notice with
// its `reports.spike` event, evidence on the probes' incident, or the end of a spike.
import { alertEvent } from '../core/alert-events.js';
import { decideSpike } from '../core/report-fusion.js';
import { REPORT_WINDOW_MS, reportBucket } from '../core/reports.js';
import { DEFAULT_SPIKE_POLICY, type SpikePolicy } from '../core/report-spike.js';
import { newId } from '../alerts/ids.js';
import type { ReportsConfig } from '../config/reports-schema.js';
import type { Log } from '../log.js';
import { readFusionInputs, readReportsSince, writeSpikes, type SpikeWrite } from '../db/report-fusion-store.js';
import type postgres from 'postgres';

export interface FusionReport {
  started: number;
  ended: number;
  /** Spikes open after this step. */
  open: number;
  /** Whether anything the page shows changed (refresh the site). */
  changed: boolean;
}

export async function fuseReports(sql: postgres.Sql, now: Date, policy: SpikePolicy, newId: (prefix: string) => string): Promise<FusionReport> {
  // The window ends with the minute in progress, so a report counts at once.
  const end = new Date(reportBucket(now.getTime()) + 60_000);
  const inputs = await readFusionInputs(sql, end, REPORT_WINDOW_MS / 1000);
  const actions = inputs.flatMap((c) => {
    const action = decideSpike({ componentId: c.componentId, current: c.sources[0]!, baseline: c.sources.slice(1), incidentId: c.incidentId, open: c.open }, policy);
    return action ? [{ action, c }] : [];
  });
  const openBefore = inputs.filter((c) => c.open).length;
  if (!actions.length) return { started: 0, ended: 0, open: openBefore, changed: false };

  // Reports counted for each spike: since it started (the current window for a new one), by category.
  const windowStart = new Date(end.getTime() - REPORT_WINDOW_MS);
  const since = new Date(Math.min(windowStart.getTime(), ...actions.flatMap(({ c }) => (c.open ? [c.open.startedAt.getTime() - REPORT_WINDOW_MS] : []))));
  const rows = await readReportsSince(sql, since, end);
  const tally = (componentId: string, from: Date) => {
    const categories: Record<string, number> = {};
    let reports = 0;
    for (const r of rows) {
      if (r.componentId !== componentId || r.minute < from) continue;
      categories[r.category] = (categories[r.category] ?? 0) + r.reports;
      reports += r.reports;
    }
    return { reports, categories };
  };

  const writes: SpikeWrite[] = actions.map(({ action: a, c }): SpikeWrite => {
    if (a.kind === 'end') return { end: { id: a.id } };
    if (a.kind === 'keep') return { keep: { id: a.id, peakSources: a.peakSources, incidentId: a.incidentId, ...tally(c.componentId, new Date(c.open!.startedAt.getTime() - REPORT_WINDOW_MS)) } };
    const id = newId('rsp');
    const counted = tally(c.componentId, windowStart);
    // A notice only while the probes say up: with an outage confirmed the reports are that incident's evidence.
    const event = a.incidentId ? null : alertEvent('reports.spike', `evt_${id}`, now, {
      source: 'reports', confirmed: false, component: { id: c.componentId, name: c.name, serviceKey: c.serviceKey },
      summary: `Users are reporting problems with ${c.name}`, startedAt: now.toISOString(),
      networks: a.current, threshold: a.threshold, usual: a.usual, ...counted,
    });
    return { start: { id, componentId: c.componentId, startedAt: now, peakSources: a.current, threshold: a.threshold, incidentId: a.incidentId, event, ...counted } };
  });
  const started = await writeSpikes(sql, writes, now);
  const ended = writes.filter((w) => w.end).length;
  return { started, ended, open: openBefore + started - ended, changed: true };
}

/** The step as both entry points run it: never throws (a failure is logged and retried by the next tick; null). */
export async function fuseReportsAfterTick(sql: postgres.Sql, config: ReportsConfig, log: Log, now = new Date()): Promise<FusionReport | null> {
  try {
    const r = await fuseReports(sql, now, { ...DEFAULT_SPIKE_POLICY, minCount: config.minReporters }, newId);
    if (r.started || r.ended) log('info', 'report spikes changed', { started: r.started, ended: r.ended, open: r.open });
    return r;
  } catch (err) {
    log('warn', 'report fusion failed; the next tick tries again', { error: (err as Error).message });
    return null;
  }
}

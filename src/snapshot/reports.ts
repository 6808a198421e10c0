// The reports part of the snapshot: per service, reports per hour over the last 24 hours and the split by
// component; the open notices (a spike while the probes say up); the evidence attached to incidents; imported
// curves. Pure, from what the refresh read.
import { percentSplit, type ReportCurve } from '../core/report-curve.js';
import type { ReportData } from '../db/report-queries.js';
import type { SnapshotComponent } from './types.js';

const HOUR = 3600_000;

export interface ReportService {
  /** The group's id, or the component's when it has no group. */
  id: string;
  name: string;
  /** Reports per hour, oldest first: hour i starts at `from + i h`. */
  hourly: number[];
  total: number;
  /** Reports by component, largest first. */
  split: Array<{ componentId: string; name: string; reports: number; percent: number }>;
}

/** Users report problems while the probes say up: a notice, not a confirmed outage. */
export interface ReportNotice {
  componentId: string;
  componentName: string;
  startedAt: number;
  reports: number;
  peakSources: number;
}

/** Reports attached to an incident the probes confirmed. */
export interface ReportEvidence {
  componentId: string;
  componentName: string;
  startedAt: number;
  endedAt: number | null;
  reports: number;
  peakSources: number;
  /** Category id → reports. */
  categories: Record<string, number>;
}

export interface ReportsSnapshot {
  /** Start of the chart's first hour (epoch ms); 24 hours, the last one the current. */
  from: number;
  services: ReportService[];
  notices: ReportNotice[];
  evidence: Record<string, ReportEvidence[]>;
  curves: Record<string, ReportCurve>;
}

const EMPTY: ReportData = { hourly: [], spikes: [], curves: {} };

export function assembleReports(data: ReportData | undefined, components: readonly SnapshotComponent[], now: Date): ReportsSnapshot {
  const d = data ?? EMPTY;
  const from = now.getTime() - (now.getTime() % HOUR) - 23 * HOUR;
  const parts = components.filter((c) => !c.isGroup);
  const nameOf = new Map(components.map((c) => [c.id, c.name]));
  const services = new Map<string, { name: string; members: SnapshotComponent[] }>();
  for (const c of parts) {
    const id = c.groupId ?? c.id;
    const entry = services.get(id) ?? { name: c.groupName ?? c.name, members: [] };
    entry.members.push(c);
    services.set(id, entry);
  }
  const out: ReportService[] = [...services].map(([id, s]) => {
    const members = new Set(s.members.map((m) => m.id));
    const hourly = Array<number>(24).fill(0);
    const byComponent = new Map<string, number>();
    for (const r of d.hourly) {
      const i = (r.hour - from) / HOUR;
      if (!members.has(r.componentId) || i < 0 || i >= 24) continue;
      hourly[i]! += r.reports;
      byComponent.set(r.componentId, (byComponent.get(r.componentId) ?? 0) + r.reports);
    }
    const split = percentSplit(s.members.map((m) => ({ name: m.name, reports: byComponent.get(m.id) ?? 0 })));
    return {
      id, name: s.name, hourly, total: hourly.reduce((a, b) => a + b, 0),
      split: split.map((x) => ({ ...x, componentId: s.members.find((m) => m.name === x.name)!.id })),
    };
  });
  const notices = d.spikes
    .filter((s) => s.endedAt === null && s.incidentId === null)
    .map((s) => ({ componentId: s.componentId, componentName: nameOf.get(s.componentId) ?? s.componentId, startedAt: s.startedAt, reports: s.reports, peakSources: s.peakSources }));
  const evidence: Record<string, ReportEvidence[]> = {};
  for (const s of d.spikes) {
    if (s.incidentId === null) continue;
    const list = evidence[s.incidentId] ?? [];
    evidence[s.incidentId] = list;
    list.push({
      componentId: s.componentId, componentName: nameOf.get(s.componentId) ?? s.componentId, startedAt: s.startedAt, endedAt: s.endedAt,
      reports: s.reports, peakSources: s.peakSources, categories: s.categories,
    });
  }
  return { from, services: out, notices, evidence, curves: d.curves };
}

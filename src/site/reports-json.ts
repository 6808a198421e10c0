// GET /api/v1/reports: the reports-per-hour series per service for the last 24 hours, with the split by component,
// and the open notices — from the snapshot, rendered at publication like the other public reads.
import type { ReportsSnapshot } from '../snapshot/reports.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function reportsJson(r: ReportsSnapshot) {
  return {
    from: iso(r.from),
    to: iso(r.from + 24 * 3600_000),
    stepSeconds: 3600,
    services: r.services.map((s) => ({
      id: s.id,
      name: s.name,
      total: s.total,
      hourly: s.hourly.map((reports, i) => ({ hour: iso(r.from + i * 3600_000), reports })),
      components: s.split.map((c) => ({ id: c.componentId, name: c.name, reports: c.reports, percent: c.percent })),
    })),
    notices: r.notices.map((n) => ({ componentId: n.componentId, component: n.componentName, since: iso(n.startedAt), reports: n.reports, networks: n.peakSources, kind: 'reports' as const })),
  };
}

// Plain objects for the native API's JSON: dates as ISO strings, names as the schemas in schemas.ts say.
import type { SeriesPoint } from '../../core/series.js';
import type { CheckRow } from '../../db/check-queries.js';
import type { IncidentRow } from '../../db/incident-queries.js';
import type { MonitorStatusRow } from '../../db/status-queries.js';
import type { ComponentView, WindowStats } from '../status-reads.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function monitorJson(m: MonitorStatusRow) {
  return {
    id: m.id,
    name: m.name,
    component: m.component,
    componentId: m.componentId,
    group: m.groupName,
    status: m.status,
    statusSince: iso(m.statusSince),
    lastCheck: m.lastCheck && {
      at: m.lastCheck.at.toISOString(),
      ok: m.lastCheck.ok,
      verdict: m.lastCheck.verdict,
      statusCode: m.lastCheck.statusCode,
      latencyMs: m.lastCheck.latencyMs,
      errorClass: m.lastCheck.errorClass,
      error: m.lastCheck.error,
    },
    uptime: m.uptime,
  };
}

export function componentJson(c: ComponentView) {
  return { id: c.id, name: c.name, group: c.isGroup, groupId: c.groupId, status: c.status, hasData: c.hasData, components: c.childIds, monitors: c.monitorIds, uptime: c.uptime };
}

export function uptimeJson(id: string, s: WindowStats) {
  return { id, window: s.window, from: s.from.toISOString(), to: s.to.toISOString(), uptime: s.uptime, counts: s.counts, avgResponseMs: s.avgResponseMs };
}

export function seriesJson(points: SeriesPoint[]) {
  return points.map((p) => ({ date: p.date, uptime: p.uptime, counts: p.counts, avgMs: p.avgMs, p50Ms: p.p50Ms, p95Ms: p.p95Ms }));
}

export function checkJson(c: CheckRow) {
  return {
    id: c.id, at: c.at.toISOString(), location: c.location, verdict: c.verdict, inMaintenance: c.inMaintenance,
    statusCode: c.statusCode, attempts: c.attempts, errorClass: c.errorClass, error: c.error,
    phases: { dnsMs: c.dnsMs, connectMs: c.connectMs, tlsMs: c.tlsMs, firstByteMs: c.firstByteMs, totalMs: c.latencyMs },
  };
}

export function incidentJson(i: IncidentRow) {
  return {
    id: i.id, title: i.title, status: i.status, impact: i.impact, origin: i.origin, startedAt: i.startedAt.toISOString(), startedApprox: i.startedApprox,
    monitoringAt: iso(i.monitoringAt), resolvedAt: iso(i.resolvedAt), resolvedApprox: i.resolvedApprox, summary: i.summary, sources: i.sources,
    components: i.components, updates: i.updates.map((u) => ({ id: u.id, status: u.status, body: u.body, at: u.displayAt.toISOString(), approximate: u.approximate })),
  };
}

/** Opaque cursors: base64url of JSON, so clients pass them back untouched (btoa: the same on both runtimes). */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): unknown {
  try {
    const bin = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
  } catch {
    return null;
  }
}

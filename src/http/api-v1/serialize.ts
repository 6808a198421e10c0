// Plain objects for the native API's JSON: dates as ISO strings, names as the schemas in schemas.ts say.
import type { FailureSignature } from '../../core/failure-signature.js';
import type { SeriesPoint } from '../../core/series.js';
import { WINDOW_NAMES, WINDOWS, type WindowName } from '../../core/time.js';
import { resolveWindow, windowEndingAt } from '../../core/uptime-window.js';
import type { StatusCounts } from '../../core/uptime.js';
import type { CheckRow } from '../../db/check-queries.js';
import type { IncidentRow } from '../../db/incident-queries.js';
import type { SnapshotComponent, SnapshotMonitor, StatusSnapshot, WindowFigures } from '../../snapshot/types.js';

const iso = (d: Date | number | null) => (d === null ? null : new Date(d).toISOString());

/** Every monitor of a snapshot as the API shows it. */
export function monitorsJson(s: StatusSnapshot) {
  const components = new Map(s.components.map((c) => [c.id, c]));
  return s.monitors.map((m) => monitorJson(m, components.get(m.componentId)));
}

export function monitorJson(m: SnapshotMonitor, component: SnapshotComponent | undefined) {
  return {
    id: m.id,
    name: m.name,
    component: component?.name ?? null,
    componentId: m.componentId,
    group: component?.groupName ?? null,
    status: m.status,
    statusSince: iso(m.statusSince),
    lastCheck: m.lastCheck && {
      at: new Date(m.lastCheck.at).toISOString(),
      ok: m.lastCheck.verdict !== 'down',
      verdict: m.lastCheck.verdict,
      statusCode: m.lastCheck.statusCode,
      latencyMs: m.lastCheck.latencyMs,
      errorClass: m.lastCheck.errorClass,
      error: m.lastCheck.error,
    },
    type: m.type,
    certificateExpiresAt: iso(m.certExpiresAt),
    lastBeatAt: iso(m.lastBeatAt),
    uptime: uptimes(m.windows),
    locations: m.locations.map((l) => ({ id: l.id, name: l.name, status: l.status, lastCheck: iso(l.lastCheck), errorClass: l.errorClass, statusCode: l.statusCode, latencyMs: l.latencyMs, since: iso(l.since) })),
    signature: m.signature && signatureJson(m.signature),
  };
}

/** A failure signature with exactly the schema's keys (a stored one carries the quorum's working too). */
function signatureJson(s: FailureSignature) {
  return { failing: s.failing, passing: s.passing, phases: s.phases, errorClasses: s.errorClasses, statusCodes: s.statusCodes, since: s.since };
}

/** The probing locations and their health. */
export function locationsJson(s: StatusSnapshot) {
  return s.locations.map((l) => ({ id: l.id, name: l.name, health: l.health, since: iso(l.since), lastSeenAt: iso(l.lastSeenAt) }));
}

const uptimes = (w: Record<WindowName, WindowFigures>) => Object.fromEntries(WINDOW_NAMES.map((n) => [n, w[n].uptime])) as Record<WindowName, number | null>;

export function componentJson(c: SnapshotComponent) {
  return { id: c.id, name: c.name, group: c.isGroup, groupId: c.groupId, status: c.status, hasData: c.hasData, components: c.childIds, monitors: c.monitorIds, uptime: uptimes(c.windows) };
}

/** Uptime over a window, as figures of the snapshot (named windows) or read for an explicit range (WindowStats). */
export function uptimeJson(id: string, window: WindowName | null, f: { from: number; to: number; counts: StatusCounts; uptime: number | null; avgResponseMs: number | null }) {
  return { id, window, from: new Date(f.from).toISOString(), to: new Date(f.to).toISOString(), uptime: f.uptime, counts: f.counts, avgResponseMs: f.avgResponseMs };
}

/** Every monitor's uptime over one named window, from the snapshot. */
export function uptimeListJson(s: StatusSnapshot, window: WindowName) {
  const bounds = s.monitors[0]?.windows[window] ?? resolvedBounds(s, window);
  return {
    window, from: new Date(bounds.from).toISOString(), to: new Date(bounds.to).toISOString(),
    monitors: s.monitors.map((m) => ({ id: m.id, uptime: m.windows[window].uptime, counts: m.windows[window].counts, avgResponseMs: m.windows[window].avgResponseMs })),
  };
}

/** A named window's bounds when there is no monitor to read them from. */
function resolvedBounds(s: StatusSnapshot, window: WindowName) {
  const w = windowEndingAt(new Date(s.generatedAt), WINDOWS[window]);
  const r = resolveWindow(w.from, new Date(s.generatedAt));
  return { from: r.from.getTime(), to: r.to.getTime() };
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
    signatures: i.signatures.map((x) => ({ monitorId: x.monitorId, signature: signatureJson(x.signature) })),
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

import type { ComponentStatus, Impact, IncidentStatus, MaintenanceStatus } from './statuses.js';
import type { V2Component } from './statuspage.js';

export type V2IncidentStatus = IncidentStatus;
type V2MaintenanceStatus = MaintenanceStatus;

interface V2IncidentUpdate<S extends string = V2IncidentStatus> {
  id: string;
  status: S;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: Array<{ code: string; name: string; old_status: ComponentStatus; new_status: ComponentStatus }> | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

export interface V2Incident<S extends string = V2IncidentStatus> {
  id: string;
  name: string;
  status: S;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: V2IncidentUpdate<S>[];
  components: V2Component[];
  reminder_intervals: string | null;
}

export interface V2Maintenance extends V2Incident<V2MaintenanceStatus> {
  scheduled_for: string;
  scheduled_until: string;
}

/** An incident as read from storage (db/incident-queries' IncidentRow fits). Updates newest first. */
export interface IncidentFacts {
  id: string;
  title: string;
  status: V2IncidentStatus;
  impact: Impact;
  origin: string;
  startedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  updates: ReadonlyArray<{ id: string; status: V2IncidentStatus; body: string; displayAt: Date; createdAt: Date; updatedAt: Date }>;
  components: ReadonlyArray<{ id: string; name: string; status: ComponentStatus }>;
}

/** A maintenance window as read from storage, with its status derived from the window and now. */
export interface MaintenanceFacts {
  id: string;
  title: string;
  body: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  componentIds: readonly string[];
  status: V2MaintenanceStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** What every incident needs from its page: ids, the link base and the current component list. */
export interface V2Context {
  pageId: string;
  pageUrl: string;
  components: readonly V2Component[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The full component objects Statuspage puts in an incident, as they are now. A component that no longer exists
 * is still described (from the incident's own record) so history never points at nothing.
 */
function incidentComponents(ids: ReadonlyArray<{ id: string; name: string; status: ComponentStatus }>, ctx: V2Context, at: Date): V2Component[] {
  const byId = new Map(ctx.components.map((c) => [c.id, c]));
  return ids.map((ref) => {
    const found = byId.get(ref.id);
    if (found) return found;
    return {
      id: ref.id, name: ref.name, status: 'operational', created_at: at.toISOString(), updated_at: at.toISOString(), position: 0,
      description: null, showcase: false, start_date: null, group_id: null, page_id: ctx.pageId, group: false, only_show_if_degraded: false,
    };
  });
}

function linkTo(ctx: V2Context, kind: 'incidents', id: string): string {
  return `${ctx.pageUrl.replace(/\/+$/, '')}/${kind}/${encodeURIComponent(id)}`;
}

/** An incident in Statuspage's shape; updates stay newest first. Imported history never notified anyone. */
export function toV2Incident(i: IncidentFacts, ctx: V2Context): V2Incident {
  const notified = i.origin !== 'imported';
  const updates = [...i.updates].sort((a, b) => b.displayAt.getTime() - a.displayAt.getTime());
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
    monitoring_at: iso(i.monitoringAt),
    resolved_at: iso(i.resolvedAt),
    impact: i.impact,
    shortlink: linkTo(ctx, 'incidents', i.id),
    started_at: i.startedAt.toISOString(),
    page_id: ctx.pageId,
    incident_updates: updates.map((u) => ({
      id: u.id, status: u.status, body: u.body, incident_id: i.id, created_at: u.createdAt.toISOString(), updated_at: u.updatedAt.toISOString(),
      display_at: u.displayAt.toISOString(), affected_components: null, deliver_notifications: notified, custom_tweet: null, tweet_id: null,
    })),
    components: incidentComponents(i.components, ctx, i.createdAt),
    reminder_intervals: null,
  };
}

/**
 * A maintenance window in Statuspage's shape. Lookout stores only the window, so the updates are the
 * transitions time has made: scheduled (when created), in progress (at the start), completed (at the end),
 * newest first, with stable ids derived from the window's id.
 */
export function toV2Maintenance(m: MaintenanceFacts, ctx: V2Context): V2Maintenance {
  const steps: Array<{ status: V2MaintenanceStatus; at: Date; body: string }> = [{ status: 'scheduled', at: m.createdAt, body: m.body || `${m.title} is scheduled.` }];
  if (m.status !== 'scheduled') steps.push({ status: 'in_progress', at: m.scheduledFor, body: 'Scheduled maintenance is in progress.' });
  if (m.status === 'completed') steps.push({ status: 'completed', at: m.scheduledUntil, body: 'The scheduled maintenance has been completed.' });
  const latest = steps[steps.length - 1]!.at;
  const updatedAt = latest > m.updatedAt ? latest : m.updatedAt;
  return {
    id: m.id,
    name: m.title,
    status: m.status,
    created_at: m.createdAt.toISOString(),
    updated_at: updatedAt.toISOString(),
    monitoring_at: null,
    resolved_at: m.status === 'completed' ? m.scheduledUntil.toISOString() : null,
    impact: 'maintenance',
    // The page has no page per maintenance window: it shows upcoming and active ones on its front page.
    shortlink: `${ctx.pageUrl.replace(/\/+$/, '')}/`,
    started_at: m.scheduledFor.toISOString(),
    page_id: ctx.pageId,
    incident_updates: steps.reverse().map((s) => ({
      id: `${m.id}-${s.status}`, status: s.status, body: s.body, incident_id: m.id, created_at: s.at.toISOString(), updated_at: s.at.toISOString(),
      display_at: s.at.toISOString(), affected_components: null, deliver_notifications: true, custom_tweet: null, tweet_id: null,
    })),
    components: incidentComponents(m.componentIds.map((id) => ({ id, name: id, status: 'under_maintenance' as const })), ctx, m.createdAt),
    reminder_intervals: null,
    scheduled_for: m.scheduledFor.toISOString(),
    scheduled_until: m.scheduledUntil.toISOString(),
  };
}

/** Newest first by start: the order every v2 list uses. */
export function newestFirst<T extends { started_at: string; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.started_at.localeCompare(a.started_at) || b.id.localeCompare(a.id));
}

// Every public answer, rendered from a snapshot: the pages, the Statuspage v2 endpoints, the feeds, the native
// API's status and uptime reads and the badges. The ones all visitors ask for are made at publication
// (renderSite); the rest on demand, from the same snapshot and the same functions.
import { makeBadge } from 'badge-maker';
import type { ReportsConfig } from '../config/reports-schema.js';
import type { PageConfig } from '../config/schema.js';
import { componentStatusBadge, monitorStatusBadge, responseTimeBadge, shieldsEndpoint, uptimeBadge, type BadgeContent } from '../core/badges.js';
import { renderAtom, renderRss, type FeedIncident } from '../core/feeds.js';
import { pageIdOf, toV2Component, toV2Page, toV2Status, type V2Component } from '../core/statuspage.js';
import { newestFirst, toV2Incident, toV2Maintenance, type IncidentFacts, type V2Context } from '../core/statuspage-incidents.js';
import type { WindowName } from '../core/time.js';
import { componentJson, monitorsJson, uptimeListJson } from '../http/api-v1/serialize.js';
import { HistoryPage, IncidentPage, MessagePage } from '../page/history-page.js';
import type { PageFrame } from '../page/layout.js';
import { GroupPage, StatusPage } from '../page/status-page.js';
import { isOpenIncident } from '../snapshot/assemble.js';
import { RECENT_INCIDENTS } from '../snapshot/read.js';
import type { SnapshotComponent, SnapshotIncident, StatusSnapshot } from '../snapshot/types.js';
import { BADGE_CACHE_SECONDS, HTML, JSON_TYPE, PAGE_CACHE_CONTROL, PUBLIC_API_HEADERS, SECURITY_HEADERS, STATUS_CACHE } from './headers.js';
import type { RenderedAnswer } from './published-file.js';
import { reportsJson } from './reports-json.js';

/** What every answer needs besides the snapshot. */
export interface SiteContext {
  page: PageConfig;
  /** The status page's own address, for absolute links (page.url, or what the entry point knows). */
  publicUrl: string;
  now: Date;
  /** Set when the data could not be refreshed: answers say "as of" (pages) or carry x-lookout-stale (the rest). */
  stale: boolean;
  /** Visitor reports (the form, the chart, /api/v1/reports); absent when they are off. */
  reports?: ReportsConfig;
}

const staleHeader = (s: StatusSnapshot, ctx: SiteContext): Record<string, string> => (ctx.stale ? { 'x-lookout-stale': new Date(s.generatedAt).toISOString() } : {});

const frameOf = (s: StatusSnapshot, ctx: SiteContext): PageFrame => ({ page: ctx.page, now: ctx.now.getTime(), staleSince: ctx.stale ? (s.dataAt ?? s.generatedAt) : null, reports: ctx.reports });

function htmlAnswer(node: unknown, status = 200): RenderedAnswer {
  return { status, body: `<!doctype html>${String(node)}`, headers: { ...SECURITY_HEADERS, 'content-type': HTML, 'cache-control': status === 200 ? PAGE_CACHE_CONTROL : 'public, max-age=10' } };
}

export function jsonAnswer(value: unknown, s: StatusSnapshot, ctx: SiteContext, cacheControl = STATUS_CACHE): RenderedAnswer {
  return { status: 200, body: JSON.stringify(value), headers: { ...PUBLIC_API_HEADERS, 'content-type': JSON_TYPE, 'cache-control': cacheControl, ...staleHeader(s, ctx) } };
}

/** The answers every visitor gets, by path: made once per publication. */
export function renderSite(s: StatusSnapshot, ctx: SiteContext): Map<string, RenderedAnswer> {
  const v2 = statuspageViews(s, ctx);
  const json = (value: unknown) => jsonAnswer(value, s, ctx);
  const feed = (body: string, type: string): RenderedAnswer => ({ status: 200, body, headers: { ...PUBLIC_API_HEADERS, 'content-type': type, 'cache-control': STATUS_CACHE, ...staleHeader(s, ctx) } });
  const feedIncidents = s.incidents.slice(0, RECENT_INCIDENTS).map(feedIncident);
  const feedPage = { title: ctx.page.title, url: v2.ctx.pageUrl.replace(/\/+$/, '') };
  return new Map<string, RenderedAnswer>([
    ['/', htmlAnswer(<StatusPage snapshot={s} frame={frameOf(s, ctx)} />)],
    ['/history', historyAnswer(s, ctx, s.incidents.slice(0, RECENT_INCIDENTS))],
    ['/api/v2/summary.json', json({ page: v2.page, components: v2.components, incidents: v2.unresolved, scheduled_maintenances: v2.maintenances(['scheduled', 'in_progress', 'verifying']), status: v2.status })],
    ['/api/v2/status.json', json({ page: v2.page, status: v2.status })],
    ['/api/v2/components.json', json({ page: v2.page, components: v2.components })],
    ['/api/v2/incidents.json', json({ page: v2.page, incidents: v2.recent })],
    ['/api/v2/incidents/unresolved.json', json({ page: v2.page, incidents: v2.unresolved })],
    ['/api/v2/scheduled-maintenances.json', json({ page: v2.page, scheduled_maintenances: v2.maintenances(null) })],
    ['/api/v2/scheduled-maintenances/upcoming.json', json({ page: v2.page, scheduled_maintenances: v2.maintenances(['scheduled']) })],
    ['/api/v2/scheduled-maintenances/active.json', json({ page: v2.page, scheduled_maintenances: v2.maintenances(['in_progress', 'verifying']) })],
    ['/history.atom', feed(renderAtom(feedPage, feedIncidents, ctx.now), 'application/atom+xml; charset=utf-8')],
    ['/history.rss', feed(renderRss(feedPage, feedIncidents, ctx.now), 'application/rss+xml; charset=utf-8')],
    ['/api/v1/monitors', json({ monitors: monitorsJson(s) })],
    ['/api/v1/components', json({ components: s.components.map(componentJson) })],
    ['/api/v1/uptime', json(uptimeListJson(s, '24h'))],
    ...(ctx.reports?.enabled ? [['/api/v1/reports', json(reportsJson(s.reports))] as const] : []),
  ]);
}

/** The history page for a list of incidents (newest first); a link to older ones when the list is full. */
export function historyAnswer(s: StatusSnapshot, ctx: SiteContext, incidents: readonly SnapshotIncident[]): RenderedAnswer {
  const oldest = incidents[incidents.length - 1];
  const olderHref = incidents.length >= RECENT_INCIDENTS && oldest ? `/history?before=${encodeURIComponent(new Date(oldest.startedAt).toISOString())}` : null;
  return htmlAnswer(<HistoryPage incidents={incidents} frame={frameOf(s, ctx)} olderHref={olderHref} />);
}

export function incidentAnswer(s: StatusSnapshot, ctx: SiteContext, incident: SnapshotIncident | null): RenderedAnswer {
  if (!incident) return htmlAnswer(<MessagePage frame={frameOf(s, ctx)} title="Incident not found" message="There is no incident with this address." />, 404);
  return htmlAnswer(<IncidentPage incident={incident} frame={frameOf(s, ctx)} reports={{ evidence: s.reports.evidence[incident.id], curve: s.reports.curves[incident.id] }} />);
}

export function groupAnswer(s: StatusSnapshot, ctx: SiteContext, group: SnapshotComponent | undefined): RenderedAnswer {
  if (!group?.isGroup) return htmlAnswer(<MessagePage frame={frameOf(s, ctx)} title="Group not found" message="There is no group with this address." />, 404);
  return htmlAnswer(<GroupPage snapshot={s} frame={frameOf(s, ctx)} group={group} />);
}

/** The page every visitor gets when there is no data at all yet and the database cannot give any. */
export function unavailableAnswer(page: PageConfig, now: Date): RenderedAnswer {
  const frame: PageFrame = { page, now: now.getTime(), staleSince: null };
  const answer = htmlAnswer(<MessagePage frame={frame} title="Status temporarily unavailable" message="The status data cannot be read right now. This page will be back shortly; please try again in a minute." />, 503);
  return { ...answer, headers: { ...answer.headers, 'cache-control': 'no-store', 'retry-after': '30' } };
}

type BadgeMetric = 'status' | 'uptime' | 'response-time';
export interface BadgeRequest {
  kind: 'monitors' | 'components';
  id: string;
  metric: BadgeMetric;
  format: 'svg' | 'json';
  window?: WindowName;
  style: 'flat' | 'flat-square' | 'plastic' | 'for-the-badge' | 'social';
  label?: string;
}

/** A badge from the snapshot, or null when it names no monitor or component. */
export function badgeAnswer(s: StatusSnapshot, ctx: SiteContext, q: BadgeRequest): RenderedAnswer | null {
  const subject = q.kind === 'monitors' ? s.monitors.find((m) => m.id === q.id) : s.components.find((c) => c.id === q.id);
  if (!subject) return null;
  let badge: BadgeContent;
  if (q.metric === 'status') {
    badge = 'componentId' in subject ? monitorStatusBadge(q.label ?? subject.name, subject.status) : componentStatusBadge(q.label ?? subject.name, subject.status, subject.hasData);
  } else {
    const window = q.window ?? (q.metric === 'uptime' ? '30d' : '24h');
    const figures = subject.windows[window];
    badge = q.metric === 'uptime' ? uptimeBadge(window, figures.uptime) : responseTimeBadge(window, figures.avgResponseMs);
    if (q.label) badge = { ...badge, label: q.label };
  }
  const cache = `public, max-age=${BADGE_CACHE_SECONDS}`;
  if (q.format === 'json') return jsonAnswer(shieldsEndpoint(badge, BADGE_CACHE_SECONDS), s, ctx, cache);
  const svg = makeBadge({ label: badge.label, message: badge.message, color: badge.color, style: q.style });
  return { status: 200, body: svg, headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': cache, 'x-content-type-options': 'nosniff', ...staleHeader(s, ctx) } };
}

/** The snapshot's incidents and components in Statuspage's shapes. */
function statuspageViews(s: StatusSnapshot, ctx: SiteContext) {
  const pageUrl = ctx.page.url ?? ctx.publicUrl;
  const components: V2Component[] = [];
  const page = toV2Page({ id: pageIdOf(ctx.page.title), name: ctx.page.title, url: pageUrl, timeZone: ctx.page.timeZone }, [
    ...s.components.map((c) => new Date(c.updatedAt)),
    ...s.incidents.filter((i) => isOpenIncident(i) || s.incidents.indexOf(i) < RECENT_INCIDENTS).map((i) => new Date(i.updatedAt)),
    ...s.maintenances.map((m) => new Date(m.updatedAt)),
  ]);
  for (const c of s.components) {
    components.push(toV2Component({ ...c, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt), monitorsChangedAt: null }, page.id));
  }
  const v2ctx: V2Context = { pageId: page.id, pageUrl, components };
  const incidents = (list: readonly SnapshotIncident[]) => newestFirst(list.map((i) => toV2Incident(incidentFacts(i), v2ctx)));
  return {
    ctx: v2ctx,
    page,
    components,
    status: toV2Status(s.components, s.incidents.filter(isOpenIncident).map((i) => i.impact)),
    unresolved: incidents(s.incidents.filter(isOpenIncident)),
    recent: incidents(s.incidents.slice(0, RECENT_INCIDENTS)),
    /** Maintenance windows in the given states (all when null), the 50 newest. */
    maintenances: (states: readonly string[] | null) =>
      newestFirst(
        s.maintenances
          .filter((m) => !states || states.includes(m.status))
          .slice(0, RECENT_INCIDENTS)
          .map((m) => toV2Maintenance({ ...m, scheduledFor: new Date(m.scheduledFor), scheduledUntil: new Date(m.scheduledUntil), createdAt: new Date(m.createdAt), updatedAt: new Date(m.updatedAt) }, v2ctx)),
      ),
  };
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

function incidentFacts(i: SnapshotIncident): IncidentFacts {
  return {
    ...i, startedAt: new Date(i.startedAt), monitoringAt: date(i.monitoringAt), resolvedAt: date(i.resolvedAt), createdAt: new Date(i.createdAt), updatedAt: new Date(i.updatedAt),
    updates: i.updates.map((u) => ({ ...u, displayAt: new Date(u.displayAt), createdAt: new Date(u.createdAt), updatedAt: new Date(u.updatedAt) })),
  };
}

function feedIncident(i: SnapshotIncident): FeedIncident {
  return {
    ...incidentFacts(i), startedApprox: i.startedApprox, resolvedApprox: i.resolvedApprox, summary: i.summary, sources: i.sources,
    updates: i.updates.map((u) => ({ ...u, displayAt: new Date(u.displayAt) })),
  };
}

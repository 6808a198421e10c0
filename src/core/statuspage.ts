import { groupBy } from './group-by.js';
import { componentStatus, INDICATOR_DESCRIPTION, overallIndicator, worseOf, type ComponentStatus, type Impact, type Indicator } from './service-status.js';
import type { Status } from './types.js';

/**
 * Statuspage public API v2 shapes (the de-facto status API: client libraries, the embed widget and Grafana's
 * data source read it), and the pure mapping from Lookout's data into them. Every key is always present;
 * lists are arrays, never null.
 */
export interface V2Page {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface V2Component {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of their children, in display order. */
  components?: string[];
}

export interface V2Status {
  indicator: Indicator;
  description: string;
}

/** A component row as stored, with the inputs of its status. */
export interface ComponentFacts {
  id: string;
  name: string;
  groupId: string | null;
  isGroup: boolean;
  position: number;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Confirmed status of each active monitor reporting into this component. */
  monitorStatuses: Status[];
  /** When the latest of those monitors changed status: a status change is an update of the component. */
  monitorsChangedAt: Date | null;
  /** Statuses that unresolved incidents give this component. */
  incidentStatuses: ComponentStatus[];
  inMaintenance: boolean;
}

/** A component with its resolved status, before it is shaped for any API. */
export interface ResolvedComponent extends Omit<ComponentFacts, 'groupId'> {
  status: ComponentStatus;
  hasData: boolean;
  /** Null when the component has no group, or its group is missing (so every group_id names a present group). */
  groupId: string | null;
  /** Children of a group, in display order; empty for a plain component. */
  childIds: string[];
}

/**
 * Resolve every component's status with the one rule of service-status.ts, and order the list for display:
 * top-level entries by position, each group followed by its children. A group takes the worst status of its
 * children (its own incidents and maintenance count too). A component naming a group that is not in the list
 * is shown at the top level rather than pointing at nothing.
 */
export function resolveComponents(facts: readonly ComponentFacts[]): ResolvedComponent[] {
  const byPosition = (a: ComponentFacts, b: ComponentFacts) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  const groupIds = new Set(facts.filter((f) => f.isGroup).map((f) => f.id));
  const own = (f: ComponentFacts) => componentStatus({ monitorStatuses: f.monitorStatuses, incidentStatuses: f.incidentStatuses, inMaintenance: f.inMaintenance });
  const parentOf = (f: ComponentFacts) => (!f.isGroup && f.groupId && groupIds.has(f.groupId) ? f.groupId : null);
  const children = groupBy(facts.filter((f) => parentOf(f) !== null), parentOf);
  const top = facts.filter((f) => parentOf(f) === null);
  const plain = (f: ComponentFacts, groupId: string | null): ResolvedComponent => ({ ...f, ...own(f), groupId, childIds: [] });
  const out: ResolvedComponent[] = [];
  for (const f of [...top].sort(byPosition)) {
    if (!f.isGroup) {
      out.push(plain(f, null));
      continue;
    }
    const kids = [...(children.get(f.id) ?? [])].sort(byPosition).map((k) => plain(k, f.id));
    const self = own(f);
    const status = kids.reduce<ComponentStatus>((s, k) => worseOf(s, k.status), self.status);
    const hasData = self.hasData || kids.some((k) => k.hasData);
    const latest = [f.updatedAt, ...kids.map((k) => latestChange(k))].reduce((a, b) => (b > a ? b : a));
    out.push({ ...f, status, hasData, groupId: null, childIds: kids.map((k) => k.id), updatedAt: latest, monitorsChangedAt: null }, ...kids);
  }
  return out;
}

function latestChange(c: { updatedAt: Date; monitorsChangedAt: Date | null }): Date {
  return c.monitorsChangedAt && c.monitorsChangedAt > c.updatedAt ? c.monitorsChangedAt : c.updatedAt;
}

/** A resolved component in Statuspage's shape. Groups carry `components` (child ids); others do not. */
export function toV2Component(c: Pick<ResolvedComponent, 'id' | 'name' | 'status' | 'createdAt' | 'updatedAt' | 'monitorsChangedAt' | 'position' | 'description' | 'isGroup' | 'groupId' | 'childIds'>, pageId: string): V2Component {
  const out: V2Component = {
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: c.createdAt.toISOString(),
    updated_at: latestChange(c).toISOString(),
    position: c.position,
    description: c.description,
    showcase: !c.isGroup,
    start_date: null,
    group_id: c.groupId,
    page_id: pageId,
    group: c.isGroup,
    only_show_if_degraded: false,
  };
  if (c.isGroup) out.components = c.childIds;
  return out;
}

/**
 * The page's overall status: the indicator from the worst non-group component (groups only repeat their
 * children) and the impacts of unresolved incidents, with Statuspage's wording.
 */
export function toV2Status(components: ReadonlyArray<Pick<ResolvedComponent, 'isGroup' | 'status'>>, openIncidentImpacts: readonly Impact[]): V2Status {
  const indicator = overallIndicator(components.filter((c) => !c.isGroup).map((c) => c.status), openIncidentImpacts);
  return { indicator, description: INDICATOR_DESCRIPTION[indicator] };
}

/** The page object every v2 response starts with; `updated_at` is the latest change of anything shown. */
export function toV2Page(page: { id: string; name: string; url: string; timeZone: string }, changes: ReadonlyArray<Date | null>): V2Page {
  const latest = changes.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  return { id: page.id, name: page.name, url: page.url, time_zone: page.timeZone, updated_at: (latest ?? new Date(0)).toISOString() };
}

/**
 * A stable page id from the page's name (Statuspage ids are opaque strings; consumers only compare them).
 * FNV-1a, so the id needs no crypto and is the same on every runtime.
 */
export function pageIdOf(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `lk${h.toString(36).padStart(7, '0')}`;
}

import type { ComponentStatus, Impact, Indicator, Status } from './statuses.js';

export type { ComponentStatus, Impact, Indicator } from './statuses.js';

/** How bad each status is, 0 (operational) to 4 (major outage): worseOf compares these. */
const SEVERITY: Readonly<Record<ComponentStatus, number>> = { operational: 0, under_maintenance: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4 };

export const INDICATOR_DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major Service Outage',
  maintenance: 'Service Under Maintenance',
};

export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export function worseOf(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/**
 * The rule shared by monitors and checks: all down → major_outage; some down → partial_outage; any degraded →
 * degraded_performance; otherwise operational. Null when nothing was counted. A component's status (monitors),
 * a day on the 90-day bar (checks) and the alert state machine (announced monitors) all go through it.
 */
export function statusOfCounts(c: { up: number; degraded: number; down: number }): ComponentStatus | null {
  const counted = c.up + c.degraded + c.down;
  if (counted === 0) return null;
  return c.down === counted ? 'major_outage' : c.down > 0 ? 'partial_outage' : c.degraded > 0 ? 'degraded_performance' : 'operational';
}

/** How many of `statuses` are up, degraded and down (others are not counted). */
function countVerdicts(statuses: readonly string[]): { up: number; degraded: number; down: number } {
  const out = { up: 0, degraded: 0, down: 0 };
  for (const s of statuses) if (s === 'up' || s === 'degraded' || s === 'down') out[s]++;
  return out;
}

/**
 * The one rule that turns monitor states, open incidents and maintenance into a component's status:
 *
 * 1. Monitors: all down → major_outage; some down → partial_outage; any degraded → degraded_performance;
 *    otherwise operational. Monitors with no data yet ('unknown') are left out; a component whose monitors
 *    all lack data is operational with `hasData: false` (the page says "no data yet").
 * 2. An open incident naming the component with a worse status raises it to that status (an engineer's word
 *    counts even when probes look fine, e.g. a problem our probes cannot see).
 * 3. An active maintenance window shows under_maintenance unless an incident says worse.
 */
export function componentStatus(input: {
  monitorStatuses: readonly Status[];
  incidentStatuses: readonly ComponentStatus[];
  inMaintenance: boolean;
}): { status: ComponentStatus; hasData: boolean } {
  const known = input.monitorStatuses.filter((s) => s !== 'unknown' && s !== 'maintenance');
  const fromMonitors = statusOfCounts(countVerdicts(known)) ?? 'operational';
  const fromIncidents = input.incidentStatuses.reduce<ComponentStatus>(worseOf, 'operational');
  let status: ComponentStatus;
  if (input.inMaintenance) status = SEVERITY[fromIncidents] > SEVERITY.under_maintenance ? fromIncidents : 'under_maintenance';
  else status = worseOf(fromMonitors, fromIncidents);
  return { status, hasData: known.length > 0 || input.inMaintenance };
}

/**
 * The page's overall indicator: the worst component decides (major_outage → critical, partial_outage → major,
 * degraded_performance → minor); an unresolved incident's impact raises it further; with nothing wrong but a
 * maintenance in progress, it is "maintenance".
 */
export function overallIndicator(components: readonly ComponentStatus[], openIncidentImpacts: readonly Impact[] = []): Indicator {
  const worst = components.reduce<ComponentStatus>(worseOf, 'operational');
  const rank: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
  let indicator: Indicator =
    worst === 'major_outage' ? 'critical' : worst === 'partial_outage' ? 'major' : worst === 'degraded_performance' ? 'minor' : worst === 'under_maintenance' ? 'maintenance' : 'none';
  for (const impact of openIncidentImpacts) if (impact !== 'maintenance' && rank[impact] > rank[indicator]) indicator = impact;
  return indicator;
}

import { COMPONENT_STATUS_LABEL, type ComponentStatus } from './service-status.js';
import type { Status } from './types.js';
import { formatUptime } from './uptime.js';

/** What a badge says, independent of how it is drawn (SVG) or served (shields.io endpoint JSON). */
export interface BadgeContent {
  label: string;
  message: string;
  /** A shields.io named colour. */
  color: string;
}

const MONITOR: Record<Status, { message: string; color: string }> = {
  up: { message: 'up', color: 'brightgreen' },
  degraded: { message: 'degraded', color: 'yellow' },
  down: { message: 'down', color: 'red' },
  unknown: { message: 'no data', color: 'lightgrey' },
  maintenance: { message: 'maintenance', color: 'blue' },
};

const COMPONENT: Record<ComponentStatus, string> = {
  operational: 'brightgreen',
  degraded_performance: 'yellow',
  partial_outage: 'orange',
  major_outage: 'red',
  under_maintenance: 'blue',
};

/** A monitor's confirmed status; "no data" before its first check. */
export function monitorStatusBadge(label: string, status: Status): BadgeContent {
  return { label, ...(MONITOR[status] ?? MONITOR.unknown) };
}

/** A component's status in the page's words; "no data" while none of its monitors has reported. */
export function componentStatusBadge(label: string, status: ComponentStatus, hasData: boolean): BadgeContent {
  if (!hasData) return { label, message: 'no data', color: 'lightgrey' };
  return { label, message: COMPONENT_STATUS_LABEL[status].toLowerCase(), color: COMPONENT[status] };
}

/** Uptime over a window, with the page's formatting (never rounded up to 100 %) and colour steps. */
export function uptimeBadge(window: string, uptime: number | null): BadgeContent {
  const label = `uptime ${window}`;
  if (uptime === null) return { label, message: 'no data', color: 'lightgrey' };
  const pct = uptime * 100;
  const color = pct >= 99.9 ? 'brightgreen' : pct >= 99 ? 'green' : pct >= 97 ? 'yellowgreen' : pct >= 95 ? 'yellow' : pct >= 90 ? 'orange' : 'red';
  return { label, message: formatUptime(uptime).replace(' %', '%'), color };
}

/** Mean response time of answered checks over a window. */
export function responseTimeBadge(window: string, avgMs: number | null): BadgeContent {
  const label = `response time ${window}`;
  if (avgMs === null) return { label, message: 'no data', color: 'lightgrey' };
  const color = avgMs < 300 ? 'brightgreen' : avgMs < 1000 ? 'green' : avgMs < 2000 ? 'yellow' : avgMs < 5000 ? 'orange' : 'red';
  return { label, message: `${Math.round(avgMs)} ms`, color };
}

/**
 * The shields.io endpoint JSON for a badge: schemaVersion, label, message, color and, of the optional keys
 * shields accepts, only cacheSeconds — shields rejects unknown keys.
 */
export function shieldsEndpoint(b: BadgeContent, cacheSeconds: number): { schemaVersion: 1; label: string; message: string; color: string; cacheSeconds: number } {
  return { schemaVersion: 1, label: b.label, message: b.message, color: b.color, cacheSeconds };
}

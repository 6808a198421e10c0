import type { AlertEvent } from '../../core/alert-events.js';
import type { ChannelContext } from '../channel.js';

/** A human sentence about an event, shared by the chat and paging formats. */
export interface EventSummary {
  title: string;
  text: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  /** Colour for chat cards: red, orange, green, blue. */
  color: number;
  /** The thing a pager deduplicates on: the monitor for monitor events, the incident otherwise. */
  subject: string;
  /** Whether this event closes what an earlier one opened. */
  resolves: boolean;
}

const RED = 0xd93f0b;
const ORANGE = 0xf0ad4e;
const GREEN = 0x2ea043;
const BLUE = 0x1f6feb;

export function summarize(event: AlertEvent, ctx: ChannelContext): EventSummary {
  switch (event.type) {
    case 'monitor.down':
    case 'monitor.degraded':
    case 'monitor.recovered': {
      const d = event.data;
      const name = `${d.monitor.name} (${d.monitor.component})`;
      const why = d.reason ? `: ${d.reason}` : '';
      if (event.type === 'monitor.down') return { title: `${name} is down`, text: `${name} is down${why}`, severity: 'critical', color: RED, subject: `monitor:${d.monitor.id}`, resolves: false };
      if (event.type === 'monitor.degraded') return { title: `${name} is degraded`, text: `${name} is degraded${why}`, severity: 'warning', color: ORANGE, subject: `monitor:${d.monitor.id}`, resolves: false };
      return { title: `${name} recovered`, text: `${name} is ${d.status} again (was ${d.previousStatus})`, severity: 'info', color: GREEN, subject: `monitor:${d.monitor.id}`, resolves: true };
    }
    case 'incident.opened':
    case 'incident.updated':
    case 'incident.resolved': {
      const { incident: i, reminder } = event.data;
      const affected = i.components.map((c) => `${c.name || ctx.componentName(c.id)}: ${c.status.replace(/_/g, ' ')}`).join(', ');
      const verb = event.type === 'incident.opened' ? 'Incident opened' : event.type === 'incident.resolved' ? 'Incident resolved' : reminder ? 'Incident still open' : 'Incident updated';
      const text = [`${verb}: ${i.title} (impact ${i.impact}, ${i.status})`, affected && `Affected: ${affected}`, i.latestUpdate].filter(Boolean).join('\n');
      const severity = event.type === 'incident.resolved' ? 'info' : i.impact === 'critical' ? 'critical' : i.impact === 'major' ? 'error' : 'warning';
      return { title: `${verb}: ${i.title}`, text, severity, color: event.type === 'incident.resolved' ? GREEN : RED, subject: `incident:${i.id}`, resolves: event.type === 'incident.resolved' };
    }
    case 'certificate.expiring': {
      const d = event.data;
      const name = `${d.monitor.name} (${d.monitor.component})`;
      const when = d.daysLeft < 0 ? 'has expired' : `expires in ${d.daysLeft} day${d.daysLeft === 1 ? '' : 's'}`;
      const text = `The TLS certificate of ${name} ${when} (${d.expiresAt})`;
      return { title: `Certificate of ${name} ${when}`, text, severity: d.threshold === 'down' ? 'error' : 'warning', color: d.threshold === 'down' ? RED : ORANGE, subject: `certificate:${d.monitor.id}`, resolves: false };
    }
    case 'location.offline':
    case 'location.impaired':
    case 'location.recovered': {
      const { location: l, lastSeenAt } = event.data;
      const text = event.type === 'location.offline' ? `Location ${l.name} is offline: no reports for two intervals (last seen ${lastSeenAt ?? 'never'}); it does not vote`
        : event.type === 'location.impaired' ? `Location ${l.name} is impaired: its own network fails (its control probe too); it does not vote`
        : `Location ${l.name} reports again (was ${event.data.previousHealth})`;
      const recovered = event.type === 'location.recovered';
      return { title: text.split(':')[0]!, text, severity: recovered ? 'info' : 'warning', color: recovered ? GREEN : ORANGE, subject: `location:${l.id}`, resolves: recovered };
    }
    case 'endpoint.test': {
      const d = event.data;
      const text = `Test event for ${d.endpoint.name}, sent from the Lookout console by ${d.requestedBy}. Nothing is wrong.`;
      return { title: 'Lookout test event', text, severity: 'info', color: BLUE, subject: `test:${d.endpoint.id}`, resolves: false };
    }
    case 'reports.spike': {
      const d = event.data;
      const text = `${d.summary}: ${d.reports} reports from ${d.networks} networks in 15 minutes (usually ${d.usual}). Reports from visitors, not a confirmed outage: the checks pass.`;
      return { title: `${d.summary} (reports, not confirmed)`, text, severity: 'warning', color: ORANGE, subject: `reports:${d.component.id}`, resolves: false };
    }
    case 'maintenance.started':
    case 'maintenance.completed': {
      const { maintenance: m } = event.data;
      const verb = event.type === 'maintenance.started' ? 'Maintenance started' : 'Maintenance completed';
      const where = m.componentIds.map(ctx.componentName).join(', ');
      return { title: `${verb}: ${m.title}`, text: `${verb}: ${m.title}${where ? ` (${where})` : ''}, ${m.scheduledFor} – ${m.scheduledUntil}`, severity: 'info', color: BLUE, subject: `maintenance:${m.id}`, resolves: event.type === 'maintenance.completed' };
    }
  }
}

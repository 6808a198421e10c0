import type postgres from 'postgres';
import { alertEvent, type AlertEvent, type AlertEventOf } from '../core/alert-events.js';
import { EMPTY_SERVICE_STATE, stepService, type AlertIntent, type IncidentPolicy, type MonitorIntent } from '../core/incident.js';
import type { ComponentStatus } from '../core/service-status.js';
import { insertOutboxEvents } from '../db/alert-store.js';
import {
  incidentEventData, loadServiceMonitors, lockOrphanedServices, lockServiceStates, openAutoIncident, resolveAutoIncident, saveServiceState, serviceKeysOf, updateAutoIncident,
  type ServiceMonitorRow,
} from '../db/incident-store.js';
import type { MonitorOutcome } from '../scheduler/evaluate-monitor.js';

export interface RecordContext {
  policy: IncidentPolicy;
  newId: (prefix: string) => string;
}

/**
 * The tick's incident/alert step, inside its transaction: for every service a ticked monitor belongs to, run
 * the state machine over all of its monitors, write the incident changes, and queue the events (outbox) —
 * atomically with the checks, so an event exists exactly when the state change that caused it does.
 */
export async function recordAlertOutcomes(tx: postgres.TransactionSql, outcomes: readonly MonitorOutcome[], now: Date, ctx: RecordContext): Promise<void> {
  if (!outcomes.length) return;
  // Lock first, then read: two schedulers ticking monitors of one service take turns, and the second sees the
  // first's committed monitor states rather than a snapshot from before it waited.
  const keys = await serviceKeysOf(tx, outcomes.map((o) => o.update.monitorId));
  const states = await lockServiceStates(tx, keys);
  const monitors = await loadServiceMonitors(tx, keys, now);
  const byService = new Map<string, ServiceMonitorRow[]>();
  for (const m of monitors) byService.set(m.serviceKey, [...(byService.get(m.serviceKey) ?? []), m]);
  const events: AlertEvent[] = [];
  for (const [key, members] of byService) {
    const { state, incidentId } = states.get(key)!;
    const step = stepService(state, members, now, ctx.policy);
    let id = incidentId;
    for (const intent of step.events) {
      if ('monitorId' in intent) {
        events.push(monitorEvent(intent, members, now, ctx));
        continue;
      }
      id = await applyIncidentIntent(tx, intent, id, key, members, now, ctx);
      const incident = id ? await incidentEventData(tx, id) : null;
      if (incident) events.push(alertEvent(intent.type, ctx.newId('evt'), now, { incident, ...(intent.type === 'incident.updated' ? { reminder: intent.reminder } : {}) }));
      if (intent.type === 'incident.resolved') id = null;
    }
    await saveServiceState(tx, key, step.state, id, now);
  }
  for (const o of outcomes) {
    const crossed = o.certificateCrossed;
    const m = crossed && monitors.find((x) => x.id === o.update.monitorId);
    if (!crossed || !m) continue;
    events.push(alertEvent('certificate.expiring', ctx.newId('evt'), now, {
      monitor: { id: m.id, name: m.name, componentId: m.componentId, component: m.componentName, serviceKey: m.serviceKey },
      threshold: crossed.threshold, expiresAt: crossed.expiresAt.toISOString(), daysLeft: crossed.daysLeft, inMaintenance: m.inMaintenance,
    }));
  }
  for (const orphan of await lockOrphanedServices(tx)) {
    if (await resolveAutoIncident(tx, orphan.incidentId, ctx.newId('upd'), 'Automatic: no monitor watches this service any more.', now)) {
      const incident = await incidentEventData(tx, orphan.incidentId);
      if (incident) events.push(alertEvent('incident.resolved', ctx.newId('evt'), now, { incident }));
    }
    await saveServiceState(tx, orphan.serviceKey, EMPTY_SERVICE_STATE, null, now);
  }
  await insertOutboxEvents(tx, events);
}

async function applyIncidentIntent(tx: postgres.TransactionSql, intent: AlertIntent, id: string | null, key: string, members: ServiceMonitorRow[], now: Date, ctx: RecordContext): Promise<string | null> {
  const names = new Map(members.map((m) => [m.componentId, m.componentName]));
  switch (intent.type) {
    case 'incident.opened': {
      const newId = ctx.newId('inc');
      const down = members.filter((m) => m.status === 'down' && !m.inMaintenance);
      const starts = down.map((m) => m.firstFailureAt?.getTime() ?? now.getTime());
      const serviceName = members[0]!.serviceName;
      const downNames = downComponentNames(intent.components, names);
      await openAutoIncident(tx, {
        id: newId, updateId: ctx.newId('upd'), serviceKey: key, impact: intent.impact, components: intent.components,
        title: downNames.length === 1 && downNames[0] === serviceName ? `${serviceName} is down` : `${serviceName}: ${downNames.join(' and ')} down`,
        startedAt: new Date(Math.min(now.getTime(), ...starts)),
        body: `Automatic: ${down.map((m) => `${m.name} is down${m.reason ? ` (${m.reason})` : ''}`).join('; ')}. We are investigating.`,
        evidence: { monitors: down.map((m) => ({ id: m.id, errorClass: m.errorClass, reason: m.reason, firstFailureAt: m.firstFailureAt?.toISOString() ?? null, ...(m.signature ? { signature: m.signature } : {}) })) },
      }, now);
      return newId;
    }
    case 'incident.updated':
      if (!intent.reminder && id) {
        await updateAutoIncident(tx, id, ctx.newId('upd'), { impact: intent.impact, components: intent.components, body: `Automatic: now ${describeComponents(intent.components, names)}.` }, now);
      }
      return id;
    case 'incident.resolved':
      if (id) await resolveAutoIncident(tx, id, ctx.newId('upd'), `Automatic: every check of ${members[0]!.serviceName} passes again.`, now);
      return id;
    default:
      return id;
  }
}

function monitorEvent(intent: MonitorIntent, members: ServiceMonitorRow[], now: Date, ctx: RecordContext): AlertEventOf<MonitorIntent['type']> {
  const m = members.find((x) => x.id === intent.monitorId)!;
  return alertEvent(intent.type, ctx.newId('evt'), now, {
    monitor: { id: m.id, name: m.name, componentId: m.componentId, component: m.componentName, serviceKey: m.serviceKey },
    status: intent.to, previousStatus: intent.from,
    reason: intent.to === 'up' ? null : m.reason, errorClass: intent.to === 'up' ? null : m.errorClass, inMaintenance: m.inMaintenance,
    ...(m.signature && intent.to !== 'up' ? { signature: m.signature } : {}),
  });
}

function downComponentNames(components: Record<string, ComponentStatus>, names: Map<string, string>): string[] {
  return Object.entries(components).filter(([, s]) => s === 'major_outage' || s === 'partial_outage').map(([id]) => names.get(id) ?? id);
}

function describeComponents(components: Record<string, ComponentStatus>, names: Map<string, string>): string {
  return Object.entries(components).map(([id, s]) => `${names.get(id) ?? id}: ${s.replace(/_/g, ' ')}`).join(', ');
}

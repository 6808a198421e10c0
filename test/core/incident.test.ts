import { describe, expect, it } from 'vitest';
import { EMPTY_SERVICE_STATE, stepService, type IncidentPolicy, type MonitorView, type ServiceAlertState } from '../../src/core/incident.js';

const policy: IncidentPolicy = { impactByComponent: { api: 'critical', web: 'major' }, defaultImpact: 'minor', recoverAfterMs: 120_000, reminderIntervalMs: null };
const T0 = new Date('2026-03-10T12:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const api = (status: MonitorView['status'], inMaintenance = false): MonitorView => ({ id: 'a', componentId: 'api', status, inMaintenance });
const web = (status: MonitorView['status'], inMaintenance = false): MonitorView => ({ id: 'w', componentId: 'web', status, inMaintenance });

/** Run a sequence of (seconds, monitors) through the machine; return every event type in order. */
function run(steps: Array<[number, MonitorView[]]>, p: IncidentPolicy = policy, start: ServiceAlertState = EMPTY_SERVICE_STATE) {
  let state = start;
  const types: string[] = [];
  for (const [s, monitors] of steps) {
    const r = stepService(state, monitors, at(s), p);
    state = r.state;
    types.push(...r.events.map((e) => ('reminder' in e && e.reminder ? `${e.type}(reminder)` : e.type)));
  }
  return { state, types };
}

describe('incident state machine (truth table of core/incident.ts)', () => {
  it.each<[string, Array<[number, MonitorView[]]>, string[]]>([
    ['all up: nothing', [[0, [api('up'), web('up')]]], []],
    ['unknown (no data yet): nothing', [[0, [api('unknown')]]], []],
    ['worse at once: down opens an incident', [[0, [api('down'), web('up')]]], ['monitor.down', 'incident.opened']],
    ['degraded announces but opens nothing', [[0, [api('degraded')]]], ['monitor.degraded']],
    ['still down: nothing more', [[0, [api('down')]], [60, [api('down')]]], ['monitor.down', 'incident.opened']],
    ['better, held < recoverAfter: nothing', [[0, [api('down')]], [60, [api('up')]], [120, [api('up')]]], ['monitor.down', 'incident.opened']],
    ['better, held ≥ recoverAfter: recovered and resolved', [[0, [api('down')]], [60, [api('up')]], [180, [api('up')]]], ['monitor.down', 'incident.opened', 'monitor.recovered', 'incident.resolved']],
    ['a relapse restarts the quiet period', [[0, [api('down')]], [60, [api('up')]], [120, [api('down')]], [180, [api('up')]], [240, [api('up')]]], ['monitor.down', 'incident.opened']],
    ['second component down: incident.updated with the new impact', [[0, [api('up'), web('down')]], [60, [api('down'), web('down')]]], ['monitor.down', 'incident.opened', 'monitor.down', 'incident.updated']],
    ['in maintenance: a failure announces nothing', [[0, [api('down', true)]], [60, [api('down', true)]]], []],
    ['maintenance ends while still down: announced then', [[0, [api('down', true)]], [60, [api('down')]]], ['monitor.down', 'incident.opened']],
    ['down → degraded after the quiet period: recovered, incident resolved', [[0, [api('down')]], [60, [api('degraded')]], [200, [api('degraded')]]], ['monitor.down', 'incident.opened', 'monitor.recovered', 'incident.resolved']],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps).types).toEqual(expected);
  });

  it('impact is the worst rule among down components; unnamed components get the default', () => {
    const r = stepService(EMPTY_SERVICE_STATE, [web('down')], T0, policy);
    expect(r.events[1]).toMatchObject({ type: 'incident.opened', impact: 'major', components: { web: 'major_outage' } });
    const both = stepService(r.state, [api('down'), web('down')], at(60), policy);
    expect(both.events.at(-1)).toMatchObject({ type: 'incident.updated', impact: 'critical', reminder: false });
    const other = stepService(EMPTY_SERVICE_STATE, [{ id: 'x', componentId: 'other', status: 'down', inMaintenance: false }], T0, policy);
    expect(other.events[1]).toMatchObject({ impact: 'minor' });
  });

  it('one of two monitors of a component down is a partial outage', () => {
    const r = stepService(EMPTY_SERVICE_STATE, [api('down'), { id: 'a2', componentId: 'api', status: 'up', inMaintenance: false }], T0, policy);
    expect(r.events.at(-1)).toMatchObject({ type: 'incident.opened', components: { api: 'partial_outage' } });
  });

  it.each([
    [null, 20, 0],
    [300_000, 20, 3], // 20 minutes open, a reminder every 5 minutes after the opening notice: at 5, 10, 15
  ])('reminders (interval %s ms) while an incident stays open %s minutes: %s', (interval, minutes, reminders) => {
    const steps: Array<[number, MonitorView[]]> = Array.from({ length: minutes }, (_, i) => [i * 60, [api('down')]]);
    const { types } = run(steps, { ...policy, reminderIntervalMs: interval });
    expect(types.filter((t) => t === 'incident.updated(reminder)')).toHaveLength(reminders);
  });

  it('an operator-closed incident is not reopened until the service is well again', () => {
    const suppressed: ServiceAlertState = { monitors: { a: { announced: 'down', betterSince: null } }, incident: null, suppressed: true };
    expect(run([[0, [api('down')]]], policy, suppressed).types).toEqual([]);
    const healed = run([[0, [api('up')]], [200, [api('up')]], [260, [api('down')]]], policy, suppressed);
    expect(healed.types).toEqual(['monitor.recovered', 'monitor.down', 'incident.opened']);
  });

  it('flapping every minute for 20 minutes: one incident, one down, no recovery until it holds', () => {
    const steps: Array<[number, MonitorView[]]> = Array.from({ length: 20 }, (_, i) => [i * 60, [api(i % 2 === 0 ? 'down' : 'up')]]);
    const { types, state } = run(steps);
    expect(types).toEqual(['monitor.down', 'incident.opened']);
    expect(state.incident).not.toBeNull();
  });
});

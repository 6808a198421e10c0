import { describe, expect, it } from 'vitest';
import { pageIdOf, resolveComponents, toV2Component, toV2Page, toV2Status, type ComponentFacts } from '../../src/core/statuspage.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const fact = (over: Partial<ComponentFacts> & { id: string }): ComponentFacts => ({
  name: over.id, groupId: null, isGroup: false, position: 0, description: null, createdAt: t0, updatedAt: t0,
  monitorStatuses: ['up'], monitorsChangedAt: null, incidentStatuses: [], inMaintenance: false, ...over,
});

describe('resolveComponents', () => {
  it('orders groups before their children, lists the children and takes the worst child status', () => {
    const out = resolveComponents([
      fact({ id: 'web', groupId: 'x', position: 1, monitorStatuses: ['down'], monitorsChangedAt: new Date('2026-01-02T00:00:00Z') }),
      fact({ id: 'api', groupId: 'x', position: 0, monitorStatuses: ['degraded'] }),
      fact({ id: 'x', isGroup: true, monitorStatuses: [] }),
      fact({ id: 'solo', position: 1 }),
    ]);
    expect(out.map((c) => [c.id, c.status, c.groupId])).toEqual([
      ['x', 'major_outage', null], ['api', 'degraded_performance', 'x'], ['web', 'major_outage', 'x'], ['solo', 'operational', null],
    ]);
    expect(out[0]!.childIds).toEqual(['api', 'web']);
    expect(out[0]!.updatedAt.toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('never points a group_id at a group that is not in the list', () => {
    const out = resolveComponents([fact({ id: 'orphan', groupId: 'gone' })]);
    expect(out[0]!.groupId).toBeNull();
  });

  it('applies incidents and maintenance through the one service-status rule', () => {
    const out = resolveComponents([
      fact({ id: 'a', incidentStatuses: ['partial_outage'] }),
      fact({ id: 'b', position: 1, monitorStatuses: ['down'], inMaintenance: true }),
      fact({ id: 'c', position: 2, monitorStatuses: ['unknown'] }),
    ]);
    expect(out.map((c) => [c.status, c.hasData])).toEqual([['partial_outage', true], ['under_maintenance', true], ['operational', false]]);
  });
});

describe('v2 shapes', () => {
  it('shapes a group and a child with every key', () => {
    const [g, c] = resolveComponents([fact({ id: 'x', isGroup: true, monitorStatuses: [] }), fact({ id: 'api', groupId: 'x' })]);
    expect(toV2Component(g!, 'p')).toEqual({
      id: 'x', name: 'x', status: 'operational', created_at: t0.toISOString(), updated_at: t0.toISOString(), position: 0,
      description: null, showcase: false, start_date: null, group_id: null, page_id: 'p', group: true, only_show_if_degraded: false, components: ['api'],
    });
    expect(toV2Component(c!, 'p')).not.toHaveProperty('components');
    expect(toV2Component(c!, 'p').group_id).toBe('x');
  });

  it('derives the indicator from non-group components and open incident impacts', () => {
    const comps = resolveComponents([fact({ id: 'x', isGroup: true, monitorStatuses: [] }), fact({ id: 'a', groupId: 'x', monitorStatuses: ['up', 'down'] })]);
    expect(toV2Status(comps, [])).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(toV2Status(comps, ['critical'])).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
    expect(toV2Status([], [])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  it('gives the page a stable id and the latest change as updated_at', () => {
    expect(pageIdOf('X status')).toBe(pageIdOf('X status'));
    expect(pageIdOf('X status')).not.toBe(pageIdOf('Y status'));
    const p = toV2Page({ id: 'p', name: 'n', url: 'https://s', timeZone: 'UTC' }, [t0, null, new Date('2026-02-01T00:00:00Z')]);
    expect(p).toEqual({ id: 'p', name: 'n', url: 'https://s', time_zone: 'UTC', updated_at: '2026-02-01T00:00:00.000Z' });
  });
});

import { describe, expect, it } from 'vitest';
import { componentStatus, overallIndicator, type ComponentStatus } from '../../src/core/service-status.js';
import type { Status } from '../../src/core/types.js';

describe('componentStatus', () => {
  it.each<[Status[], ComponentStatus[], boolean, ComponentStatus, boolean]>([
    [['up', 'up'], [], false, 'operational', true],
    [['up', 'degraded'], [], false, 'degraded_performance', true],
    [['up', 'down'], [], false, 'partial_outage', true],
    [['down', 'down'], [], false, 'major_outage', true],
    [['down', 'unknown'], [], false, 'major_outage', true],
    [['unknown'], [], false, 'operational', false],
    [[], [], false, 'operational', false],
    [['up'], ['partial_outage'], false, 'partial_outage', true],
    [['down'], ['degraded_performance'], false, 'major_outage', true],
    [['down'], [], true, 'under_maintenance', true],
    [['up'], ['major_outage'], true, 'major_outage', true],
  ])('monitors %j, incidents %j, maintenance %s → %s', (monitorStatuses, incidentStatuses, inMaintenance, status, hasData) => {
    expect(componentStatus({ monitorStatuses, incidentStatuses, inMaintenance })).toEqual({ status, hasData });
  });
});

describe('overallIndicator', () => {
  it.each<[ComponentStatus[], string]>([
    [['operational', 'operational'], 'none'],
    [['operational', 'degraded_performance'], 'minor'],
    [['partial_outage', 'degraded_performance'], 'major'],
    [['major_outage', 'operational'], 'critical'],
    [['under_maintenance', 'operational'], 'maintenance'],
    [['under_maintenance', 'partial_outage'], 'major'],
  ])('%j → %s', (components, indicator) => expect(overallIndicator(components)).toBe(indicator));
  it('is raised by an open incident impact', () => {
    expect(overallIndicator(['operational'], ['major'])).toBe('major');
    expect(overallIndicator(['major_outage'], ['minor'])).toBe('critical');
  });
});

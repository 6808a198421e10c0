import { describe, expect, it } from 'vitest';
import { canMoveIncident, type IncidentStatusName } from '../../src/core/incident-status.js';

describe('incident status transitions', () => {
  it.each<[IncidentStatusName, IncidentStatusName, boolean]>([
    ['investigating', 'identified', true],
    ['investigating', 'monitoring', true],
    ['investigating', 'resolved', true],
    ['identified', 'investigating', true],
    ['monitoring', 'resolved', true],
    ['investigating', 'postmortem', false],
    ['monitoring', 'postmortem', false],
    ['resolved', 'postmortem', true],
    ['resolved', 'investigating', false],
    ['resolved', 'resolved', false],
    ['postmortem', 'postmortem', true],
    ['postmortem', 'resolved', false],
    ['postmortem', 'monitoring', false],
  ])('%s → %s: %s', (from, to, ok) => {
    expect(canMoveIncident(from, to)).toBe(ok);
  });
});

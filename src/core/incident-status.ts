import { OPEN_INCIDENT_STATUSES, type IncidentStatus } from './statuses.js';

export type IncidentStatusName = IncidentStatus;

const OPEN: readonly IncidentStatusName[] = OPEN_INCIDENT_STATUSES;

/**
 * Which status an update may move an incident to:
 *
 * | from                                  | allowed to                                      |
 * |---------------------------------------|-------------------------------------------------|
 * | investigating / identified / monitoring | any open status, or resolved                  |
 * | resolved                              | postmortem (a resolved incident is not reopened: open a new one) |
 * | postmortem                            | postmortem (a further note on the write-up)     |
 *
 * A new incident may start in any open status, or resolved (backfill of a past outage).
 */
export function canMoveIncident(from: IncidentStatusName, to: IncidentStatusName): boolean {
  if (OPEN.includes(from)) return OPEN.includes(to) || to === 'resolved';
  if (from === 'resolved') return to === 'postmortem';
  return to === 'postmortem';
}

export function isOpenIncidentStatus(s: IncidentStatusName): boolean {
  return OPEN.includes(s);
}

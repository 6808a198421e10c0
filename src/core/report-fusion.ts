// Reports fused with the probes, per component, each time the tick looks: a spike of reporters while the probes
// say up is a notice (banner and one `reports.spike` event); a spike while the probes confirm an outage — its
// service has an open automatic incident — is evidence attached to that incident, and no event of its own.
//
// | open spike | judged spiking | incident open | action                                           |
// |------------|----------------|---------------|--------------------------------------------------|
// | no         | no             | any           | nothing                                          |
// | no         | yes            | no            | start, as a notice (one reports.spike event)      |
// | no         | yes            | yes           | start, as evidence on the incident (no event)     |
// | yes        | yes            | any           | keep: update its counts; attach to a new incident |
// | yes        | no             | any           | end (the notice clears; the evidence stays)       |
import { judgeSpike, type SpikePolicy } from './report-spike.js';

/** What the tick knows of one component's reports and probes. */
export interface ComponentReports {
  componentId: string;
  /** Distinct reporting networks in the current 15-minute window. */
  current: number;
  /** The same window on earlier days. */
  baseline: number[];
  /** The open automatic incident of the component's service, if the probes confirm an outage. */
  incidentId: string | null;
  /** The open spike, if any. */
  open: { id: string; incidentId: string | null; peakSources: number } | null;
}

export type SpikeAction =
  | { kind: 'start'; componentId: string; incidentId: string | null; current: number; threshold: number; usual: number }
  | { kind: 'keep'; id: string; componentId: string; incidentId: string | null; peakSources: number }
  | { kind: 'end'; id: string; componentId: string };

/** The action for one component (null: nothing to do). */
export function decideSpike(c: ComponentReports, policy: SpikePolicy): SpikeAction | null {
  const j = judgeSpike(c.current, c.baseline, c.open !== null, policy);
  if (!c.open) return j.spiking ? { kind: 'start', componentId: c.componentId, incidentId: c.incidentId, current: c.current, threshold: j.threshold, usual: j.usual } : null;
  if (!j.spiking) return { kind: 'end', id: c.open.id, componentId: c.componentId };
  // Once attached to an incident it stays evidence there, also after that incident is resolved.
  return { kind: 'keep', id: c.open.id, componentId: c.componentId, incidentId: c.open.incidentId ?? c.incidentId, peakSources: Math.max(c.open.peakSources, c.current) };
}

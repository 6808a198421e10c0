// The control probe of a location's round: can this place reach the network at all? Any HTTP answer says yes.
import type { HttpMonitorSpec } from '../core/monitor.js';
import type { ErrorClass } from '../core/types.js';
import type { Probe } from './types.js';

/** Probe `url` once with the location's own prober; only a transport failure (no answer) is kept. */
export async function probeControl(probe: Probe, url: string): Promise<{ errorClass: ErrorClass | null }> {
  const spec: HttpMonitorSpec = {
    id: 'control', name: 'control probe', component: 'control', group: null, timeoutMs: 5000, intervalSeconds: 60, degradedAboveMs: null,
    failuresBeforeDown: 1, successesBeforeUp: 1, retryDelayMs: 0, type: 'http', url, method: 'GET', headers: {}, body: null,
    expectedStatus: [], assertions: [], followRedirects: false, certificateExpiry: null,
  };
  const result = await probe(spec);
  return { errorClass: result.errorClass };
}

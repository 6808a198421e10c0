import { describe, expect, it } from 'vitest';
import { decideSpike, type ComponentReports } from '../../src/core/report-fusion.js';
import { DEFAULT_SPIKE_POLICY } from '../../src/core/report-spike.js';

const quiet = [0, 1, 0, 2, 1, 0, 1];
const base = (over: Partial<ComponentReports>): ComponentReports => ({ componentId: 'app-api', current: 0, baseline: quiet, incidentId: null, open: null, ...over });
const open = (incidentId: string | null = null) => ({ id: 'rsp_1', incidentId, peakSources: 30 });

describe('decideSpike (the truth table in src/core/report-fusion.ts)', () => {
  it.each([
    ['no spike, not spiking', base({ current: 3 }), null],
    ['not spiking, an incident open', base({ current: 3, incidentId: 'inc_1' }), null],
    ['spiking, probes up: a notice', base({ current: 40 }), { kind: 'start', incidentId: null, current: 40 }],
    ['spiking, incident open: evidence', base({ current: 40, incidentId: 'inc_1' }), { kind: 'start', incidentId: 'inc_1' }],
    ['open notice, still spiking: kept, peak raised', base({ current: 50, open: open() }), { kind: 'keep', id: 'rsp_1', incidentId: null, peakSources: 50 }],
    ['open notice, an incident opens: attached to it', base({ current: 20, incidentId: 'inc_2', open: open() }), { kind: 'keep', incidentId: 'inc_2', peakSources: 30 }],
    ['open evidence, incident resolved: stays evidence of it', base({ current: 20, incidentId: null, open: open('inc_1') }), { kind: 'keep', incidentId: 'inc_1' }],
    ['open, above the lower bound: kept (hysteresis)', base({ current: 8, open: open() }), { kind: 'keep' }],
    ['open, fallen below the lower bound: ended', base({ current: 3, open: open() }), { kind: 'end', id: 'rsp_1' }],
  ] as const)('%s', (_what, input, expected) => {
    const action = decideSpike(input, DEFAULT_SPIKE_POLICY);
    if (expected === null) expect(action).toBeNull();
    else expect(action).toMatchObject(expected);
  });
});

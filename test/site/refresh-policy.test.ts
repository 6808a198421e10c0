import { describe, expect, it } from 'vitest';
import { refreshAfterTick } from '../../src/site/refresh-policy.js';

const change = { monitorId: 'm', from: 'up', to: 'down' };

describe('refreshAfterTick', () => {
  it.each([
    { case: 'nothing changed, refreshed 10 s ago', tick: { transitions: [] }, ago: 10_000, refresh: false },
    { case: 'nothing changed, refreshed just under the limit', tick: { transitions: [] }, ago: 59_999, refresh: false },
    { case: 'nothing changed, refreshed at the limit', tick: { transitions: [] }, ago: 60_000, refresh: true },
    { case: 'a monitor changed status', tick: { transitions: [change] }, ago: 1, refresh: true },
    { case: 'the tick failed (database gone)', tick: { transitions: [], error: 'connect ECONNREFUSED' }, ago: 1, refresh: true },
  ])('$case → $refresh', ({ tick, ago, refresh }) => {
    const now = 1_000_000;
    expect(refreshAfterTick(tick, now - ago, now, 60_000)).toBe(refresh);
  });

  it('a limit of 0 refreshes after every tick', () => {
    expect(refreshAfterTick({ transitions: [] }, 5, 5, 0)).toBe(true);
  });
});

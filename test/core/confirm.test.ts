import { describe, expect, it } from 'vitest';
import { foldVerdict, INITIAL_CONFIRM_STATE, needsReprobe, type ConfirmState } from '../../src/core/confirm.js';
import type { Verdict } from '../../src/core/types.js';

const policy = { failuresBeforeDown: 2, successesBeforeUp: 2 };
const run = (verdicts: Verdict[], from: ConfirmState = INITIAL_CONFIRM_STATE) => verdicts.reduce((s, v) => foldVerdict(s, v, policy), from);
const up: ConfirmState = { status: 'up', failStreak: 0, okStreak: 5 };
const down: ConfirmState = { status: 'down', failStreak: 5, okStreak: 0 };

describe('foldVerdict', () => {
  it.each<[string, ConfirmState, Verdict[], ConfirmState['status']]>([
    ['first success decides at once', INITIAL_CONFIRM_STATE, ['up'], 'up'],
    ['first degraded decides at once', INITIAL_CONFIRM_STATE, ['degraded'], 'degraded'],
    ['one failure from unknown is not yet down', INITIAL_CONFIRM_STATE, ['down'], 'unknown'],
    ['two failures from unknown are down', INITIAL_CONFIRM_STATE, ['down', 'down'], 'down'],
    ['one failure while up stays up', up, ['down'], 'up'],
    ['a blip between successes stays up', up, ['down', 'up', 'down', 'up'], 'up'],
    ['two failures while up go down', up, ['down', 'down'], 'down'],
    ['one success while down stays down', down, ['up'], 'down'],
    ['two successes while down recover', down, ['up', 'up'], 'up'],
    ['recovery into degraded', down, ['up', 'degraded'], 'degraded'],
    ['an interrupted recovery stays down', down, ['up', 'down', 'up'], 'down'],
    ['latency flips freely while up', up, ['degraded', 'up', 'degraded'], 'degraded'],
  ])('%s', (_name, from, verdicts, expected) => {
    expect(run(verdicts, from).status).toBe(expected);
  });

  it('counts streaks and resets the other one', () => {
    expect(run(['down', 'down', 'down'], up)).toEqual({ status: 'down', failStreak: 3, okStreak: 0 });
    expect(run(['down', 'up'], up)).toEqual({ status: 'up', failStreak: 0, okStreak: 1 });
  });
});

describe('needsReprobe', () => {
  it('re-probes a first failure until the threshold, then stops', () => {
    const once = foldVerdict(up, 'down', policy);
    expect(needsReprobe(once, policy)).toBe(true);
    expect(needsReprobe(foldVerdict(once, 'down', policy), policy)).toBe(false);
  });
  it('re-probes a first success while down, not a success while up', () => {
    expect(needsReprobe(foldVerdict(down, 'up', policy), policy)).toBe(true);
    expect(needsReprobe(foldVerdict(up, 'up', policy), policy)).toBe(false);
  });
  it('never re-probes with a threshold of one', () => {
    const p1 = { failuresBeforeDown: 1, successesBeforeUp: 1 };
    expect(needsReprobe(foldVerdict(up, 'down', p1), p1)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { DatabaseGate, DatabaseUnavailableError, isDatabaseUnreachable } from '../../src/db/unavailable.js';

describe('the database gate', () => {
  it('refuses at once for the cooldown after an unreachable answer, then lets one request try at a time', () => {
    let now = 0;
    const gate = new DatabaseGate(1000, () => now);
    const a = gate.enter();
    expect(a.go).toBe(true);
    if (a.go) a.done(true); // found the database unreachable
    expect(gate.enter().go).toBe(false);
    now = 1000;
    const trial = gate.enter();
    expect(trial.go).toBe(true);
    expect(gate.enter().go).toBe(false); // one trial at a time
    if (trial.go) trial.done(true);
    now = 1500;
    expect(gate.enter().go).toBe(false);
    now = 2000;
    const second = gate.enter();
    if (second.go) second.done(false); // it answered
    expect(gate.enter().go).toBe(true);
    expect(gate.enter().go).toBe(true);
  });

  it('tells connection failures from other errors', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('write CONNECT_TIMEOUT'), { code: 'CONNECT_TIMEOUT' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(new DatabaseUnavailableError())).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('boom'))).toBe(false);
  });
});

// The consumer's own connection budget (miniflare does not enforce the Workers limit): never more than `slots` at once,
// every call run, in the order they came.
import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/scheduler/limiter.js';

describe('createLimiter', () => {
  it.each([1, 5, 6])('keeps at most %i calls in flight over 40 calls of uneven length, and runs them all in order', async (slots) => {
    const limit = createLimiter(slots);
    let open = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => limit(async () => {
      started.push(i);
      peak = Math.max(peak, ++open);
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      open--;
      return i * 2;
    })));
    expect(peak).toBe(slots);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('frees the slot of a call that throws', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });
});

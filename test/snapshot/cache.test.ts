// The snapshot cache: single flight, refresh at most so often, keep the last good snapshot when the database fails.
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../src/log.js';
import { SnapshotCache } from '../../src/snapshot/cache.js';
import { cacheApiSnapshotStore, memorySnapshotStore, type CacheLike } from '../../src/snapshot/store.js';
import type { StatusSnapshot } from '../../src/snapshot/types.js';
import { fakeClock } from '../helpers/tick.js';

const snap = (at: number): StatusSnapshot => ({ generatedAt: at, indicator: 'none', components: [], incidents: [], incidentTitles: {}, maintenances: [], queries: 3 });

function setup(over: { fail?: () => boolean; slowMs?: number } = {}) {
  const clock = fakeClock();
  const calls = { n: 0 };
  const cache = new SnapshotCache({
    build: async () => {
      calls.n++;
      if (over.slowMs) await new Promise((r) => setTimeout(r, over.slowMs));
      if (over.fail?.()) throw new Error('connect ECONNREFUSED');
      return snap(clock.now().getTime());
    },
    store: memorySnapshotStore(), clock: clock.now, log: silentLog, maxAgeMs: 30_000, retryMs: 5_000, timeoutMs: 50,
  });
  return { clock, calls, cache };
}

describe('SnapshotCache', () => {
  it('builds once for concurrent first visitors, then serves from memory', async () => {
    const { cache, calls } = setup();
    const got = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(calls.n).toBe(1);
    expect(got.every((g) => g?.stale === false)).toBe(true);
    for (let i = 0; i < 50; i++) await cache.get();
    expect(calls.n).toBe(1);
  });

  it('refreshes in the background once the snapshot is older than maxAge, serving the old one meanwhile', async () => {
    const { cache, calls, clock } = setup();
    const first = await cache.get();
    clock.advance(31_000);
    const second = await cache.get();
    expect(second!.snapshot.generatedAt).toBe(first!.snapshot.generatedAt);
    await cache.refresh();
    expect(calls.n).toBe(2);
    expect((await cache.get())!.snapshot.generatedAt).toBe(clock.now().getTime());
  });

  it('keeps the last snapshot when the database fails, marks it stale, and retries at most every retryMs', async () => {
    let down = false;
    const { cache, calls, clock } = setup({ fail: () => down });
    await cache.get();
    down = true;
    expect(await cache.refresh()).toBe(false);
    clock.advance(60_000);
    for (let i = 0; i < 20; i++) {
      const got = await cache.get();
      expect(got!.stale).toBe(true);
      await cache.refresh();
    }
    // One background attempt after the failure window, the rest are the explicit refreshes (single flight each).
    const before = calls.n;
    for (let i = 0; i < 20; i++) await cache.get();
    expect(calls.n - before).toBeLessThanOrEqual(1);
    down = false;
    clock.advance(5_000);
    expect(await cache.refresh()).toBe(true);
    expect((await cache.get())!.stale).toBe(false);
  });

  it('gives nothing on a first start without a database, and retries only after retryMs', async () => {
    const { cache, calls, clock } = setup({ fail: () => true });
    expect(await cache.get()).toBeNull();
    expect(await cache.get()).toBeNull();
    expect(calls.n).toBe(1);
    clock.advance(5_000);
    expect(await cache.get()).toBeNull();
    expect(calls.n).toBe(2);
  });

  it('treats a slow database as failed', async () => {
    const { cache } = setup({ slowMs: 200 });
    expect(await cache.refresh()).toBe(false);
    expect(await cache.get()).toBeNull();
  });

  it('restores the last snapshot from a Cache API store (what a fresh Worker invocation does)', async () => {
    const entries = new Map<string, Response>();
    const fakeCache: CacheLike = {
      match: async (k) => entries.get(String(k))?.clone(),
      put: async (k, r) => void entries.set(String(k), r),
    };
    const store = cacheApiSnapshotStore(fakeCache);
    await store.save(snap(1234));
    const clock = fakeClock(new Date(1234 + 1000));
    const cache = new SnapshotCache({ build: async () => Promise.reject(new Error('db down')), store, clock: clock.now, log: silentLog });
    expect(await cache.get()).toEqual({ snapshot: snap(1234), stale: false });
  });
});

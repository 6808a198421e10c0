// Where the last good snapshot lives between refreshes. Node keeps it in memory; a Worker keeps it in the Cache
// API (per data centre), because each invocation starts with nothing and the database may be the thing that's down.
import type { StatusSnapshot } from './types.js';

export interface SnapshotStore {
  load(): Promise<StatusSnapshot | null>;
  save(snapshot: StatusSnapshot): Promise<void>;
}

export function memorySnapshotStore(): SnapshotStore {
  let kept: StatusSnapshot | null = null;
  return {
    load: async () => kept,
    save: async (s) => {
      kept = s;
    },
  };
}

/** The part of the Workers Cache API this needs (`caches.default` satisfies it). */
export interface CacheLike {
  match(request: Request | string): Promise<Response | undefined>;
  put(request: Request | string, response: Response): Promise<void>;
}

/**
 * A snapshot kept in the Cache API under a synthetic URL. It is stored for a day (the Cache API evicts at will,
 * so this is best effort): long enough to serve "data as of …" through a database outage. The key names the
 * snapshot's format version (v3: day bars as a letter per day plus notes), so a deploy never renders an old shape.
 */
export function cacheApiSnapshotStore(cache: CacheLike, key = 'https://lookout.internal/snapshot/v3'): SnapshotStore {
  return {
    load: async () => {
      const res = await cache.match(key);
      return res ? ((await res.json()) as StatusSnapshot) : null;
    },
    save: async (s) => {
      await cache.put(key, new Response(JSON.stringify(s), { headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=86400' } }));
    },
  };
}

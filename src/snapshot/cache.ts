// The snapshot cache: visitors never reach the database. A refresh runs after each tick or when the snapshot is
// older than `maxAgeMs` (one at a time, at most one attempt per `retryMs`); a failed or slow refresh keeps the
// last good snapshot and marks it stale, so the page keeps answering with "data as of …".
import type { Log } from '../log.js';
import type { SnapshotStore } from './store.js';
import type { StatusSnapshot } from './types.js';

export interface SnapshotCacheOptions {
  build: () => Promise<StatusSnapshot>;
  store: SnapshotStore;
  clock: () => Date;
  log: Log;
  /** A snapshot older than this is refreshed in the background while still being served. */
  maxAgeMs?: number;
  /** After a failed refresh, wait this long before trying again. */
  retryMs?: number;
  /** A refresh slower than this counts as failed (the database is "slow"), but is left to finish. */
  timeoutMs?: number;
  /** Workers: keep a background refresh alive after the response (ctx.waitUntil). */
  defer?: (p: Promise<unknown>) => void;
}

export interface CachedSnapshot {
  snapshot: StatusSnapshot;
  /** The last refresh failed (or the snapshot is older than it should be): show "data as of …". */
  stale: boolean;
}

export class SnapshotCache {
  private current: StatusSnapshot | null = null;
  private inFlight: Promise<boolean> | null = null;
  private lastAttempt = -Infinity;
  private failing = false;
  private readonly maxAgeMs: number;
  private readonly retryMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: SnapshotCacheOptions) {
    this.maxAgeMs = opts.maxAgeMs ?? 30_000;
    this.retryMs = opts.retryMs ?? 5_000;
    this.timeoutMs = opts.timeoutMs ?? 3_000;
  }

  /** Read the database now (single flight); true when a new snapshot was stored. Never throws. */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async doRefresh(): Promise<boolean> {
    this.lastAttempt = this.opts.clock().getTime();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const snapshot = await Promise.race([
        this.opts.build(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`snapshot refresh took longer than ${this.timeoutMs} ms`)), this.timeoutMs))),
      ]);
      this.current = snapshot;
      if (this.failing) this.opts.log('info', 'status snapshot refreshed again');
      this.failing = false;
      await this.opts.store.save(snapshot).catch((err: Error) => this.opts.log('warn', 'could not store the status snapshot', { error: err.message }));
      return true;
    } catch (err) {
      if (!this.failing) this.opts.log('warn', 'status snapshot refresh failed; serving the last one', { error: (err as Error).message });
      this.failing = true;
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The snapshot to serve, or null when there has never been one and the database cannot give one now. */
  async get(): Promise<CachedSnapshot | null> {
    if (!this.current) this.current = await this.opts.store.load().catch(() => null);
    if (!this.current) {
      // First visitor with no snapshot: one attempt (shared by concurrent visitors), rate-limited after failures.
      const now = this.opts.clock().getTime();
      if (this.inFlight || now - this.lastAttempt >= this.retryMs) await this.refresh();
      if (!this.current) return null;
    }
    const now = this.opts.clock().getTime();
    const age = now - this.current.generatedAt;
    if (age > this.maxAgeMs && !this.inFlight && now - this.lastAttempt >= (this.failing ? this.retryMs : 0)) {
      const p = this.refresh();
      this.opts.defer?.(p);
    }
    return { snapshot: this.current, stale: this.failing || age > 3 * this.maxAgeMs };
  }
}

// The public site: refreshed off the request path (after each tick; on Workers in scheduled()), served as bytes.
// A refresh reads, assembles the snapshot and renders every answer all visitors get; a request is a lookup. One
// refresh at a time; a failed refresh keeps the last site, re-rendered with the "as of …" note (and again only
// when time turns more monitors into "no data"). Answers made on demand (older history, one incident, badges) are
// rendered once per publication, concurrent requests sharing the one render.
import type { Log } from '../log.js';
import { assembleSnapshot } from '../snapshot/assemble.js';
import type { StatusData, StatusSnapshot } from '../snapshot/types.js';
import { publish, representationOf, type Encoding, type PublishedFile, type RenderedAnswer, type Representation } from './published-file.js';
import type { PublishedSite, SiteHead, SiteStore } from './store.js';

export interface SiteOptions {
  store: SiteStore;
  /** The answers made at publication, by path. */
  render: (snapshot: StatusSnapshot, stale: boolean) => Map<string, RenderedAnswer>;
  clock: () => Date;
  log: Log;
  /** A read slower than this counts as failed (the database is unreachable or too slow). */
  readTimeoutMs?: number;
  /** After a failed first build, requests wait this long before one tries again. */
  retryMs?: number;
  /**
   * Workers: a stored site older than this is refreshed by the request that finds it (in the background, see
   * `defer`), as data centres without a cron invocation would otherwise serve it forever.
   */
  refreshAfterMs?: number;
  /** Keeps background work alive after the response. */
  defer?: (work: Promise<unknown>) => void;
}

/** The snapshot of a publication, for answers made on demand. */
export interface Published {
  head: SiteHead;
  snapshot: StatusSnapshot;
}

/** An answer made on demand for one publication: pending, then kept as `made`. */
interface MadeAnswer {
  generation: string;
  file: Promise<PublishedFile | null>;
  made?: PublishedFile;
}

/** Monitor statuses as shown: a stale site is rendered again only when these change. */
const shownStatuses = (s: StatusSnapshot) => s.monitors.map((m) => `${m.id}:${m.status}`).join(',');

export class StatusSite {
  /** What the site has cost: database reads and renders (publications and on-demand answers). */
  readonly counts = { reads: 0, renders: 0 };
  private current: (PublishedSite & { shown: string }) | null = null;
  private inFlight: Promise<boolean> | null = null;
  private lastAttempt = -Infinity;
  private published: { generation: string; value: Published } | null = null;
  private readonly answers = new Map<string, MadeAnswer>();

  constructor(private readonly opts: SiteOptions) {}

  /** Read and publish now (one at a time); true when new data was published. Never throws. */
  refresh(read: () => Promise<StatusData>): Promise<boolean> {
    this.inFlight ??= this.doRefresh(read).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async doRefresh(read: () => Promise<StatusData>): Promise<boolean> {
    const now = this.opts.clock();
    this.lastAttempt = now.getTime();
    let data: StatusData;
    try {
      this.counts.reads++;
      data = await withDeadline(read(), this.opts.readTimeoutMs ?? 3_000);
    } catch (err) {
      const last = this.current ?? (await this.loadCurrent());
      if (!last?.stale) this.opts.log('warn', 'status refresh failed; serving the last data, marked stale', { error: (err as Error).message });
      if (last) {
        const snapshot = assembleSnapshot(last.data, now);
        if (!last.stale || shownStatuses(snapshot) !== last.shown) await this.publish(last.data, snapshot, true).catch((e: Error) => this.opts.log('error', 'stale re-render failed', { error: e.message }));
      }
      return false;
    }
    try {
      await this.publish(data, assembleSnapshot(data, now), false);
      return true;
    } catch (err) {
      this.opts.log('error', 'status publication failed', { error: (err as Error).message });
      return false;
    }
  }

  private async publish(data: StatusData, snapshot: StatusSnapshot, stale: boolean): Promise<void> {
    this.counts.renders++;
    const times = { dataAt: snapshot.dataAt ?? data.readAt, generatedAt: data.readAt };
    const rendered = this.opts.render(snapshot, stale);
    const files = new Map<string, PublishedFile>(await Promise.all([...rendered].map(async ([path, answer]) => [path, await publish(answer, times)] as const)));
    // Unique per publication (isolates of a Worker share the store): answers made on demand follow it.
    const site = { generation: `${data.readAt}-${stale ? 'stale-' : ''}${crypto.randomUUID()}`, generatedAt: data.readAt, stale, data, files, shown: shownStatuses(snapshot) };
    this.current = site;
    this.published = { generation: site.generation, value: { head: site, snapshot } };
    await this.opts.store.save(site).catch((err: Error) => this.opts.log('warn', 'could not store the published site', { error: err.message }));
  }

  /** The site kept in the store (a new isolate, or a process that has not published yet). */
  private async loadCurrent(): Promise<(PublishedSite & { shown: string }) | null> {
    const [head, data] = await Promise.all([this.opts.store.head(), this.opts.store.data()]).catch(() => [null, null] as const);
    if (!head || !data) return null;
    return { ...head, data, files: new Map(), shown: shownStatuses(assembleSnapshot(data, this.opts.clock())) };
  }

  /**
   * The best representation of a published answer. When nothing was ever published, one request (shared by
   * concurrent ones, and not again for `retryMs` after a failure) builds the site with `read`.
   */
  async representation(path: string, accepted: readonly Encoding[], read: () => Promise<StatusData>): Promise<Representation | null> {
    const mine = this.current?.files.get(path);
    if (mine) return representationOf(mine, accepted);
    const stored = await this.opts.store.representation(path, accepted).catch(() => null);
    if (stored) this.refreshIfAged(stored.generatedAt, read);
    if (stored || this.current) return stored;
    if (await this.buildFirst(read)) return this.representation(path, accepted, read);
    return null;
  }

  /**
   * The answer to `url` (path and query) if this process has it ready, published or made on demand for the current
   * publication; null otherwise (the request then goes the usual way).
   */
  peek(url: string, accepted: readonly Encoding[]): Representation | null {
    const current = this.current;
    if (!current) return null;
    const file = current.files.get(url);
    if (file) return representationOf(file, accepted);
    const made = this.answers.get(url);
    return made?.made && made.generation === current.generation ? representationOf(made.made, accepted) : null;
  }

  /** The current publication's head and snapshot, or null when there is none. */
  async snapshot(read: () => Promise<StatusData>): Promise<Published | null> {
    const head = this.current ?? (await this.opts.store.head().catch(() => null));
    if (!head) return (await this.buildFirst(read)) ? this.snapshot(read) : null;
    if (this.published?.generation === head.generation) return this.published.value;
    const data = this.current?.data ?? (await this.opts.store.data().catch(() => null));
    if (!data) return null;
    const value = { head, snapshot: assembleSnapshot(data, this.opts.clock()) };
    this.published = { generation: head.generation, value };
    return value;
  }

  private refreshIfAged(generatedAt: number, read: () => Promise<StatusData>): void {
    const now = this.opts.clock().getTime();
    const { refreshAfterMs, defer } = this.opts;
    if (refreshAfterMs === undefined || now - generatedAt <= refreshAfterMs || this.inFlight || now - this.lastAttempt < (this.opts.retryMs ?? 5_000)) return;
    const work = this.refresh(read);
    defer?.(work);
  }

  /** A first build when there is no site at all: true when one was published. */
  private async buildFirst(read: () => Promise<StatusData>): Promise<boolean> {
    const now = this.opts.clock().getTime();
    if (!this.inFlight && now - this.lastAttempt < (this.opts.retryMs ?? 5_000)) return false;
    await this.refresh(read);
    return this.current !== null && !this.current.stale;
  }

  /**
   * An answer made on demand from the current publication: rendered once per publication and key (concurrent
   * requests share the render); `produce` returning null means there is nothing to answer with (e.g. the
   * database failed) and nothing is kept.
   */
  async answer(key: string, accepted: readonly Encoding[], read: () => Promise<StatusData>, produce: (p: Published) => Promise<RenderedAnswer | null>): Promise<Representation | null> {
    // Made already for what this process published: a lookup.
    const known = this.answers.get(key);
    if (known?.made && known.generation === this.current?.generation) return representationOf(known.made, accepted);
    const published = await this.snapshot(read);
    if (!published) return null;
    const { head, snapshot } = published;
    let entry = this.answers.get(key);
    if (!entry || entry.generation !== head.generation) {
      const file = produce(published).then((a) => {
        if (!a) return null;
        this.counts.renders++;
        return publish(a, { dataAt: snapshot.dataAt ?? head.generatedAt, generatedAt: head.generatedAt });
      });
      if (this.answers.size >= 500) this.answers.clear();
      const made: MadeAnswer = { generation: head.generation, file };
      entry = made;
      this.answers.set(key, made);
      const forget = () => void (this.answers.get(key) === made && this.answers.delete(key));
      file.then((f) => {
        if (f) made.made = f;
        else forget();
      }, forget);
    }
    const file = await entry.file;
    return file && representationOf(file, accepted);
  }
}

/** `p`, or a rejection after `ms`: postgres.js holds queries through its reconnect backoff instead of failing them. */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

// Where the published site lives between refreshes. Node keeps it in memory; a Worker keeps it in the Cache API
// (per data centre), because each invocation starts with nothing and the database may be the thing that is down.
import type { StatusData } from '../snapshot/types.js';
import { representationOf, type Encoding, type PublishedFile, type Representation } from './published-file.js';

/** What a site was made from, without its files. */
export interface SiteHead {
  /** Changes with every publication (a new read, or the same read marked stale). */
  generation: string;
  /** When its data was read (epoch ms). */
  generatedAt: number;
  /** The last refresh failed: this is older data, marked as such. */
  stale: boolean;
}

export interface PublishedSite extends SiteHead {
  data: StatusData;
  /** By path: the answers every visitor gets, made at publication. */
  files: Map<string, PublishedFile>;
}

export interface SiteStore {
  save(site: PublishedSite): Promise<void>;
  /** The best representation of `path` among the `accepted` encodings (best first), or null. */
  representation(path: string, accepted: readonly Encoding[]): Promise<Representation | null>;
  head(): Promise<SiteHead | null>;
  data(): Promise<StatusData | null>;
}

export function memorySiteStore(): SiteStore {
  let site: PublishedSite | null = null;
  return {
    save: async (s) => {
      site = s;
    },
    representation: async (path, accepted) => {
      const file = site?.files.get(path);
      return file ? representationOf(file, accepted) : null;
    },
    head: async () => site && { generation: site.generation, generatedAt: site.generatedAt, stale: site.stale },
    data: async () => site?.data ?? null,
  };
}

/** The part of the Workers Cache API this needs (`caches.default` satisfies it). */
export interface CacheLike {
  match(request: Request | string): Promise<Response | undefined>;
  put(request: Request | string, response: Response): Promise<void>;
}

const ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'identity'];
const META = 'x-lookout-file';

/**
 * The site in the Cache API under synthetic URLs: a head, the data, and every file once per encoding (a file too
 * small to compress is stored as identity under each, so a request is always one lookup). Kept for a day (the Cache
 * API evicts at will: best effort), long enough to serve "as of …" through a database outage. The key names the
 * format version, so a deploy never reads an old shape.
 */
export function cacheApiSiteStore(cache: CacheLike, base = 'https://lookout.internal/site/v1'): SiteStore {
  const keep = { 'cache-control': 'public, max-age=86400' };
  const fileKey = (path: string, encoding: Encoding) => `${base}/file/${encoding}${path}`;
  const json = async <T>(key: string): Promise<T | null> => {
    const res = await cache.match(key);
    return res ? ((await res.json()) as T) : null;
  };
  return {
    save: async (site) => {
      const puts = [...site.files].flatMap(([path, file]) =>
        ENCODINGS.map((encoding) => {
          const { body, ...meta } = representationOf(file, [encoding]);
          return cache.put(fileKey(path, encoding), new Response(body, { headers: { ...keep, 'content-type': 'application/octet-stream', [META]: JSON.stringify(meta) } }));
        }),
      );
      await Promise.all(puts);
      await cache.put(`${base}/data`, Response.json(site.data, { headers: keep }));
      const head: SiteHead = { generation: site.generation, generatedAt: site.generatedAt, stale: site.stale };
      await cache.put(`${base}/head`, Response.json(head, { headers: keep }));
    },
    representation: async (path, accepted) => {
      const res = await cache.match(fileKey(path, accepted[0] ?? 'identity'));
      if (!res) return null;
      const meta = JSON.parse(res.headers.get(META) ?? 'null') as Omit<Representation, 'body'> | null;
      return meta && { ...meta, body: new Uint8Array(await res.arrayBuffer()) };
    },
    head: () => json<SiteHead>(`${base}/head`),
    data: () => json<StatusData>(`${base}/data`),
  };
}

// Rendered pages, kept per snapshot: a visitor gets bytes rendered for an earlier visitor (or after the last
// refresh), so the cost of a page view is a map lookup. Entries are re-rendered when the snapshot changes, when
// its staleness changes, or after `rerenderMs` (the "20 s ago" text moves on).

export interface RenderedPage {
  status: number;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Epoch ms of the data the page shows (Last-Modified). */
  dataAt: number;
  renderedAt: number;
  generation: string;
}

/**
 * A 64-bit hash (two 32-bit multiply-xor lanes) of the bytes, as hex: the ETag. Synchronous and runtime-neutral
 * (Node and Workers); reads four bytes a step, since a cold page hashes half a megabyte.
 */
export function hashBytes(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ bytes.length;
  const words = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) {
    const w = view.getUint32(i * 4, true);
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193);
    h2 = Math.imul(h2 ^ bytes[i]!, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

const encoder = new TextEncoder();

export class RenderedPages {
  private readonly pages = new Map<string, RenderedPage>();
  constructor(private readonly rerenderMs = 15_000, private readonly maxEntries = 500) {}

  /**
   * The page for `key` under `generation` (snapshot time + staleness), rendering it with `render` only when
   * missing or too old. `render` returning null means "nothing to cache" (e.g. the database failed).
   */
  async get(key: string, generation: string, now: number, render: () => Promise<{ status: number; html: string | Uint8Array<ArrayBuffer>; dataAt: number } | null>): Promise<RenderedPage | null> {
    const hit = this.pages.get(key);
    if (hit && hit.generation === generation && now - hit.renderedAt < this.rerenderMs) return hit;
    const out = await render();
    if (!out) return null;
    const body = typeof out.html === 'string' ? (encoder.encode(out.html) as Uint8Array<ArrayBuffer>) : out.html;
    const page: RenderedPage = { status: out.status, body, etag: `"${hashBytes(body)}"`, dataAt: out.dataAt, renderedAt: now, generation };
    if (this.pages.size >= this.maxEntries) this.pages.clear();
    this.pages.set(key, page);
    return page;
  }
}

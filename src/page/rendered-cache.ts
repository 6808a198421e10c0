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

/**
 * UTF-8 of the chunks, written one after another into one buffer: no string of the whole page is ever built
 * (on these machines, each fresh half-megabyte string or buffer costs ~2 ms of page faults). ASCII is one byte
 * per UTF-16 unit, so the first guess fits unless there is other text; then the buffer grows.
 */
export function encodeChunks(chunks: readonly string[]): Uint8Array<ArrayBuffer> {
  let size = 0;
  for (const c of chunks) size += c.length;
  let buf = new Uint8Array(size + 16);
  let pos = 0;
  for (const chunk of chunks) {
    let rest = chunk;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, buf.subarray(pos));
      pos += written;
      if (read === rest.length) break;
      rest = rest.slice(read);
      const bigger = new Uint8Array(buf.length * 2 + rest.length * 3);
      bigger.set(buf.subarray(0, pos));
      buf = bigger;
    }
  }
  return buf.subarray(0, pos);
}

export class RenderedPages {
  private readonly pages = new Map<string, RenderedPage>();
  constructor(private readonly rerenderMs = 15_000, private readonly maxEntries = 500) {}

  /**
   * The page for `key` under `generation` (snapshot time + staleness), rendering it with `render` only when
   * missing or too old. `render` returning null means "nothing to cache" (e.g. the database failed).
   */
  async get(key: string, generation: string, now: number, render: () => Promise<{ status: number; html: string | readonly string[]; dataAt: number } | null>): Promise<RenderedPage | null> {
    const hit = this.pages.get(key);
    if (hit && hit.generation === generation && now - hit.renderedAt < this.rerenderMs) return hit;
    const out = await render();
    if (!out) return null;
    const body = typeof out.html === 'string' ? (encoder.encode(out.html) as Uint8Array<ArrayBuffer>) : encodeChunks(out.html);
    const page: RenderedPage = { status: out.status, body, etag: `"${hashBytes(body)}"`, dataAt: out.dataAt, renderedAt: now, generation };
    if (this.pages.size >= this.maxEntries) this.pages.clear();
    this.pages.set(key, page);
    return page;
  }
}

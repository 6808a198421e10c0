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
  const n = bytes.length;
  const words = n >>> 2;
  let h1 = mixWords(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), words, 0x811c9dc5, 0x01000193 ^ n);
  let h2 = mixedH2;
  // The last 0-3 bytes as one more word, computed the same way whatever their number.
  const at = words * 4;
  const last = (at < n ? bytes[at]! : 0) | (at + 1 < n ? bytes[at + 1]! << 8 : 0) | (at + 2 < n ? bytes[at + 2]! << 16 : 0);
  h1 = Math.imul(h1 ^ last, 0x01000193);
  h2 = Math.imul(h2 ^ last, 0x5bd1e995);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** mixWords' second lane (set by each call, read right after it). */
let mixedH2 = 0;

/**
 * The word loop, in a function of its own whose code after the loop does nothing but hand the lanes back: V8
 * compiles a long loop while it runs (on-stack replacement), and arithmetic after the loop that had not run yet
 * made that compiled code bail out on every page hashed.
 */
function mixWords(view: DataView, words: number, h1: number, h2: number): number {
  for (let i = 0; i < words; i++) {
    const w = view.getUint32(i * 4, true);
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h2 = Math.imul(h2 ^ w, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  mixedH2 = h2;
  return h1;
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

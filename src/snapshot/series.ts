// A component's rollups for the page, summed over its monitors into flat typed arrays: one slot per day of the
// 90-day window and per hour of the last 24, each with counts (up, degraded, down, maintenance), a latency
// histogram and the highest latency seen. Rollup text (src/db/page-digests.ts rollupRowText, rollupLivePartText) is parsed straight
// into these: no object per rollup row, which with 100 monitors x 90 days made garbage collection the biggest
// cost of a cold page.
import { HIST_SIZE, medianAndP95Into } from '../core/latency.js';
import type { StatusCounts } from '../core/uptime.js';
import type { LatencySeries } from './types.js';

const HOUR = 3600_000;
const DAY = 86400_000;

/** Where slot 0 starts, how many slots there are and from which slot on histograms count, for days and hours. */
export interface SeriesFrame {
  day0: number;
  days: number;
  dayHistFrom: number;
  hour0: number;
  hours: number;
  hourHistFrom: number;
}

/**
 * Slots of one kind (days or hours). Histograms are kept only from slot `histFrom` on (what the charts show).
 * Rows after the last slot still count towards uptime (`later`).
 */
export class SlotSeries {
  readonly counts: Int32Array;
  readonly has: Uint8Array;
  /** Histograms of slots histFrom.. in a row, HIST_SIZE counts each. */
  readonly hist: Int32Array;
  /** Highest latency per slot (from histFrom) among rows that brought a histogram; NaN when none did. */
  readonly max: Float64Array;
  readonly later = { up: 0, degraded: 0, down: 0, maintenance: 0, seen: false };

  constructor(readonly start: number, readonly step: number, readonly size: number, readonly histFrom: number, arena = new ArrayArena(SlotSeries.bytes(size, histFrom))) {
    this.counts = arena.int32(size * 4);
    this.has = arena.uint8(size);
    this.hist = arena.int32(Math.max(0, size - histFrom) * HIST_SIZE);
    this.max = arena.float64(Math.max(0, size - histFrom)).fill(NaN);
  }

  /** Bytes of the arrays of one SlotSeries (each rounded up to 8, as ArrayArena lays them out). */
  static bytes(size: number, histFrom: number): number {
    const hists = Math.max(0, size - histFrom);
    return align8(size * 16) + align8(size) + align8(hists * HIST_SIZE * 4) + hists * 8;
  }

  /** Counts of slot `i`, or undefined when no rollup row fell into it. Written into `into` when given. */
  countsAt(i: number, into?: StatusCounts): StatusCounts | undefined {
    if (i < 0 || i >= this.size || !this.has[i]) return undefined;
    const c = this.counts;
    const out = into ?? { up: 0, degraded: 0, down: 0, maintenance: 0 };
    out.up = c[4 * i]!;
    out.degraded = c[4 * i + 1]!;
    out.down = c[4 * i + 2]!;
    out.maintenance = c[4 * i + 3]!;
    return out;
  }

  /** Summed counts of slots from `from` on (and rows after the last slot); `seen` is false without any row. */
  sumFrom(from: number): StatusCounts & { seen: boolean } {
    const acc = { ...this.later };
    const c = this.counts;
    for (let i = Math.max(0, from); i < this.size; i++) {
      if (!this.has[i]) continue;
      acc.seen = true;
      acc.up += c[4 * i]!;
      acc.degraded += c[4 * i + 1]!;
      acc.down += c[4 * i + 2]!;
      acc.maintenance += c[4 * i + 3]!;
    }
    return acc;
  }

  /** p50/p95 for `count` slots from slot `from`; slots with an empty histogram have nulls (a gap, not a guess). */
  latency(from: number, count: number): LatencySeries {
    const out: LatencySeries = { from: this.start + from * this.step, stepMs: this.step, p50: new Array(count), p95: new Array(count) };
    for (let k = 0; k < count; k++) {
      const s = from + k;
      const h = s - this.histFrom;
      if (s < 0 || s >= this.size || h < 0) {
        out.p50[k] = out.p95[k] = null;
        continue;
      }
      const max = Number.isNaN(this.max[h]!) ? null : this.max[h]!;
      medianAndP95Into(this.hist, h * HIST_SIZE, max, out.p50, out.p95, k);
    }
    return out;
  }
}

/** A component's days and hours. */
export class ComponentSeries {
  readonly days: SlotSeries;
  readonly hours: SlotSeries;
  constructor(frame: SeriesFrame, arena = new ArrayArena(ComponentSeries.bytes(frame))) {
    this.days = new SlotSeries(frame.day0, DAY, frame.days, frame.dayHistFrom, arena);
    this.hours = new SlotSeries(frame.hour0, HOUR, frame.hours, frame.hourHistFrom, arena);
  }

  static bytes(frame: SeriesFrame): number {
    return SlotSeries.bytes(frame.days, frame.dayHistFrom) + SlotSeries.bytes(frame.hours, frame.hourHistFrom);
  }
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/**
 * Typed arrays carved one after another out of one zeroed ArrayBuffer: a page's hundreds of components need
 * eight small arrays each, and giving each its own backing store was a measurable part of assembling a snapshot.
 */
export class ArrayArena {
  private offset = 0;
  private readonly buffer: ArrayBuffer;
  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }
  private take(bytes: number): number {
    const at = this.offset;
    if (at + bytes > this.buffer.byteLength) throw new Error(`ArrayArena: ${bytes} bytes asked, ${this.buffer.byteLength - at} left`);
    this.offset = align8(at + bytes);
    return at;
  }
  int32(n: number): Int32Array {
    return new Int32Array(this.buffer, this.take(n * 4), n);
  }
  uint8(n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(n), n);
  }
  float64(n: number): Float64Array {
    return new Float64Array(this.buffer, this.take(n * 8), n);
  }
}

const COMMA = 44, SEMI = 59, SPACE = 32, COLON = 58, ZERO = 48;

const ascii = new TextDecoder();
/** Powers of ten as literals: exact doubles up to 1e22. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * A number written by Postgres for a float8 (`123.5`, `-2`, `1.5e+06`) in bytes `from`..`to`, without making a
 * string of it (a page has thousands). Mantissa and power of ten are exact below 2^53 and 10^22, so one division or
 * multiplication rounds as Number() does; longer forms go through Number().
 */
export function readNumber(b: Uint8Array, from: number, to: number): number {
  let i = from;
  const negative = b[i] === 45; // '-'
  if (negative || b[i] === 43) i++;
  let mantissa = 0, digits = 0, scale = 0;
  for (; i < to && b[i]! >= ZERO && b[i]! <= ZERO + 9; i++, digits++) mantissa = mantissa * 10 + (b[i]! - ZERO);
  if (b[i] === 46) for (i++; i < to && b[i]! >= ZERO && b[i]! <= ZERO + 9; i++, digits++, scale--) mantissa = mantissa * 10 + (b[i]! - ZERO);
  if (i < to && (b[i] === 101 || b[i] === 69)) {
    i++;
    const negExp = b[i] === 45;
    if (negExp || b[i] === 43) i++;
    let e = 0;
    for (; i < to && b[i]! >= ZERO && b[i]! <= ZERO + 9; i++) e = e * 10 + (b[i]! - ZERO);
    scale += negExp ? -e : e;
  }
  if (i !== to || digits === 0 || digits > 15 || scale > 22 || scale < -22) return Number(ascii.decode(b.subarray(from, to)));
  const v = scale >= 0 ? mantissa * POW10[scale]! : mantissa / POW10[-scale]!;
  return negative ? -v : v;
}

/**
 * Add one part of rollup text of one kind (src/db/page-digests.ts: `monitor;row;row…`, each row
 * `index,up,degraded,down,maintenance,latency max,hist` with trailing empty fields left out, the index left out
 * for the period right after the previous row's, hist as sparse `index:count` pairs separated by spaces, or dense
 * counts from bucket 0 in live rows: rollupLivePartText) to the
 * series of the monitor's component. Parts of monitors not in
 * `seriesOf` and rows before slot 0 are skipped. Parsed by character codes: a row allocates nothing.
 */
export function addRollupText(text: Uint8Array, kind: 'd' | 'h', seriesOf: ReadonlyMap<string, ComponentSeries>): void {
  const n = text.length;
  let i = text.indexOf(SEMI);
  if (i < 0) return;
  const series = seriesOf.get(ascii.decode(text.subarray(0, i)));
  if (!series) return;
  const slots = kind === 'd' ? series.days : series.hours;
  const base = slots.start / slots.step; // slot 0's index (slots start on whole days / hours)
  const counts = [0, 0, 0, 0]; // up, degraded, down, maintenance of the row being read
  let index = -1;
  while (i < n && text[i]! === SEMI) {
    i++;
    // The row's day/hour number, or none: the one after the previous row's.
    const ch0 = text[i]!;
    if (ch0 >= ZERO && ch0 <= ZERO + 9) {
      index = 0;
      for (let ch = ch0; ch >= ZERO && ch <= ZERO + 9; ch = text[++i]!) index = index * 10 + (ch - ZERO);
    } else index++;
    for (let f = 0; f < 4; f++) {
      let v = 0;
      if (text[i]! === COMMA) for (let ch = text[++i]!; ch >= ZERO && ch <= ZERO + 9; ch = text[++i]!) v = v * 10 + (ch - ZERO);
      counts[f] = v;
    }
    // latency max: a real ("123.5", or "1.5e+06" when large).
    let max = NaN;
    if (text[i]! === COMMA) {
      let end = ++i;
      while (end < n && text[end]! !== COMMA && text[end]! !== SEMI) end++;
      if (end > i) max = readNumber(text, i, end);
      i = end;
    }
    const slot = index - base;
    // The slot this row adds to: undefined for a row before slot 0 (outside every window) or after the last one.
    const inSlot = slot >= 0 && slot < slots.size;
    if (slot >= slots.size) {
      const l = slots.later;
      l.up += counts[0]!; l.degraded += counts[1]!; l.down += counts[2]!; l.maintenance += counts[3]!; l.seen = true;
    } else if (inSlot) {
      const c = slots.counts, o = 4 * slot;
      c[o]! += counts[0]!; c[o + 1]! += counts[1]!; c[o + 2]! += counts[2]!; c[o + 3]! += counts[3]!;
      slots.has[slot] = 1;
    }
    // Optional histogram: sparse ",i:c i:c" (digests) or dense ",c c c …" from bucket 0 (live rows), told apart
    // entry by entry by the colon.
    if (text[i]! === COMMA) {
      i++;
      const h = inSlot && slot >= slots.histFrom ? slot - slots.histFrom : -1;
      let any = false;
      for (let next = 0; i < n && text[i]! !== SEMI; next++) {
        let a = 0;
        const start = i;
        for (let ch = text[i]!; ch >= ZERO && ch <= ZERO + 9; ch = text[++i]!) a = a * 10 + (ch - ZERO);
        if (i === start) break;
        let idx = next, v = a;
        if (text[i]! === COLON) {
          i++;
          idx = a;
          v = 0;
          for (let ch = text[i]!; ch >= ZERO && ch <= ZERO + 9; ch = text[++i]!) v = v * 10 + (ch - ZERO);
        }
        if (h >= 0 && idx < HIST_SIZE) slots.hist[h * HIST_SIZE + idx]! += v;
        if (v > 0) any = true;
        if (text[i]! === SPACE) i++;
      }
      if (h >= 0 && any && !Number.isNaN(max)) {
        const seen = slots.max[h]!;
        slots.max[h] = Number.isNaN(seen) ? max : Math.max(seen, max);
      }
    }
    while (i < n && text[i]! !== SEMI) i++;
  }
}

// The front page's bytes, written straight into one growing buffer. A page with a hundred components is half a
// megabyte made of ~9,000 day cells and ~400 chart paths: building each as a string and then encoding the lot
// allocated ~9 MB per render, and the garbage collection that followed was most of a cold page's slow tail. Here
// markup goes in as bytes as it is produced: short ASCII unit by unit, numbers digit by digit, longer or non-ASCII
// text through TextEncoder.encodeInto. The buffer lives outside the JS heap, so it costs the collector nothing.

import { escapeHtml, hasMarkup } from './escape.js';

const encoder = new TextEncoder();
/** Longer strings go through encodeInto (native); shorter ones are copied unit by unit (no subarray object). */
const SHORT = 64;

export class ByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }

  get length(): number {
    return this.pos;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + extra));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** Markup or already-escaped text, written as UTF-8. */
  str(s: string): this {
    const n = s.length;
    if (n > SHORT) return this.encode(s);
    this.ensure(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) return this.encode(s); // nothing committed yet: pos is only stored below
      buf[pos++] = c;
    }
    this.pos = pos;
    return this;
  }

  private encode(s: string): this {
    let rest = s;
    this.ensure(rest.length);
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, this.buf.subarray(this.pos));
      this.pos += written;
      if (read === rest.length) return this;
      rest = rest.slice(read);
      this.ensure(rest.length * 3);
    }
  }

  /** Text for an HTML text node or a double-quoted attribute: escaped only when it holds a markup character. */
  text(s: string): this {
    return this.str(hasMarkup(s) ? escapeHtml(s) : s);
  }

  /** An integer in decimal (callers round). */
  int(n: number): this {
    if (n < 0) {
      this.ensure(1);
      this.buf[this.pos++] = 45; // '-'
      n = -n;
    }
    if (n < 10) {
      this.ensure(1);
      this.buf[this.pos++] = 48 + n;
      return this;
    }
    if (!Number.isSafeInteger(n)) return this.str(String(n));
    let digits = 0;
    for (let x = n; x > 0; x = Math.floor(x / 10)) digits++;
    this.ensure(digits);
    let at = this.pos + digits;
    this.pos = at;
    for (let x = n; x > 0; x = Math.floor(x / 10)) this.buf[--at] = 48 + (x % 10);
    return this;
  }

  /** The first `length` bytes of `b` (all of them by default): short ones copied in a loop (no subarray object
   * per call), long ones (runs of quiet days) by the runtime's memcpy. */
  bytes(b: Uint8Array, length = b.length): this {
    this.ensure(length);
    const buf = this.buf;
    const at = this.pos;
    if (length > 256) buf.set(length === b.length ? b : b.subarray(0, length), at);
    else for (let i = 0; i < length; i++) buf[at + i] = b[i]!;
    this.pos = at + length;
    return this;
  }

  /** The bytes written so far (a view of the buffer: write nothing more after taking it). */
  done(): Uint8Array<ArrayBuffer> {
    return this.buf.subarray(0, this.pos);
  }
}

const decoder = new TextDecoder();

/** Where text goes that is written either into the page's bytes (a ByteWriter) or into a string (textOf). */
export interface TextSink {
  str(s: string): unknown;
}

/** What `emit` puts into a text sink, as a string. */
export function textOf(emit: (out: TextSink) => void): string {
  let s = '';
  emit({ str: (x) => (s += x) });
  return s;
}

/** What `write` puts into a fresh writer, as a string (for the JSX parts and tests). */
export function written(write: (w: ByteWriter) => void): string {
  const w = new ByteWriter(4096);
  write(w);
  return decoder.decode(w.done());
}

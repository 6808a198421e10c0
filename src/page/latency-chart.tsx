// Response-time chart as inline SVG (no script, no third-party library): p50 and p95 lines over fixed steps,
// gaps where there is no data, and a text alternative that says the same thing in words.
import { raw } from 'hono/html';
import type { LatencySeries } from '../snapshot/types.js';
import { ByteWriter, textOf, written, type TextSink } from './byte-writer.js';
import { escapeHtml } from './escape.js';

const W = 240;
const H = 48;
const FIGURE_START = `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="`;

/** A round axis maximum at or above `v`: 100, 200, 250, 500, 1000, … ms. */
export function niceMax(v: number): number {
  if (v <= 0) return 100;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** SVG path data for one series: "M x y L x y …", a new "M" after each gap. */
function writePath(w: ByteWriter, values: ReadonlyArray<number | null>, max: number): void {
  const step = values.length > 1 ? W / (values.length - 1) : 0;
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      pen = false;
      continue;
    }
    w.str(pen ? 'L' : 'M').int(Math.round(i * step)).str(' ').int(Math.round(H - (Math.min(v, max) / max) * H));
    pen = true;
  }
}

export const seriesPath = (values: ReadonlyArray<number | null>, max: number): string => written((w) => writePath(w, values, max));

/** The chart's text alternative: latest and worst values. */
export const describeLatency = (series: LatencySeries, span: string): string => textOf((out) => emitLatencyWords(out, series, span));

/**
 * describeLatency into a sink: fixed words, the span and numbers (markup takes the span escaped); two hundred
 * charts per page write it without building strings.
 */
function emitLatencyWords(out: TextSink, series: LatencySeries, span: string): void {
  let last = -1;
  let worst = 0;
  for (let i = 0; i < series.p50.length; i++) {
    if (series.p50[i] === null) continue;
    last = i;
    worst = Math.max(worst, series.p95[i] ?? 0);
  }
  out.str('Response time, ');
  out.str(span);
  if (last < 0) {
    out.str(': no data');
    return;
  }
  out.str(': latest p50 ');
  emitMs(out, series.p50[last]!);
  out.str(', p95 ');
  emitMs(out, series.p95[last] ?? null);
  out.str('; highest p95 ');
  emitMs(out, worst);
}

const emitMs = (out: TextSink, v: number | null) => {
  if (v === null) out.str('no data');
  else (out.str(String(Math.round(v))), out.str(' ms'));
};

/**
 * Written straight into the page's bytes (see ByteWriter): a cold page draws two charts for each of up to
 * hundreds of components. The label is the only text that is not fixed, and it is escaped.
 */
export function writeLatencyChart(w: ByteWriter, series: LatencySeries, span: string): void {
  const safeSpan = escapeHtml(span);
  const values95 = series.p95;
  const values50 = series.p50;
  if (!values50.some((v) => v !== null)) {
    w.str('<p class="nodata">');
    emitLatencyWords(w, series, safeSpan);
    w.str('</p>');
    return;
  }
  let top = 0;
  for (let i = 0; i < values95.length; i++) top = Math.max(top, values95[i] ?? 0, values50[i] ?? 0);
  const max = niceMax(top);
  w.str(FIGURE_START);
  emitLatencyWords(w, series, safeSpan);
  w.str('" preserveAspectRatio="none"><path class="p95" d="');
  writePath(w, values95, max);
  w.str('"></path><path class="p50" d="');
  writePath(w, values50, max);
  w.str('"></path></svg><figcaption>').text(span).str(' &middot; <span class="k95">p95</span> <span class="k50">p50</span> &middot; max ').str(String(max)).str(' ms</figcaption></figure>');
}

export const latencyChartHtml = (series: LatencySeries, span: string): string => written((w) => writeLatencyChart(w, series, span));

export function LatencyChart(props: { series: LatencySeries; span: string }) {
  return raw(latencyChartHtml(props.series, props.span));
}

// Response-time chart as inline SVG (no script, no third-party library): p50 and p95 lines over fixed steps,
// gaps where there is no data, and a text alternative that says the same thing in words.
import { raw } from 'hono/html';
import type { LatencySeries } from '../snapshot/types.js';
import { escapeHtml } from './escape.js';

const W = 240;
const H = 48;

/** A round axis maximum at or above `v`: 100, 200, 250, 500, 1000, … ms. */
export function niceMax(v: number): number {
  if (v <= 0) return 100;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** SVG path data for one series: "M x y L x y …", a new "M" after each gap. */
export function seriesPath(values: ReadonlyArray<number | null>, max: number): string {
  const step = values.length > 1 ? W / (values.length - 1) : 0;
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      pen = false;
      continue;
    }
    parts.push((pen ? 'L' : 'M') + Math.round(i * step) + ' ' + Math.round(H - (Math.min(v, max) / max) * H));
    pen = true;
  }
  return parts.join('');
}

const ms = (v: number | null) => (v === null ? 'no data' : `${Math.round(v)} ms`);

/** The chart's text alternative: latest and worst values. */
export function describeLatency(series: LatencySeries, span: string): string {
  let last = -1;
  let worst = 0;
  series.p50.forEach((v, i) => {
    if (v === null) return;
    last = i;
    worst = Math.max(worst, series.p95[i] ?? 0);
  });
  if (last < 0) return `Response time, ${span}: no data`;
  return `Response time, ${span}: latest p50 ${ms(series.p50[last]!)}, p95 ${ms(series.p95[last] ?? null)}; highest p95 ${ms(worst)}`;
}

/**
 * Built as an escaped string rather than JSX: a cold page renders two charts for each of up to hundreds of
 * components, and the JSX nodes were a large part of its time. Every variable part goes through escapeHtml.
 */
export function latencyChartHtml(series: LatencySeries, span: string): string {
  const label = escapeHtml(describeLatency(series, span));
  const values95 = series.p95;
  const values50 = series.p50;
  if (!values50.some((v) => v !== null)) return `<p class="nodata">${label}</p>`;
  let top = 0;
  for (let i = 0; i < values95.length; i++) top = Math.max(top, values95[i] ?? 0, values50[i] ?? 0);
  const max = niceMax(top);
  return (
    `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" preserveAspectRatio="none">` +
    `<path class="p95" d="${seriesPath(values95, max)}"></path><path class="p50" d="${seriesPath(values50, max)}"></path></svg>` +
    `<figcaption>${escapeHtml(span)} &middot; <span class="k95">p95</span> <span class="k50">p50</span> &middot; max ${max} ms</figcaption></figure>`
  );
}

export function LatencyChart(props: { series: LatencySeries; span: string }) {
  return raw(latencyChartHtml(props.series, props.span));
}

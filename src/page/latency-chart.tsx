// Response-time chart as inline SVG (no script, no third-party library): p50 and p95 lines over fixed steps,
// gaps where there is no data, and a text alternative that says the same thing in words.
import type { LatencySeries } from '../snapshot/types.js';

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
  let pen = false;
  const out: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    out.push(`${pen ? 'L' : 'M'}${Math.round(i * step)} ${Math.round(H - (Math.min(v, max) / max) * H)}`);
    pen = true;
  });
  return out.join('');
}

const ms = (v: number | null) => (v === null ? 'no data' : `${Math.round(v)} ms`);

/** The chart's text alternative: latest and worst values. */
export function describeLatency(series: LatencySeries, span: string): string {
  const last = series.p50.findLastIndex((v) => v !== null);
  if (last < 0) return `Response time, ${span}: no data`;
  const worst = Math.max(0, ...series.p50.map((v, i) => (v === null ? 0 : (series.p95[i] ?? 0))));
  return `Response time, ${span}: latest p50 ${ms(series.p50[last]!)}, p95 ${ms(series.p95[last] ?? null)}; highest p95 ${ms(worst)}`;
}

export function LatencyChart(props: { series: LatencySeries; span: string }) {
  const { series, span } = props;
  if (!series.p50.some((v) => v !== null)) return <p class="nodata">{describeLatency(series, span)}</p>;
  const max = niceMax(Math.max(0, ...series.p95.map((v) => v ?? 0), ...series.p50.map((v) => v ?? 0)));
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={describeLatency(series, span)} preserveAspectRatio="none">
        <path class="p95" d={seriesPath(series.p95, max)}></path>
        <path class="p50" d={seriesPath(series.p50, max)}></path>
      </svg>
      <figcaption>{span} · <span class="k95">p95</span> <span class="k50">p50</span> · max {max} ms</figcaption>
    </figure>
  );
}

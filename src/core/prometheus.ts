/**
 * Prometheus text exposition format 0.0.4, written by hand (it is small): `# HELP` and `# TYPE` before each
 * family's samples, each family contiguous, label values escaped, histograms with cumulative `_bucket{le}` up to
 * `+Inf`, `_sum` and `_count`. `promtool check metrics` is the judge (a test runs it).
 */
type Labels = Record<string, string>;

export type MetricFamily =
  | { name: string; help: string; type: 'gauge' | 'counter'; samples: Array<{ labels: Labels; value: number }> }
  | { name: string; help: string; type: 'histogram'; samples: Array<{ labels: Labels; buckets: Array<{ le: number; count: number }>; sum: number; count: number }> };

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label values escape backslash, double quote and newline; HELP text escapes backslash and newline. */
function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go's float formatting as Prometheus reads it: +Inf, -Inf, NaN, otherwise the shortest round-trip form. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

/** Render families in the order given. Families without samples are left out (a HELP/TYPE with nothing is noise). */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    if (!f.samples.length) continue;
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type === 'histogram') {
      for (const s of f.samples) {
        for (const b of s.buckets) lines.push(`${f.name}_bucket${labelText({ ...s.labels, le: formatValue(b.le) })} ${formatValue(b.count)}`);
        if (!s.buckets.some((b) => b.le === Infinity)) lines.push(`${f.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${formatValue(s.count)}`);
        lines.push(`${f.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}`, `${f.name}_count${labelText(s.labels)} ${formatValue(s.count)}`);
      }
    } else {
      for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${formatValue(s.value)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * Cumulative buckets in seconds from a per-bucket histogram in milliseconds (core/latency.ts bounds): Prometheus
 * buckets count observations ≤ le, which is exactly how bucketIndex files a latency.
 */
export function cumulativeBuckets(hist: readonly number[], boundsMs: readonly number[]): Array<{ le: number; count: number }> {
  let running = 0;
  const out = boundsMs.map((ms, i) => {
    running += hist[i] ?? 0;
    return { le: ms / 1000, count: running };
  });
  running += hist.slice(boundsMs.length).reduce((a, b) => a + b, 0);
  out.push({ le: Infinity, count: running });
  return out;
}

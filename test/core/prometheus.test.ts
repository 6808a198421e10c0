import { describe, expect, it } from 'vitest';
import { cumulativeBuckets, formatValue, renderExposition } from '../../src/core/prometheus.js';

describe('renderExposition', () => {
  it('writes HELP and TYPE before contiguous samples and escapes label values', () => {
    const text = renderExposition([
      { name: 'x_up', help: 'Up?\nyes \\ no', type: 'gauge', samples: [{ labels: { monitor: 'a"b\\c\nd' }, value: 1 }] },
      { name: 'x_empty', help: 'nothing', type: 'counter', samples: [] },
      { name: 'x_checks_total', help: 'Checks.', type: 'counter', samples: [{ labels: {}, value: 3 }] },
    ]);
    expect(text).toBe('# HELP x_up Up?\\nyes \\\\ no\n# TYPE x_up gauge\nx_up{monitor="a\\"b\\\\c\\nd"} 1\n# HELP x_checks_total Checks.\n# TYPE x_checks_total counter\nx_checks_total 3\n');
  });

  it('writes histograms with cumulative buckets up to +Inf, _sum and _count', () => {
    const text = renderExposition([{ name: 'h_seconds', help: 'h', type: 'histogram', samples: [{ labels: { m: 'a' }, buckets: cumulativeBuckets([1, 2, 3], [10, 100]), sum: 1.5, count: 6 }] }]);
    expect(text.split('\n')).toEqual([
      '# HELP h_seconds h', '# TYPE h_seconds histogram',
      'h_seconds_bucket{m="a",le="0.01"} 1', 'h_seconds_bucket{m="a",le="0.1"} 3', 'h_seconds_bucket{m="a",le="+Inf"} 6',
      'h_seconds_sum{m="a"} 1.5', 'h_seconds_count{m="a"} 6', '',
    ]);
  });

  it('formats special values as Prometheus does', () => {
    expect([formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(0.25)]).toEqual(['+Inf', '-Inf', 'NaN', '0.25']);
  });
});

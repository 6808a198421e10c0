// Pure parts of the page: day bars, the SVG chart, the Markdown subset, time formatting, published bytes.
import { describe, expect, it } from 'vitest';
import { DayBar, dayTip, describeDays } from '../../src/page/day-bar.js';
import { formatAgo, formatClock, formatDuration, formatMoment, formatMonth } from '../../src/page/format-time.js';
import { LatencyChart, describeLatency, niceMax, seriesPath } from '../../src/page/latency-chart.js';
import { parseBody, plainBody, safeHref } from '../../src/page/markdown.js';
import { Body } from '../../src/page/parts.js';
import { acceptedEncodings, publish, representationOf } from '../../src/site/published-file.js';
import { buildDayBar, dayLevel } from '../../src/snapshot/day-bars.js';

const c = (up: number, degraded = 0, down = 0, maintenance = 0) => ({ up, degraded, down, maintenance });
const DAY = 86400_000;

describe('day bars', () => {
  it.each([
    [c(0), [], 'no_data'],
    [c(100), [], 'operational'],
    [c(90, 10), [], 'degraded_performance'],
    [c(99, 0, 1), [], 'partial_outage'],
    [c(0, 0, 5), [], 'major_outage'],
    [c(0, 0, 0, 5), [], 'under_maintenance'],
    [c(0), ['partial_outage'], 'partial_outage'],
    [c(100), ['major_outage', 'degraded_performance'], 'major_outage'],
    [c(0, 0, 3), ['degraded_performance'], 'major_outage'],
  ] as const)('counts %j with incidents %j → %s', (counts, incidents, level) => {
    expect(dayLevel(counts, incidents)).toBe(level);
  });

  it('builds 90 UTC days ending today, with uptime and the incidents open that day', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const today = Date.UTC(2026, 2, 10);
    const counts = new Map([[today - DAY, c(10, 0, 2)], [today, c(5)]]);
    const cells = buildDayBar(90, now, (day) => counts.get(day) ?? c(0), [
      { id: 'old', startedAt: today - 95 * DAY, resolvedAt: today - 94 * DAY, status: 'major_outage' },
      { id: 'span', startedAt: today - 3 * DAY + 3600_000, resolvedAt: today - 2 * DAY + 3600_000, status: 'degraded_performance' },
      { id: 'open', startedAt: today + 3600_000, resolvedAt: null, status: 'partial_outage' },
    ]);
    expect(cells).toHaveLength(90);
    expect(cells.map((x) => x.level.slice(0, 1)).join('')).toBe('n'.repeat(86) + 'ddpp');
    expect(cells[0]!.day).toBe(today - 89 * DAY);
    expect(cells[89]).toEqual({ day: today, level: 'partial_outage', uptime: 1, incidentIds: ['open'] });
    expect(cells[88]).toEqual({ day: today - DAY, level: 'partial_outage', uptime: 10 / 12, incidentIds: [] });
    expect(cells[86]).toMatchObject({ level: 'degraded_performance', uptime: null, incidentIds: ['span'] });
    expect(cells[87]).toMatchObject({ level: 'degraded_performance', incidentIds: ['span'] });
    expect(cells[85]).toEqual({ day: today - 4 * DAY, level: 'no_data', uptime: null, incidentIds: [] });
    expect(cells.flatMap((x) => x.incidentIds)).not.toContain('old');
  });

  it('says the date, uptime and incidents of a day, and summarises the bar in words', () => {
    const counts = [c(0), c(199, 0, 1), c(10)];
    const first = Date.UTC(2026, 2, 8);
    const cells = buildDayBar(3, new Date('2026-03-10T12:00:00Z'), (day) => counts[(day - first) / DAY]!, [
      { id: 'i1', startedAt: Date.UTC(2026, 2, 9, 5), resolvedAt: Date.UTC(2026, 2, 9, 6), status: 'partial_outage' },
    ]);
    const titles = { i1: 'API errors <b>' };
    expect(dayTip(cells[1]!, titles)).toBe('9 Mar: 99.50 %, Partial outage; API errors <b>');
    expect(dayTip(cells[0]!, {})).toBe('8 Mar: no data');
    expect(describeDays(cells)).toBe('Last 3 days: 1 operational, 1 partial outage (9 Mar), 1 no data.');
    const html = String(DayBar({ cells, titles }));
    expect(html).toContain('<i class="p" tabindex="0" role="img" aria-label="9 Mar: 99.50 %, Partial outage; API errors &lt;b&gt;"></i>');
    // Quiet days are bare (page.js writes their date on hover); the bar says where it starts.
    expect(html).toContain('<div class="bar" data-from="2026-03-08"><i class="n"></i>');
    expect(html).toContain('<i class="o"></i></div>');
    expect(html.match(/<i /g)).toHaveLength(3);
  });
});

describe('response-time chart', () => {
  it('rounds the axis up to a readable maximum', () => {
    expect([0, 1, 99, 101, 240, 260, 999, 1001].map(niceMax)).toEqual([100, 1, 100, 200, 250, 500, 1000, 2000]);
  });

  it('draws gaps where there is no data', () => {
    expect(seriesPath([100, null, 50, 0], 100)).toBe('M0 0M160 24L240 48');
    expect(seriesPath([null, null], 100)).toBe('');
  });

  it('renders inline SVG with a text alternative, or a sentence without data', () => {
    const series = { from: 0, stepMs: 3600_000, p50: [120, null, 110], p95: [300, null, 280] };
    const svg = String(LatencyChart({ series, span: 'last 24 hours' }));
    expect(svg).toMatch(/^<figure><svg viewBox="0 0 240 48" role="img" aria-label="Response time, last 24 hours: latest p50 110 ms, p95 280 ms; highest p95 300 ms"/);
    expect(svg).toContain('<path class="p95" d="M0 19M240 21"');
    expect(svg).not.toContain('<script');
    expect(String(LatencyChart({ series: { from: 0, stepMs: 86400_000, p50: [null], p95: [null] }, span: 'last 7 days' }))).toBe('<p class="nodata">Response time, last 7 days: no data</p>');
    expect(describeLatency({ from: 0, stepMs: 1, p50: [], p95: [] }, 'x')).toBe('Response time, x: no data');
    // The span is escaped wherever it lands in markup.
    const odd = String(LatencyChart({ series, span: '"><b>' }));
    expect(odd).toContain('aria-label="Response time, &quot;&gt;&lt;b&gt;: latest p50 110 ms');
    expect(odd).not.toContain('<b>');
    expect(String(LatencyChart({ series: { from: 0, stepMs: 1, p50: [null], p95: [null] }, span: '<i>' }))).toBe('<p class="nodata">Response time, &lt;i&gt;: no data</p>');
  });
});

describe('Markdown subset for incident bodies', () => {
  it('keeps paragraphs, bold and http(s) links; everything else is text', () => {
    expect(parseBody('One **two** [three](https://example.com/a?b=1&c=2)\n\nSecond\nline')).toEqual([
      [{ kind: 'text', text: 'One ' }, { kind: 'bold', text: 'two' }, { kind: 'text', text: ' ' }, { kind: 'link', text: 'three', href: 'https://example.com/a?b=1&c=2' }],
      [{ kind: 'text', text: 'Second line' }],
    ]);
    expect(parseBody('[x](javascript:alert(1)) [y](/relative) [z](data:text/html,hi)')).toEqual([
      [{ kind: 'text', text: '[x](javascript:alert(1)) [y](/relative) [z](data:text/html,hi)' }],
    ]);
    expect(safeHref('http://a.test/')).toBe('http://a.test/');
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(plainBody('**Bold** and [link](https://a.test)')).toBe('Bold and link');
  });

  it('renders inert: markup in bodies is escaped text', () => {
    const html = String(Body({ text: '<script>alert(1)</script> "><img src=x onerror=alert(1)> **<b>x</b>** [<i>t</i>](https://a.test/"onmouseover="x)' }));
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>&lt;b&gt;x&lt;/b&gt;</strong>');
    expect(html).toContain('href="https://a.test/%22onmouseover=%22x"');
  });
});

describe('time formatting', () => {
  const t = Date.UTC(2023, 2, 6, 17, 19);
  it('shows the page zone with UTC beside it, and "about" for approximate times', () => {
    expect(formatMoment(t, 'America/New_York')).toBe('Mon, 6 Mar 2023, 12:19 EST (17:19 UTC)');
    expect(formatMoment(Date.UTC(2025, 2, 10, 16), 'America/New_York', true)).toBe('about Mon, 10 Mar 2025, 12:00 EDT (16:00 UTC)');
    expect(formatMoment(t, 'UTC')).toBe('Mon, 6 Mar 2023, 17:19 UTC');
    expect(formatClock(Date.UTC(2026, 0, 1, 12, 4, 30))).toBe('12:04 UTC');
    expect(formatMonth(Date.UTC(2023, 2, 1, 3), 'America/New_York')).toBe('February 2023');
  });

  it('says how long ago and how long', () => {
    const now = 1_000_000_000;
    expect([0, 500, 20_000, 125_000, 3 * 3600_000, 3 * 86400_000].map((d) => formatAgo(now - d, now))).toEqual(['just now', 'just now', '20 s ago', '2 min ago', '3 h ago', '3 days ago']);
    expect(formatDuration(80 * 60_000, true)).toBe('about 1 h 20 min');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(51 * 3600_000)).toBe('2 days 3 h');
  });
});

describe('published bytes', () => {
  it('tags the bytes by their digest: stable, and changed by any change', async () => {
    const times = { dataAt: 0, generatedAt: 0 };
    const answer = (body: string) => ({ status: 200, body, headers: {} });
    const a = await publish(answer('x'.repeat(2000)), times);
    expect((await publish(answer('x'.repeat(2000)), times)).identity.headers.etag).toBe(a.identity.headers.etag);
    const seen = new Set([a.identity.headers.etag]);
    for (const at of [0, 999, 1999]) seen.add((await publish(answer(`${'x'.repeat(at)}y${'x'.repeat(1999 - at)}`), times)).identity.headers.etag);
    expect(seen.size).toBe(4);
    expect(a.identity.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(new Set(a.identity.etags).size).toBe(3);
    expect(a.br!.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding', 'content-length': String(a.br!.body.length) });
  });

  it('compresses once, and serves what the client takes', async () => {
    const file = await publish({ status: 200, body: '<i class="o"></i>'.repeat(1000), headers: {} }, { dataAt: 0, generatedAt: 0 });
    expect(file.br!.body.length).toBeLessThan(file.identity.body.length / 20);
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    expect(brotliDecompressSync(file.br!.body).equals(Buffer.from(file.identity.body))).toBe(true);
    expect(gunzipSync(file.gzip!.body).equals(Buffer.from(file.identity.body))).toBe(true);
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip', 'identity']);
    expect(acceptedEncodings('gzip;q=0.5, br;q=0')).toEqual(['gzip', 'identity']);
    expect(acceptedEncodings(undefined)).toEqual(['identity']);
    expect(representationOf(file, ['br', 'gzip', 'identity']).encoding).toBe('br');
    const small = await publish({ status: 200, body: '{}', headers: {} }, { dataAt: 0, generatedAt: 0 });
    expect(representationOf(small, ['br', 'gzip', 'identity']).encoding).toBe('identity');
  });
});

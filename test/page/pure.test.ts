// Pure parts of the page: day bars, the SVG chart, the Markdown subset, time formatting, ETags.
import { describe, expect, it } from 'vitest';
import { bucketIndex, emptyHist } from '../../src/core/latency.js';
import { DayBar, LEVEL_LABEL, dayTip, describeDays } from '../../src/page/day-bar.js';
import { formatAgo, formatClock, formatDay, formatDuration, formatMoment, formatMonth } from '../../src/page/format-time.js';
import { LatencyChart, describeLatency, niceMax, seriesPath } from '../../src/page/latency-chart.js';
import { parseBody, plainBody, safeHref } from '../../src/page/markdown.js';
import { Body } from '../../src/page/parts.js';
import { hashBytes } from '../../src/page/rendered-cache.js';
import { ByteWriter, written } from '../../src/page/byte-writer.js';
import { buildDayBar, dayCells, dayLevel, dayLevels } from '../../src/snapshot/day-bars.js';

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

  it('builds 90 UTC days ending today, with counts and the incidents open that day', () => {
    const now = new Date('2026-03-10T15:00:00Z');
    const today = Date.UTC(2026, 2, 10);
    const counts = new Map([[today - DAY, c(10, 0, 2)], [today, c(5)]]);
    const bar = buildDayBar(90, now, (i) => counts.get(today - (89 - i) * DAY), [
      { incident: { id: 'old', startedAt: today - 95 * DAY, resolvedAt: today - 94 * DAY }, status: 'major_outage' },
      { incident: { id: 'span', startedAt: today - 3 * DAY + 3600_000, resolvedAt: today - 2 * DAY + 3600_000 }, status: 'degraded_performance' },
      { incident: { id: 'open', startedAt: today + 3600_000, resolvedAt: null }, status: 'partial_outage' },
    ]);
    const cells = dayCells(bar);
    expect(cells).toHaveLength(90);
    // Quiet days (operational or no data, no incident) are a letter; the others carry counts and incidents.
    expect(bar.levels).toBe('n'.repeat(86) + 'ggpp');
    expect(bar.notes).toEqual([86, 0, 0, 0, 0, 87, 0, 0, 0, 0, 88, 10, 0, 2, 0, 89, 5, 0, 0, 0]);
    expect(bar.noteIncidents).toEqual([['span'], ['span'], [], ['open']]);
    expect(cells[88]!.counts).toEqual(c(10, 0, 2));
    expect(cells[85]!.counts).toBeNull();
    expect(cells[0]!.day).toBe(today - 89 * DAY);
    expect(cells[89]).toMatchObject({ day: today, level: 'partial_outage', incidentIds: ['open'] });
    expect(cells[88]).toMatchObject({ level: 'partial_outage', incidentIds: [] });
    expect(cells[86]).toMatchObject({ level: 'degraded_performance', incidentIds: ['span'] });
    expect(cells[87]).toMatchObject({ level: 'degraded_performance', incidentIds: ['span'] });
    expect(cells[85]).toMatchObject({ level: 'no_data', incidentIds: [] });
    expect(cells.flatMap((x) => x.incidentIds)).not.toContain('old');
  });

  it('gives every day the level and incidents dayLevel gives it, for random checks and incidents', () => {
    // The bar is built incident by incident (days each one spans); the day-by-day rule is dayLevel. Both must agree.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const statuses = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
    const now = new Date('2026-03-10T15:00:00Z');
    const first = Date.UTC(2026, 2, 10) - 29 * DAY;
    for (let round = 0; round < 200; round++) {
      const counts = Array.from({ length: 30 }, () => (rand(3) === 0 ? undefined : c(rand(3) * 5, rand(4) === 0 ? 1 : 0, rand(5) === 0 ? rand(3) : 0, rand(6) === 0 ? 2 : 0)));
      const incidents = Array.from({ length: rand(6) }, (_, k) => {
        const startedAt = first + (rand(40) - 8) * DAY + rand(DAY);
        return { incident: { id: `i${k}`, startedAt, resolvedAt: rand(4) === 0 ? null : startedAt + rand(5 * DAY) }, status: statuses[rand(5)]! };
      });
      const bar = buildDayBar(30, now, (i) => counts[i], incidents);
      dayCells(bar).forEach((cell, i) => {
        const dayStart = first + i * DAY;
        const open = incidents.filter((x) => x.incident.startedAt < dayStart + DAY && (x.incident.resolvedAt ?? now.getTime()) >= dayStart);
        const level = dayLevel(counts[i] ?? c(0), open.map((x) => x.status));
        expect(cell.level, `round ${round} day ${i}`).toBe(level);
        expect(cell.incidentIds).toEqual(open.map((x) => x.incident.id));
        const quiet = open.length === 0 && (level === 'operational' || level === 'no_data');
        expect(cell.counts).toEqual(quiet ? null : (counts[i] ?? c(0)));
      });
    }
  });

  it('says the date, uptime and incidents of a day, and summarises the bar in words', () => {
    const bar = buildDayBar(3, new Date('2026-03-10T12:00:00Z'), (i) => [undefined, c(199, 0, 1), c(10)][i], [
      { incident: { id: 'i1', startedAt: Date.UTC(2026, 2, 9, 5), resolvedAt: Date.UTC(2026, 2, 9, 6) }, status: 'partial_outage' },
    ]);
    const cells = dayCells(bar);
    expect(dayTip(cells[1]!, new Map([['i1', 'API errors <b>']]))).toBe('9 Mar: 99.50 %, Partial outage; API errors <b>');
    expect(dayTip(cells[0]!, new Map())).toBe('8 Mar: no data');
    // Tooltips are escaped by escaping titles only: everything else in them must be free of markup characters.
    for (const label of Object.values(LEVEL_LABEL)) expect(label).not.toMatch(/[&<>"']/);
    for (let d = 0; d < 366; d++) expect(formatDay(Date.UTC(2026, 0, 1) + d * DAY)).not.toMatch(/[&<>"']/);
    expect(describeDays(bar)).toBe('Last 3 days: 1 operational, 1 partial outage (9 Mar), 1 no data.');
    const html = String(DayBar({ bar, titles: new Map([['i1', 'API errors <b>']]) }));
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

describe('ETag hash', () => {
  it('writes a page into one buffer exactly as TextEncoder would encode the joined text', () => {
    const cases: string[][] = [
      [],
      ['<p>', 'plain ASCII', '</p>'],
      ['caf\u00e9 ', 'na\u00efve', ' \u00b7 ', '\u65e5\u672c'],
      ['x'.repeat(100), '\ud83d\ude80'.repeat(40), 'tail'], // grows mid-chunk, never splitting a surrogate pair
      ['\ud83d\ude80', '', 'a'],
      ['y'.repeat(63), '\u00e9'.repeat(70), 'short \u00e9'], // short and long strings that are not ASCII
    ];
    for (const chunks of cases) {
      const w = new ByteWriter(64); // the smallest buffer: every case grows it
      for (const c of chunks) w.str(c);
      expect([...w.done()]).toEqual([...new TextEncoder().encode(chunks.join(''))]);
    }
  });

  it('writes integers digit by digit and escapes text only where it must', () => {
    for (const n of [0, 7, 10, 99, 240, 1000, 123456789, -5, -48, 2 ** 53 + 2]) expect(written((w) => w.int(n))).toBe(String(n));
    expect(written((w) => w.str('<b>').text('a & b <i>"x"</i> \'y\'').str('</b>'))).toBe('<b>a &amp; b &lt;i&gt;&quot;x&quot;&lt;/i&gt; &#39;y&#39;</b>');
    expect(written((w) => w.text('caf\u00e9'))).toBe('caf\u00e9');
    expect(written((w) => w.bytes(new Uint8Array([104, 105])).int(3))).toBe('hi3');
    // Long copies (runs of quiet days) take another path: whole, a prefix, and across the buffer's growth.
    const long = new TextEncoder().encode('<i class="o"></i>'.repeat(100));
    const out = new ByteWriter(64);
    out.str('x').bytes(long).bytes(long, 17 * 40).bytes(long, 3);
    expect(new TextDecoder().decode(out.done())).toBe('x' + '<i class="o"></i>'.repeat(140) + '<i ');
  });

  it('is stable and changes with the content', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(hashBytes(bytes('abc'))).toBe(hashBytes(bytes('abc')));
    expect(hashBytes(bytes('abc'))).not.toBe(hashBytes(bytes('abd')));
    // A change in any position, in the word-sized part or the tail, changes the hash.
    const page = 'x'.repeat(1001);
    const seen = new Set([hashBytes(bytes(page))]);
    for (const at of [0, 3, 4, 500, 999, 1000]) seen.add(hashBytes(bytes(page.slice(0, at) + 'y' + page.slice(at + 1))));
    expect(seen.size).toBe(7);
    expect(hashBytes(bytes(''))).toMatch(/^[0-9a-f]{16}$/);
    // Tails of 0-3 bytes, including zero bytes, all differ.
    const tails = [[], [0], [0, 0], [0, 0, 0], [1], [0, 1], [1, 0, 0]].map((t) => hashBytes(new Uint8Array([7, 7, 7, 7, ...t])));
    expect(new Set(tails).size).toBe(tails.length);
  });
});

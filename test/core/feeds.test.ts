import { expect, it } from 'vitest';
import { escapeXml, incidentHtml } from '../../src/core/feeds.js';

it('escapeXml escapes the five XML characters and drops control characters XML forbids', () => {
  expect(escapeXml(`<a href="x">'&'</a>\u0000\u001F\t\n`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\t\n');
});

it('incidentHtml lists updates newest first whatever the input order', () => {
  const d = (s: string) => new Date(s);
  const html = incidentHtml({
    id: 'i', title: 't', status: 'resolved', impact: 'major', startedAt: d('2026-01-01T10:00:00Z'), startedApprox: false, resolvedAt: d('2026-01-01T11:00:00Z'),
    resolvedApprox: true, summary: null, updatedAt: d('2026-01-01T11:00:00Z'), sources: [], components: [],
    updates: [
      { id: 'a', status: 'investigating', body: 'first', displayAt: d('2026-01-01T10:00:00Z'), approximate: false },
      { id: 'b', status: 'resolved', body: 'last', displayAt: d('2026-01-01T11:00:00Z'), approximate: true },
    ],
  });
  expect(html.indexOf('last')).toBeLessThan(html.indexOf('first'));
  expect(html).toContain('to <time datetime="2026-01-01T11:00:00.000Z">about 2026-01-01 11:00 UTC</time>');
});

import type { Impact } from './service-status.js';
import type { V2IncidentStatus } from './statuspage-incidents.js';

/** An incident as the feeds need it (db/incident-queries' IncidentRow fits). Updates newest first. */
export interface FeedIncident {
  id: string;
  title: string;
  status: V2IncidentStatus;
  impact: Impact;
  startedAt: Date;
  startedApprox: boolean;
  resolvedAt: Date | null;
  resolvedApprox: boolean;
  summary: string | null;
  updatedAt: Date;
  sources: ReadonlyArray<{ title: string; url: string }>;
  components: ReadonlyArray<{ name: string }>;
  updates: ReadonlyArray<{ id: string; status: V2IncidentStatus; body: string; displayAt: Date; approximate: boolean }>;
}

export interface FeedPage {
  title: string;
  /** Absolute base URL of the status page, without a trailing slash. */
  url: string;
}

const STATUS_WORD: Record<V2IncidentStatus, string> = {
  investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved', postmortem: 'Postmortem',
};

// XML 1.0 forbids most control characters even as references: drop them rather than emit an invalid feed.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escape text for XML (and HTML) element content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function when(d: Date, approximate: boolean): string {
  const text = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<time datetime="${d.toISOString()}">${approximate ? `about ${text}` : text}</time>`;
}

/**
 * The HTML of one incident for a feed entry: what happened, which components, then one block per update, newest
 * first, with "about" on times known only roughly, then the sources. Every piece of text is escaped here; the
 * feed escapes the whole HTML once more as the element's text.
 */
export function incidentHtml(i: FeedIncident): string {
  const parts: string[] = [];
  const span = i.resolvedAt ? ` to ${when(i.resolvedAt, i.resolvedApprox)}` : ' (ongoing)';
  parts.push(`<p>Impact: ${escapeXml(i.impact)}. From ${when(i.startedAt, i.startedApprox)}${span}.</p>`);
  if (i.components.length) parts.push(`<p>Affected: ${i.components.map((c) => escapeXml(c.name)).join(', ')}.</p>`);
  if (i.summary) parts.push(`<p>${escapeXml(i.summary)}</p>`);
  const updates = [...i.updates].sort((a, b) => b.displayAt.getTime() - a.displayAt.getTime());
  for (const u of updates) parts.push(`<div><p><strong>${STATUS_WORD[u.status] ?? escapeXml(u.status)}</strong> — ${when(u.displayAt, u.approximate)}</p><p>${escapeXml(u.body)}</p></div>`);
  if (i.sources.length) parts.push(`<p>Sources:</p><ul>${i.sources.map((s) => `<li><a href="${escapeXml(s.url)}">${escapeXml(s.title)}</a></li>`).join('')}</ul>`);
  return parts.join('');
}

const incidentUrl = (page: FeedPage, id: string) => `${page.url}/incidents/${encodeURIComponent(id)}`;
const latest = (incidents: readonly FeedIncident[], fallback: Date) => incidents.reduce((a, i) => (i.updatedAt > a ? i.updatedAt : a), new Date(0)).getTime() || fallback.getTime();

/** Atom 1.0 (RFC 4287): one entry per incident, newest first, HTML content. */
export function renderAtom(page: FeedPage, incidents: readonly FeedIncident[], now: Date): string {
  const updated = new Date(latest(incidents, now)).toISOString();
  const entries = incidents.map(
    (i) => `<entry>
<id>${escapeXml(incidentUrl(page, i.id))}</id>
<title>${escapeXml(i.title)}</title>
<published>${i.startedAt.toISOString()}</published>
<updated>${i.updatedAt.toISOString()}</updated>
<link rel="alternate" type="text/html" href="${escapeXml(incidentUrl(page, i.id))}"/>
<content type="html">${escapeXml(incidentHtml(i))}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>${escapeXml(`${page.url}/history`)}</id>
<title>${escapeXml(`${page.title} — incident history`)}</title>
<updated>${updated}</updated>
<author><name>${escapeXml(page.title)}</name></author>
<link rel="alternate" type="text/html" href="${escapeXml(`${page.url}/history`)}"/>
<link rel="self" type="application/atom+xml" href="${escapeXml(`${page.url}/history.atom`)}"/>
${entries.join('\n')}
</feed>
`;
}

/** RSS 2.0: the same entries as the Atom feed; dates in RFC 822 as RSS requires. */
export function renderRss(page: FeedPage, incidents: readonly FeedIncident[], now: Date): string {
  const items = incidents.map(
    (i) => `<item>
<title>${escapeXml(i.title)}</title>
<link>${escapeXml(incidentUrl(page, i.id))}</link>
<guid isPermaLink="true">${escapeXml(incidentUrl(page, i.id))}</guid>
<pubDate>${i.startedAt.toUTCString()}</pubDate>
<description>${escapeXml(incidentHtml(i))}</description>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${escapeXml(`${page.title} — incident history`)}</title>
<link>${escapeXml(`${page.url}/history`)}</link>
<description>${escapeXml(`Incidents reported on ${page.title}, newest first`)}</description>
<language>en</language>
<lastBuildDate>${new Date(latest(incidents, now)).toUTCString()}</lastBuildDate>
<atom:link href="${escapeXml(`${page.url}/history.rss`)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

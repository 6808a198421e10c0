import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageConfig } from '../../src/config/schema.js';
import { createApp } from '../../src/http/app.js';
import { silentLog } from '../../src/log.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { insertIncident } from '../helpers/status-fixtures.js';

const NOW = new Date('2026-03-10T15:20:00Z');
let db: TestDb;
const app = () => createApp({ sql: () => db.sql, page: PageConfig.parse({ title: 'X <status> & co', url: 'https://status.example' }), clock: () => NOW, log: silentLog, adminToken: undefined, runTick: async () => { throw new Error('unused'); } });
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'item', 'link'].includes(name) });

async function fetchFeed(path: string) {
  const res = await app().request(path);
  expect(res.status, path).toBe(200);
  const text = await res.text();
  expect(XMLValidator.validate(text), path).toBe(true);
  return { res, text, doc: parser.parse(text) };
}

/** The update blocks of an entry's HTML, as [status, time] pairs in document order. */
function blocks(html: string): Array<[string, string]> {
  return [...html.matchAll(/<strong>(\w+)<\/strong> — <time datetime="([^"]+)">/g)].map((m) => [m[1]!, m[2]!]);
}

beforeAll(async () => {
  db = await createTestDb(dbTargets()[0]!.url);
});
afterAll(() => db.drop());

describe('incident feeds', () => {
  it('Atom: one entry per seeded incident, newest first, updates newest first, approximate times as "about"', async () => {
    const { res, doc } = await fetchFeed('/history.atom');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*'); // web feed readers fetch it from their own origin
    const feed = doc.feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.title).toBe('X <status> & co — incident history');
    expect(feed.entry.map((e: any) => e.id)).toEqual(['https://status.example/incidents/x-2025-03-10', 'https://status.example/incidents/x-2023-03-06']);
    const html: string = feed.entry[1].content['#text'];
    expect(feed.entry[1].content['@_type']).toBe('html');
    expect(blocks(html)).toEqual([
      ['Resolved', '2023-03-06T18:20:00.000Z'], ['Monitoring', '2023-03-06T17:50:00.000Z'], ['Identified', '2023-03-06T17:19:00.000Z'], ['Investigating', '2023-03-06T17:00:00.000Z'],
    ]);
    expect(html).toContain('>about 2023-03-06 18:20 UTC</time>');
    expect(html).toContain('>2023-03-06 17:19 UTC</time>');
    expect(html).toContain('Affected: App (API), Website.');
    expect(html).toMatch(/<a href="https:\/\/www\.zdnet\.com/);
  });

  it('RSS 2.0: the same entries and content', async () => {
    const { res, doc } = await fetchFeed('/history.rss');
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(doc.rss['@_version']).toBe('2.0');
    const items = doc.rss.channel.item;
    expect(items.map((i: any) => i.guid['#text'])).toEqual(['https://status.example/incidents/x-2025-03-10', 'https://status.example/incidents/x-2023-03-06']);
    expect(items[0].pubDate).toBe('Mon, 10 Mar 2025 09:30:00 GMT');
    expect(blocks(items[0].description)).toHaveLength(8);
    const atom = (await fetchFeed('/history.atom')).doc.feed.entry[0].content['#text'];
    expect(items[0].description).toBe(atom);
  });

  it('escapes everything: markup, ampersands, quotes and control characters in titles and bodies', async () => {
    await insertIncident(db.sql, {
      id: 'evil', title: '<script>alert("x")</script> & \'quotes\'\u0007', status: 'investigating', impact: 'minor', startedAt: new Date('2026-03-10T15:00:00Z'),
      components: [{ id: 'app-api', status: 'degraded_performance' }],
      updates: [{ id: 'evil-1', status: 'investigating', body: '</content><x>]]> & <img src=x onerror=alert(1)>', at: new Date('2026-03-10T15:00:00Z') }],
    });
    for (const path of ['/history.atom', '/history.rss']) {
      const { text, doc } = await fetchFeed(path);
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('<img');
      expect(text).not.toContain('\u0007');
      const first = path.endsWith('atom') ? doc.feed.entry[0] : doc.rss.channel.item[0];
      expect(first.title).toBe('<script>alert("x")</script> & \'quotes\'');
      const html: string = path.endsWith('atom') ? first.content['#text'] : first.description;
      // One level of unescaping (the XML parser's) gives HTML in which the body is still text, not markup.
      expect(html).toContain('&lt;/content&gt;&lt;x&gt;]]&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('(ongoing)');
    }
  });

  it('answers with an ETag, Cache-Control, 304 and HEAD', async () => {
    for (const path of ['/history.atom', '/history.rss']) {
      const res = await app().request(path);
      const tag = res.headers.get('etag')!;
      expect(tag).toMatch(/^"/);
      expect(res.headers.get('cache-control')).toMatch(/max-age/);
      expect((await app().request(path, { headers: { 'if-none-match': tag } })).status).toBe(304);
      const head = await app().request(path, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
  });
});

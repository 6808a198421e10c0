import { Hono, type Context } from 'hono';
import type postgres from 'postgres';
import type { PageConfig } from '../config/schema.js';
import { renderAtom, renderRss, type FeedPage } from '../core/feeds.js';
import { listIncidents } from '../db/incident-queries.js';
import { cacheable, STATUS_CACHE } from './http-cache.js';
import { sharedAnswers } from './last-good.js';

/** How many incidents a feed carries: the same 50 as Statuspage's incidents.json. */
const FEED_SIZE = 50;

/** /history.atom and /history.rss: one entry per incident, newest first, each update a block of its HTML. */
export function createFeeds(deps: { sql: () => postgres.Sql; page: PageConfig; clock: () => Date }) {
  const app = new Hono();
  const lastGood = sharedAnswers({ clock: deps.clock, maxEntries: 4 });
  app.use('/history.atom', ...cacheable(STATUS_CACHE), lastGood);
  app.use('/history.rss', ...cacheable(STATUS_CACHE), lastGood);
  const load = async (c: Context) => {
    const page: FeedPage = { title: deps.page.title, url: (deps.page.url ?? new URL(c.req.url).origin).replace(/\/+$/, '') };
    return { page, incidents: await listIncidents(deps.sql(), { limit: FEED_SIZE }) };
  };
  app.get('/history.atom', async (c) => {
    const { page, incidents } = await load(c);
    return c.body(renderAtom(page, incidents, deps.clock()), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });
  app.get('/history.rss', async (c) => {
    const { page, incidents } = await load(c);
    return c.body(renderRss(page, incidents, deps.clock()), 200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  });
  return app;
}

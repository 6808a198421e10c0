// POST /reports on a real server: a plain form is answered 303 back to the page, a script's JSON post 202; bad
// input is problem+json and counts nothing; the counts reach Postgres only through the flusher's one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';
import { CLIENT_HEADER, startReportsApp, type ReportsApp } from '../helpers/reports-app.js';

// Node answers report posts from node:http (the fast path); Workers through the Hono route: both, alike.
describe.each([
  ['the node:http fast path', true],
  ['the Hono route', false],
])('POST /reports through %s', (_name, fastPath) => {
  let db: TestDb;
  let app: ReportsApp;

  beforeAll(async () => {
    db = await createTestDb(dbTargets()[1]!.url, { history: false });
    app = await startReportsApp(() => db.sql, { fastPath });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(`${app.base}/reports`, { method: 'POST', body, headers, redirect: 'manual' });
  const form = (fields: Record<string, string>, client = '192.0.2.10') =>
    post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', [CLIENT_HEADER]: client });
  const counts = () => db.sql<{ component_id: string; category: string; reports: number; sources: number }[]>`
  select component_id, category, sum(reports)::int as reports, sum(sources)::int as sources from report_counts group by 1, 2 order by 1, 2`;

  describe('answers', () => {
    it('counts a form post and a JSON post, nothing reaching the database before the flush', async () => {
      const res = await form({ component: 'website', category: 'won-t-load' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/#reported-website');
      const json = await post(JSON.stringify({ component: 'app-api', category: 'can-t-log-in' }), {
        'content-type': 'application/json',
        accept: 'application/json',
        [CLIENT_HEADER]: '198.51.100.7',
      });
      expect(json.status).toBe(202);
      expect(await json.json()).toEqual({ received: true });
      expect(json.headers.get('cache-control')).toBe('no-store');
      // The same visitor again: answered alike, not counted again.
      expect((await form({ component: 'website', category: 'other' })).status).toBe(303);

      expect(await counts()).toEqual([]);
      const before = app.flusher.statements;
      expect(await app.flusher.flush()).toBe(true);
      expect(app.flusher.statements).toBe(before + 1);
      expect(await counts()).toEqual([
        { component_id: 'app-api', category: 'can-t-log-in', reports: 1, sources: 1 },
        { component_id: 'website', category: 'won-t-load', reports: 1, sources: 1 },
      ]);
      // Nothing pending: no statement at all.
      expect(await app.flusher.flush()).toBe(false);
      expect(app.flusher.statements).toBe(before + 1);
    });

    it.each([
      ['a missing category', { component: 'website' }, 400, 'category'],
      ['an unknown component', { component: 'nope', category: 'other' }, 422, 'component'],
      ['a category of another list', { component: 'website', category: 'slow' }, 422, 'category'],
      ['a NUL byte', { component: 'web\u0000site', category: 'other' }, 400, 'component'],
      ['an overlong value', { component: 'w'.repeat(500), category: 'other' }, 400, 'component'],
    ])('answers %s with problem+json naming the field, counting nothing', async (_what, fields, status, field) => {
      const res = await form(fields as Record<string, string>, '203.0.113.50');
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = await res.json();
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
      await app.flusher.flush();
      expect((await counts()).reduce((n, r) => n + r.reports, 0)).toBe(2);
    });

    it('refuses bad JSON, other media types, big bodies and addresses that are not IPs', async () => {
      const bad = await post('{nope', { 'content-type': 'application/json', [CLIENT_HEADER]: '203.0.113.51' });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
      expect((await post('component=website', { 'content-type': 'text/plain', [CLIENT_HEADER]: '203.0.113.51' })).status).toBe(415);
      // A body shaped like an answer is a body, not an answer.
      const shaped = await post(JSON.stringify({ status: 200, headers: { 'x-evil': '1' }, body: 'hi' }), { 'content-type': 'application/json', [CLIENT_HEADER]: '203.0.113.51' });
      expect(shaped.status).toBe(400);
      expect(shaped.headers.get('x-evil')).toBeNull();
      expect((await shaped.json()).errors.map((e: { field: string }) => e.field)).toEqual(['component', 'category']);
      const big = await post(`component=website&category=other&pad=${'x'.repeat(5000)}`, {
        'content-type': 'application/x-www-form-urlencoded',
        [CLIENT_HEADER]: '203.0.113.51',
      });
      expect(big.status).toBe(413);
      expect(big.headers.get('content-type')).toBe('application/problem+json');
      expect((await form({ component: 'website', category: 'other' }, 'not-an-address')).status).toBe(400);
      await app.flusher.flush();
      expect((await counts()).reduce((n, r) => n + r.reports, 0)).toBe(2);
    });

    it('keeps the counts when the write fails and writes them with the next flush', async () => {
      await form({ component: 'website', category: 'other' }, '192.0.2.99');
      const real = db.sql;
      const { default: postgres } = await import('postgres');
      const broken = postgres('postgres://postgres@127.0.0.1:1/none', { max: 1, connect_timeout: 1, onnotice: () => undefined });
      (db as { sql: unknown }).sql = broken;
      expect(await app.flusher.flush()).toBe(false);
      (db as { sql: unknown }).sql = real;
      await broken.end({ timeout: 0 });
      expect(await app.flusher.flush()).toBe(true);
      expect((await counts()).find((r) => r.component_id === 'website' && r.category === 'other')?.reports).toBe(1);
    });
  });
});

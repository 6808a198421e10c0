// One batch of report counts is one statement, and writing the same batch again (a retry after a lost answer)
// adds nothing; on both servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReportCounts } from '../../src/db/report-store.js';
import { createTestDb, dbTargets, type TestDb } from '../helpers/databases.js';

const minute = Date.UTC(2025, 2, 10, 14, 0);

describe.each(dbTargets())('report counts on the $name server', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target.url, { history: false });
  });
  afterAll(() => db?.drop());

  const total = async () => (await db.sql<{ reports: number; sources: number }[]>`select coalesce(sum(reports), 0)::int as reports, coalesce(sum(sources), 0)::int as sources from report_counts`)[0]!;

  it('adds batches to the minute rows, each batch once', async () => {
    const rows = [
      { componentId: 'website', category: 'other', minute, reports: 3, sources: 2 },
      { componentId: 'app-api', category: 'won-t-load', minute, reports: 1, sources: 1 },
    ];
    await addReportCounts(db.sql, 'batch-1', rows);
    await addReportCounts(db.sql, 'batch-1', rows);
    expect(await total()).toEqual({ reports: 4, sources: 3 });
    await addReportCounts(db.sql, 'batch-2', [{ componentId: 'website', category: 'other', minute, reports: 2, sources: 0 }]);
    const [row] = await db.sql<{ reports: number }[]>`select reports from report_counts where component_id = 'website' and category = 'other' and minute = ${new Date(minute).toISOString()}::timestamptz`;
    expect(row!.reports).toBe(5);
    expect(await total()).toEqual({ reports: 6, sources: 3 });
  });

  it('forgets batch ids after a day', async () => {
    await db.sql`update report_flushes set flushed_at = now() - interval '2 days' where id = 'batch-1'`;
    await addReportCounts(db.sql, 'batch-3', [{ componentId: 'website', category: 'other', minute, reports: 1, sources: 0 }]);
    expect((await db.sql`select id from report_flushes order by id`).map((r) => r.id)).toEqual(['batch-2', 'batch-3']);
  });
});
